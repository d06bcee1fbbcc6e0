// The interpreter's working state for one principal and one request: which roles it holds where
// (bindings, automatic roles, live grants, implicit grants), which of those were ignored and why,
// which levels it holds at the target, and the decision for one permission. Internal to
// compiler/eval/; the public API is interpreter.hpp. Built afresh for every question on purpose:
// the oracle has no caches to get wrong. docs/semantics.md §2-§6.
// Covered by tests/unit/eval/ (decide_test.cpp and friends).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/eval/conditions.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/eval/org_tree.hpp"

namespace writ::eval {

/// Where a piece of access comes from.
struct Source {
  enum class Kind : std::uint8_t { binding, automatic, grant_role, grant_custom, implicit };
  Kind kind = Kind::binding;
  std::optional<ir::RoleId> role;           ///< absent for grant_custom
  std::string held_at;                      ///< the organization the role (or grant) is held at
  Relation relation = Relation::unrelated;  ///< of the target organization to held_at
  const ir::GrantInstance* grant = nullptr; ///< grant_role / grant_custom
  std::optional<ir::TemplateId> template_;
  const ir::ImplicitGrant* implicit = nullptr;
  ir::PermissionSet custom;                 ///< grant_custom: the expanded patterns
  std::string label;                        ///< "role company_admin at partner", for reasons
  Span span;
};

/// Whether a grant instance is live (docs/semantics.md §6.1, checks 1-5: template, revocation,
/// time window, grantee kind, organization scope). Expression-free, so `principal.has_grant`
/// can be computed from it without recursion.
struct GrantStatus {
  bool live = false;
  std::optional<ir::TemplateId> template_;
  std::string org;                          ///< the grant's organization
  Relation relation = Relation::unrelated;  ///< of the target to the grant's organization
  std::string code;                         ///< why not live
  std::string message;
};
GrantStatus grant_status(const ir::Policy& policy, const ir::Request& request, const ir::Principal& grantee,
                         const ir::GrantInstance& grant, bool check_instance = true);

/// The end of a grant's window: valid_to, else valid_from + the template's default duration, else
/// none (unbounded).
std::optional<std::int64_t> effective_valid_to(const ir::GrantTemplate& t, const ir::GrantInstance& g);

/// Expand custom permission patterns; false if any is malformed or unknown (the message says which).
bool expand_custom(const ir::Policy& policy, const std::vector<std::string>& patterns, ir::PermissionSet& out, std::string& error);

class Evaluator {
 public:
  struct Options {
    bool automatic = true;     ///< automatic roles
    bool grants = true;        ///< the principal's grants
    bool implicit = true;      ///< implicit grants
    bool check_grants = true;  ///< false: trust the grants (revocation, time, kind, conditions) - validation only
    bool ceiling = true;       ///< apply `ceiling grantor` at decision time
  };

  Evaluator(const ir::Policy& policy, const ir::Request& request, const ir::Principal& principal, Options options);
  Evaluator(const ir::Policy& policy, const ir::Request& request, const ir::Principal& principal)
      : Evaluator(policy, request, principal, Options{}) {}

  [[nodiscard]] Decision decide(ir::PermissionId p) const;

  [[nodiscard]] const std::vector<Source>& sources() const { return sources_; }
  [[nodiscard]] const std::vector<Reason>& notes() const { return notes_; }
  [[nodiscard]] bool has_grant() const { return has_grant_; }
  [[nodiscard]] ConditionInput input(std::optional<Relation> relation) const {
    return ConditionInput{policy_, request_, principal_, has_grant_, relation};
  }
  /// The principal holds `role` (or a role extending it) from any source, at any organization.
  [[nodiscard]] bool holds_role_anywhere(ir::RoleId role, bool assigned_only = false) const;
  /// Levels assigned to the principal at the target organization, from every related source.
  [[nodiscard]] std::vector<ir::LevelId> levels_at_target() const;
  /// Every requirement holds: an effective level >= the required one at the target.
  [[nodiscard]] bool requirements_hold(const std::vector<ir::Requirement>& reqs) const;
  /// Which requirement fails first, as text; empty when all hold.
  [[nodiscard]] std::string first_unmet(const std::vector<ir::Requirement>& reqs) const;

 private:
  void collect_bindings();
  void collect_automatic();
  void collect_grants();
  void collect_implicit();
  bool level_effective(ir::LevelId level, std::set<std::uint32_t>& visiting) const;
  bool requirements_hold(const std::vector<ir::Requirement>& reqs, std::set<std::uint32_t>& visiting) const;
  bool grantor_allows(const Source& s, ir::PermissionId p) const;
  bool forbid_selects(const ir::Forbid& f) const;

  const ir::Policy& policy_;
  const ir::Request& request_;
  const ir::Principal& principal_;
  Options options_;
  bool has_grant_ = false;
  std::vector<Source> sources_;
  std::vector<Reason> notes_;
};

Reason make_reason(Reason::Effect e, std::string code, std::string message, Span span = {});
bool kind_allowed(const std::vector<ir::PrincipalKind>& kinds, ir::PrincipalKind k);  ///< empty: every kind
std::optional<ir::RoleId> find_role(const ir::Policy& policy, std::string_view name);

}  // namespace writ::eval
