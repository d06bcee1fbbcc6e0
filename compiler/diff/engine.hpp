// The parts of compare() (compare.cpp), shared between its files; not an interface for callers.
// Each compares one family of questions between the two versions through the interpreter.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "compiler/diff/diff.hpp"
#include "compiler/diff/space.hpp"
#include "compiler/diff/unchanged.hpp"
#include "compiler/eval/decision.hpp"

namespace writ::diff {

/// The two versions.
struct Pair {
  const facts::Facts& old_f;
  const facts::Facts& new_f;
  const Options& options;
  Result& out;
  const Unchanged& unchanged;
};

/// What a set of held roles touches in one version at one scope: every permission a permit or
/// level of their closures (or of an automatic role) allows, and what each rule about it reads —
/// its denies and forbids included. A permission nothing allows is denied by both versions. Conditions are kept per rule, so a question about one permission
/// ranges over the inputs of the rules about that permission only.
struct Touch {
  ir::PermissionSet permissions;  ///< what something allows (without an allow both versions deny)
  Reads reads;  ///< holders' kinds and account types; no conditions (see conditions_of)
  struct Conditional {
    const ir::PermissionSet* permissions;
    ir::CondId when;
  };
  std::vector<Conditional> conditional;
  /// The conditions the rules about `permission` read (sorted, distinct, without `true`).
  [[nodiscard]] std::vector<ir::CondId> conditions_of(const ir::Policy& p, const std::string& permission) const;
};
Touch touch(const facts::Facts& f, const std::vector<std::string>& roles, ir::OrgScope scope);
/// What automatic roles touch (the subject "every principal").
Touch touch_automatic(const facts::Facts& f, ir::OrgScope scope);

/// The id of a permission by its `module/resource:action` name; nullopt when `p` lacks it.
std::optional<ir::PermissionId> permission_id(const ir::Policy& p, const std::string& name);

/// A request of a principal holding `roles` (by name) at `root`, asking `permission` at the target
/// of `scope` (`root` for self, `child` below it for descendants).
ir::Request base_request(const std::vector<std::string>& roles, ir::OrgScope scope, const std::string& permission);

/// Spans of the rules and forbids a decision cites.
std::vector<Span> cited(const ir::Policy& p, const eval::Decision& d);

/// Access changes of one subject (its held roles by name in each version) at `scope`, over
/// `permissions`; a cell that a baseline subject (`baselines`, by name in each version) changes
/// the same way is that subject's change, not this one's.
struct SubjectQuestion {
  Subject subject;
  std::vector<std::string> old_roles, new_roles;
  std::vector<std::vector<std::string>> old_baselines, new_baselines;
  ir::OrgScope scope = ir::OrgScope::self;
  std::set<std::string> permissions;
  Space space;
};
/// Appends cubes to `cubes`; false when the space is above the bound (nothing appended).
bool compare_subject(const Pair& v, const SubjectQuestion& q, std::vector<AccessCube>& cubes);

/// Groups the changed assignments of one (permission, direction) into regions: drops every input
/// on which the set does not depend, then lists what remains.
std::vector<std::vector<Atom>> regions(const Space& space, const std::vector<std::size_t>& changed,
                                       std::vector<std::size_t>* representatives);

/// The kinds a region covers — the ones its `principal.kind` atom names, which it then drops (the
/// kinds say it), or every kind of the space.
std::vector<ir::PrincipalKind> take_kinds(const Space& space, std::vector<Atom>& region);

/// Decides one subject's touched permissions at one scope (q.subject, roles, baselines and scope
/// set); false when a space is above the bound.
bool compare_touched(const Pair& v, SubjectQuestion q, const Touch& to, const Touch& tn, std::vector<AccessCube>& cubes);

void compare_access(const Pair& v);
/// Pairs of roles held together whose rules interact (role_pairs.cpp); `renamed` maps OLD names to NEW.
void compare_role_pairs(const Pair& v, const std::map<std::string, std::string>& renamed);
void compare_edges(const Pair& v);
void compare_limits(const Pair& v);
void compare_findings(const Pair& v);
void compare_blast(const Pair& v);

}  // namespace writ::diff
