// The interpreter's working state for one principal at one place: which roles it holds where
// (bindings, automatic roles, live grants, implicit grants — docs/semantics.md §2, §6), which
// candidate sources gave nothing and why, which levels it holds at the target, and the decision
// for a permission. Built once per question from the policy's Facts (nothing of the policy is
// recomputed here) and read-only afterwards apart from memo tables. Internal to compiler/eval/;
// the public API is interpreter.hpp.
// Covered by tests/unit/eval/ (decide_test.cpp, grants_test.cpp and the property tests).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "compiler/eval/decision.hpp"
#include "compiler/eval/org_tree.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/request.hpp"

namespace writ::eval {

/// Whether a grant instance is live at a question (§6.1 checks 1-6: template, revocation, time
/// window with the maximum duration, grantee kind, organization scope). Condition-free, so
/// `principal.has_grant` can be computed from it before anything else.
struct GrantStatus {
  bool live = false;
  bool live_but_scope = false;              ///< every check passed but the last (forbid `template` selectors)
  std::optional<ir::TemplateId> template_;
  std::string org;                          ///< the grant's organization
  Relation relation = Relation::unrelated;  ///< of the target to the grant's organization
  ReasonCode code = ReasonCode::no_rule;    ///< why not live
  std::optional<std::int64_t> instant;      ///< the bound that failed
};

/// The instant a grant stops counting (exclusive), with the template's maximum applied; nullopt
/// when unbounded. `start` is where the maximum is counted from.
struct GrantWindow {
  std::optional<std::int64_t> start;  ///< inclusive; nullopt: unbounded below
  std::optional<std::int64_t> end;    ///< exclusive; nullopt: unbounded above
  bool cut_by_max = false;            ///< the maximum, not valid_to, sets one of the bounds
  bool unbounded_under_max = false;   ///< a maximum applies and the grant has no bound to count from
};
GrantWindow grant_window(const ir::GrantTemplate& t, const ir::GrantInstance& g);

class View {
 public:
  struct Options {
    bool automatic = true;     ///< automatic roles
    bool grants = true;        ///< the principal's grants
    bool implicit = true;      ///< implicit grants
    bool check_grants = true;  ///< false: trust the grants (revocation, time, kind, conditions) - validation only
    bool ceiling = true;       ///< apply `ceiling grantor` at decision time
  };

  View(const facts::Facts& facts, const ir::Request& request, const ir::Principal& principal, Place place, Options options);
  View(const facts::Facts& facts, const ir::Request& request, const ir::Principal& principal, Place place)
      : View(facts, request, principal, std::move(place), Options{}) {}
  View(const View&) = delete;
  View& operator=(const View&) = delete;
  ~View();

  /// §2 for one permission, with every reason.
  [[nodiscard]] Decision decide(ir::PermissionId p) const;
  /// Only the answer of decide(p).
  [[nodiscard]] bool allows(ir::PermissionId p) const;
  /// Every permission decide() allows, by set algebra over the rules (one pass, not one decision
  /// per permission); a property test keeps the two equal.
  [[nodiscard]] ir::PermissionSet allowed() const;

  [[nodiscard]] const std::vector<SourceRef>& sources() const { return sources_; }
  [[nodiscard]] const std::vector<Reason>& notes() const { return notes_; }
  [[nodiscard]] bool has_grant() const { return has_grant_; }
  [[nodiscard]] const Place& place() const { return place_; }
  [[nodiscard]] const ir::Principal& principal() const { return principal_; }
  [[nodiscard]] const facts::Facts& facts() const { return facts_; }

  /// A condition for this principal and request; `relation`: of the target to where the
  /// evaluated role or grant is held (absent where nothing is held: forbids, preconditions).
  [[nodiscard]] ir::Truth evaluate(ir::CondId c, std::optional<Relation> relation) const;
  /// The principal holds `role` (or a role extending it) from a source, at any organization;
  /// `assigned_only`: from bindings and automatic roles only.
  [[nodiscard]] bool holds_role(ir::RoleId role, bool assigned_only = false) const;
  [[nodiscard]] bool requirement_holds(ir::RequirementId r) const;
  [[nodiscard]] bool level_effective(ir::LevelId l) const;

 private:
  struct Outcome;
  Outcome judge(ir::PermissionId p, bool with_reasons) const;
  void collect_bindings();
  void collect_automatic();
  void collect_grants();
  void collect_implicit();
  bool holder_ok(ir::RoleId role, bool note);
  void add_source(SourceRef s, ir::PermissionSet custom = {});
  bool forbid_selects(const ir::Forbid& f) const;
  const View& grantor(std::size_t grant) const;
  /// The effective levels' closure state: 0 unknown, 1 visiting, 2 no, 3 yes.
  bool effective(ir::LevelId l, std::vector<std::uint8_t>& state) const;

  const facts::Facts& facts_;
  const ir::Policy& policy_;
  const ir::Request& request_;
  const ir::Principal& principal_;
  Place place_;
  Options options_;
  bool has_grant_ = false;
  std::vector<SourceRef> sources_;
  std::vector<ir::PermissionSet> custom_;     ///< parallel to sources_: grant_custom's permissions
  std::vector<Reason> notes_;
  std::vector<GrantStatus> grant_status_;
  std::vector<ir::LevelId> held_levels_;      ///< assigned by reaching role sources, distinct
  mutable std::vector<std::uint8_t> effective_;  ///< memo of level_effective
  mutable std::vector<std::unique_ptr<ir::Principal>> grantor_principals_;
  mutable std::vector<std::unique_ptr<View>> grantors_;  ///< per grant index, built on first use
};

GrantStatus grant_status(const ir::Policy& policy, const ir::Request& request, const Place& place, const ir::Principal& grantee,
                         const ir::GrantInstance& grant, bool check_instance);

/// The grantor of a grant as a principal of its own: its kind, account type and current roles.
ir::Principal grantor_of(const ir::GrantInstance& g);

}  // namespace writ::eval
