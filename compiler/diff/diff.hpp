// `writ diff` as values: the exact change in access between two versions of a policy. Both
// versions are compiled and their facts built; every question is then asked of both reference
// interpreters with the same name-based request (requests name roles and permissions, so one
// request means the same thing to both versions), over a finite request space that covers every
// region either version can tell apart (domain.hpp). A change is a request the two versions
// decide differently; changes are grouped into cubes (a subject, a direction, a scope, the atom
// values under which it holds, the permissions), each with a concrete example request that the
// interpreter decides differently on OLD and NEW. No prose: compiler/report/diff_report.* prints.
// docs/diff.md is the user's reference. Covered by tests/unit/diff/.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compiler/analysis/finding.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/request.hpp"
#include "compiler/source/source.hpp"

namespace writ::diff {

enum class Direction : std::uint8_t { gained, lost };
std::string_view direction_name(Direction d);

/// One input limited to some values: `principal.kind = external`, `context.flag = true`,
/// `context.tier in {"gold", missing}`. Values are printed as the DSL writes them.
struct Atom {
  std::string input;
  std::vector<std::string> values;
  friend auto operator<=>(const Atom&, const Atom&) = default;
};

/// The subject of an access change: holders of one role (by its NEW name; OLD's when it is gone),
/// of two roles together when only the combination changed, or every principal (no role held:
/// what automatic roles give).
struct Subject {
  std::string role;       ///< empty: every principal, through automatic roles only
  std::string old_role;   ///< the role's OLD name when it was renamed; else equal to `role`
  std::vector<std::string> with;  ///< other roles held together with `role` (combination changes)
  friend auto operator<=>(const Subject&, const Subject&) = default;
};

/// A set of changed cells: every permission of `permissions` at `scope`, under every request
/// that satisfies `region` (inputs not named in it may take any value), is decided `direction`
/// (allowed by NEW and denied by OLD for `gained`).
struct AccessCube {
  Subject subject;
  Direction direction = Direction::gained;
  ir::OrgScope scope = ir::OrgScope::self;
  std::vector<Atom> region;               ///< empty: whatever the request
  std::vector<ir::PrincipalKind> kinds;   ///< the principal kinds the cube covers
  std::vector<std::string> permissions;   ///< names `module/path:action`, sorted
  std::vector<Span> new_rules;            ///< rules and forbids NEW's decision of the example cites
  std::vector<Span> old_rules;            ///< likewise for OLD
  ir::Request example;                    ///< decided differently by OLD and NEW
};

/// "holders of `assigner` may (no longer) assign `role`" at the target of `scope`.
struct EdgeChange {
  std::string assigner;   ///< empty: any principal (an `anyone` or automatic authorizer)
  std::string role;
  Direction direction = Direction::gained;
  ir::OrgScope scope = ir::OrgScope::self;
  std::vector<Atom> region;
  std::vector<ir::PrincipalKind> kinds;
  std::vector<Span> new_rules;
  std::vector<Span> old_rules;
  ir::Request example;    ///< ask may_assign(example, role)
};

/// One limit of a grant template or implicit grant that changed. `loosened` when NEW allows more.
struct LimitChange {
  enum class Of : std::uint8_t { template_, implicit };
  Of of = Of::template_;
  std::string name;
  std::string limit;      ///< `max_duration`, `grantable`, `ceiling`, `template` (added/removed), ...
  std::string old_value;  ///< printed; empty when absent
  std::string new_value;
  bool loosened = false;
  Span old_span;
  Span new_span;
};

/// A finding of the analyses present in one version only.
struct FindingChange {
  Direction direction = Direction::gained;  ///< gained: new in NEW
  analysis::Finding finding;                ///< with NEW's spans when gained, OLD's when lost
};

/// For one principal kind, the (permission, scope) cells it can reach.
struct BlastRadius {
  ir::PrincipalKind kind = ir::PrincipalKind::internal;
  std::size_t direct_old = 0, direct_new = 0;  ///< through roles its kind may hold and automatic roles
  std::size_t reach_old = 0, reach_new = 0;    ///< plus what grant templates open to it can give
};

struct Rename {
  std::string old_name;
  std::string new_name;
};

struct Options {
  /// Requests one question may need (the product of the input classes a subject reads); above it
  /// the subject is listed in Result::incomplete instead of being compared in part.
  std::size_t max_assignments = 4096;
  /// Pairs of roles held together whose rules interact (a requirement one meets for the other, a
  /// deny of one under deny_overrides or a forbid selecting one, against what the other allows)
  /// and of which something changed; above it no pair is compared and Result::incomplete says so.
  std::size_t max_pairs = 20000;
  bool findings = true;
  /// Access only: no assignment edges, grant limits or blast radius. For callers that ask "does
  /// this change change any decision of a role's holder" (compiler/equiv/).
  bool access_only = false;
  /// Findings of the layers above the analyses — the assertions of compiler/prove/, which uses
  /// this diff and so cannot be called from it — compared like the analyses' own. Set by the CLI.
  std::function<std::vector<analysis::Finding>(const facts::Facts&)> more_findings;
};

struct Result {
  std::vector<Rename> renamed;
  std::vector<AccessCube> access;
  std::vector<EdgeChange> edges;
  std::vector<LimitChange> limits;
  std::vector<FindingChange> findings;
  std::vector<BlastRadius> blast;
  /// What could not be compared exactly within the bounds of Options, one line each. Never empty
  /// silently: a diff with anything here does not claim "no change".
  std::vector<std::string> incomplete;
  [[nodiscard]] bool no_change() const {
    return access.empty() && edges.empty() && limits.empty() && findings.empty() && renamed.empty() && incomplete.empty();
  }
};

/// Compare two versions. Never throws on any policy; both must have compiled.
Result compare(const facts::Facts& old_facts, const facts::Facts& new_facts, const Options& options = {});

}  // namespace writ::diff
