// Building blocks of test scenarios: picking organizations, roles, rules, permissions, contexts
// and grant instances. A scenario (tests_*.cpp) assembles a candidate test with the answer it is
// built to have; build_tests keeps it only if the judge proves that answer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tools/gen/facts.hpp"
#include "tools/gen/model.hpp"
#include "tools/gen/rng.hpp"

namespace writ::gen {

inline constexpr std::int64_t kDefaultInstant = 1735689600;  ///< 2025-01-01T00:00:00Z, the language's default
inline constexpr std::int64_t kDay = 86400;

/// A test (or matrix) the judge is to confirm, and what the scenario says about it.
struct Candidate {
  Test test;
  std::string story;  ///< how the scenario built it, for the comment above the test
};

/// A permission drawn from a rule, and where the rule came from.
struct Drawn {
  int perm = 0;
  int from_role = -1;  ///< the role of the closure that has the rule
  std::string rule;    ///< `permit PATTERN` or `level m.l`
};

class Scenes {
 public:
  Scenes(const Model& m, const Facts& f, Rng& rng);

  const Model& m;
  const Facts& f;
  Rng& rng;

  // ------------------------------------------------ organizations
  int any_org();                  ///< in the `root` tree
  int below(int org);             ///< a strict descendant, -1 if none
  int unrelated_to(int org);      ///< an organization `org` does not reach, -1 if none
  [[nodiscard]] bool reaches(int held, int target) const;

  // ------------------------------------------------ roles
  int staff_role();               ///< any staff role except the viewer
  int role_of(RoleClass cls);
  Kind holder_kind(int role);     ///< a kind that may hold it, internal when possible
  /// A staff role some of whose closure assigns level `level` at `scope`, -1 if none found.
  int role_with_level(int level, int scope, Kind kind);

  // ------------------------------------------------ permissions
  /// From a rule of the role's closure at a scope: `sure` = unconditional, without requirements,
  /// named by no deny; otherwise a rule with a `when` (its condition in *cond).
  std::optional<Drawn> draw(int role, int scope, bool sure, const Cond** cond = nullptr);
  /// From one of the role's own denies at the scope (its closure's).
  std::optional<Drawn> draw_denied(int role, int scope);
  /// From a permit with a requirement (or a level with one) in the closure: the requirement in *req.
  std::optional<Drawn> draw_required(int role, int scope, Requirement* req);
  int any_permission();
  int archive_permission();
  int member_of(const Pattern& p, bool cut = false, bool avoid_denied = false);

  // ------------------------------------------------ context and grants
  /// A random context: each attribute set to one of its samples, or left out.
  Context context();
  /// A context aimed at the conditions: their attributes set to the literals they compare with
  /// (or other samples), so that both outcomes come up within a few draws.
  Context context_for(const std::vector<const Cond*>& conds);
  /// The principal's id and the resource's owner (`principal.is_owner`, semantics.md §5): each
  /// given or not, the owner the principal or someone else, so the atom comes out true, false
  /// and unknown.
  void ownership(Setup& st);
  /// For a template with `grantee_requires`: the principal holds one of the roles, mostly at an
  /// organization unrelated to the target (so the binding gives nothing there itself), and
  /// sometimes not at all (the grant then gives nothing, semantics.md §6.1).
  void meet_grantee_requires(Setup& st, int tmpl);
  /// A grant of template t at org that is live at `at`: window around it, grantee id and
  /// required fields filled, the template's admin as grantor at org.
  GrantInstance live_grant(int tmpl, int org, std::int64_t at);
  /// A custom pattern the template's admin holds (general zone of a module it has `full` of).
  std::optional<Pattern> custom_pattern(int tmpl);

 private:
  std::vector<int> root_orgs_;
  std::vector<std::vector<int>> by_class_;
};

}  // namespace writ::gen
