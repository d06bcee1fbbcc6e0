// The facts of one policy, computed once and shared by the reference interpreter, the analyses
// and the table writer, so none of them recomputes closures per question: the closure of `extends`
// and of the level order as bit sets, derived and including levels materialized as the permits
// they give, per (role, scope) the role's own contributions with provenance and the unconditional
// part as a set, automatic roles, and the read class of permissions. Everything here follows from
// the IR alone; docs/semantics.md §3 is what it means.
//
// Sizes: closures are roles² and levels² bits (50 MB for a 20,000-role `extends` chain); every
// other fact is linear in the rules, because contributions are kept per declaring role and only
// walked through the closure at question time.
// Covered by tests/unit/facts/facts_test.cpp.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/facts/bits.hpp"
#include "compiler/ir/policy.hpp"

namespace writ::facts {

/// One permit a level gives: a rule of the level itself, of a level it includes, or of the level
/// a derived level is the read-only part of.
struct LevelPermit {
  ir::RuleId rule;
  ir::PermissionSet permissions;              ///< cut to the read class for derived levels
  std::vector<ir::RequirementId> requirements;///< the rule's own, plus the level-wide ones of an included level
  ir::LevelId declared_in;                    ///< the level whose `permit` it is
};

/// One contribution a role declares itself at one scope (what it inherits is found through the
/// closure): a permit, a permit of a level it assigns, or a deny.
struct Contribution {
  enum class Kind : std::uint8_t { permit, level, deny };
  Kind kind = Kind::permit;
  ir::RuleId rule;
  const ir::PermissionSet* permissions = nullptr;  ///< the rule's, or the level permit's (cut) set
  std::vector<ir::RequirementId> requirements;     ///< all that must hold (rule, included level's)
  std::optional<ir::LevelId> level;                ///< Kind::level: the level assigned
  ir::CondId when = ir::kTrue;
  Span span;                                       ///< the rule; for a level, the `level M = L` line
};

struct ScopeFacts {
  std::vector<Contribution> contributions;
  ir::PermissionSet may_allow;      ///< union of its permits' sets, whatever their conditions
  ir::PermissionSet may_deny;       ///< union of its denies' sets
  ir::PermissionSet unconditional;  ///< permits with no condition and no requirement
  std::vector<ir::LevelAssignment> levels;
};

class Facts {
 public:
  explicit Facts(const ir::Policy& policy);
  Facts(const Facts&) = delete;
  Facts& operator=(const Facts&) = delete;

  [[nodiscard]] const ir::Policy& policy() const { return policy_; }

  /// `role` and every role it extends, transitively (reflexive).
  [[nodiscard]] const Bits& closure(ir::RoleId role) const { return closure_[role.value]; }
  /// Calls f(role id) for every member of closure(role), in increasing order. Small closures are
  /// kept as lists, so a decision walks the roles it holds, not a word per 64 roles of the policy.
  template <class F>
  void for_each_in_closure(ir::RoleId role, F&& f) const {
    const auto& list = closure_list_[role.value];
    if (!list.empty()) {
      for (auto q : list) f(q);
      return;
    }
    closure_[role.value].for_each(f);
  }
  /// Names to ids in O(1), for the names requests carry.
  [[nodiscard]] std::optional<ir::RoleId> role(std::string_view name) const { return lookup(roles_, name); }
  [[nodiscard]] std::optional<ir::TemplateId> template_(std::string_view name) const { return lookup(templates_, name); }
  [[nodiscard]] std::optional<ir::ImplicitId> implicit(std::string_view name) const { return lookup(implicits_, name); }
  /// `held` holds `role` too: `held` is `role` or extends it.
  [[nodiscard]] bool reaches(ir::RoleId held, ir::RoleId role) const { return closure_[held.value].contains(role.value); }
  /// The shortest `extends` chain from `from` to `to` (both included); empty when unrelated.
  [[nodiscard]] std::vector<ir::RoleId> chain(ir::RoleId from, ir::RoleId to) const;

  /// `held` >= `required`: equal, or reachable through `above` and `includes` (reflexive-transitive).
  [[nodiscard]] bool at_least(ir::LevelId held, ir::LevelId required) const { return at_least_[held.value].contains(required.value); }
  [[nodiscard]] const std::vector<LevelPermit>& level_permits(ir::LevelId l) const { return level_permits_[l.value]; }
  /// The level-wide requirements that must hold for `l` to count: its own, plus those of the
  /// level a derived level is derived from.
  [[nodiscard]] const std::vector<ir::RequirementId>& level_requirements(ir::LevelId l) const { return level_requirements_[l.value]; }

  [[nodiscard]] const ScopeFacts& own(ir::RoleId role, ir::OrgScope scope) const {
    return scopes_[role.value][static_cast<std::size_t>(scope)];
  }
  [[nodiscard]] const std::vector<ir::RoleId>& automatic_roles() const { return automatic_; }
  [[nodiscard]] const ir::PermissionSet& read_permissions() const { return read_; }
  [[nodiscard]] const ir::PermissionSet& all_permissions() const { return all_; }

  /// Bytes held by the facts (not the policy), for benchmarks.
  [[nodiscard]] std::size_t bytes() const;

 private:
  template <class Id>
  static std::optional<Id> lookup(const std::unordered_map<std::string_view, Id>& m, std::string_view name) {
    auto it = m.find(name);
    if (it == m.end()) return std::nullopt;
    return it->second;
  }
  void build_closures();
  void build_levels();
  void build_scopes();

  const ir::Policy& policy_;
  std::vector<Bits> closure_;
  /// Members of closures of at most kListedClosure roles; empty for larger ones (the bits serve).
  static constexpr std::size_t kListedClosure = 256;
  std::vector<std::vector<std::uint32_t>> closure_list_;
  std::unordered_map<std::string_view, ir::RoleId> roles_;
  std::unordered_map<std::string_view, ir::TemplateId> templates_;
  std::unordered_map<std::string_view, ir::ImplicitId> implicits_;
  std::vector<Bits> at_least_;
  std::vector<std::vector<LevelPermit>> level_permits_;
  std::vector<std::vector<ir::RequirementId>> level_requirements_;
  std::vector<std::array<ScopeFacts, ir::kOrgScopeCount>> scopes_;
  std::vector<ir::RoleId> automatic_;
  ir::PermissionSet read_;
  ir::PermissionSet all_;
};

}  // namespace writ::facts
