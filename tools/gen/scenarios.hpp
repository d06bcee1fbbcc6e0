// The scenarios: each builds one candidate test aimed at one rule of docs/semantics.md and says
// what it should answer (Candidate::test.expect). A scenario may fail (nullopt) when the policy
// has nothing it needs, e.g. no role with a deny. To add a language feature, add a scenario that
// exercises it and list it in the table of tests.cpp.
#pragma once

#include <optional>

#include "tools/gen/scenes.hpp"

namespace writ::gen {

using Scenario = std::optional<Candidate> (*)(Scenes&);

// tests_requests.cpp: roles, scopes, conditions, requirements, denies, forbid rules.
std::optional<Candidate> scene_permit(Scenes& s);
std::optional<Candidate> scene_descendants(Scenes& s);
std::optional<Candidate> scene_conditional(Scenes& s);
std::optional<Candidate> scene_requirement(Scenes& s);
std::optional<Candidate> scene_no_rule(Scenes& s);
std::optional<Candidate> scene_role_deny(Scenes& s);
std::optional<Candidate> scene_forbid(Scenes& s);
std::optional<Candidate> scene_unrelated(Scenes& s);
std::optional<Candidate> scene_self_only(Scenes& s);
std::optional<Candidate> scene_shared_account(Scenes& s);
std::optional<Candidate> scene_automatic(Scenes& s);
std::optional<Candidate> scene_archive(Scenes& s);  ///< never fails: the fallback

// tests_grants.cpp: grants at decision time and implicit grants.
std::optional<Candidate> scene_grant(Scenes& s);
std::optional<Candidate> scene_grant_custom(Scenes& s);
std::optional<Candidate> scene_grant_dead(Scenes& s);
std::optional<Candidate> scene_grant_ceiling(Scenes& s);
std::optional<Candidate> scene_implicit(Scenes& s);

// tests_assign.cpp
std::optional<Candidate> scene_assign(Scenes& s);
std::optional<Candidate> scene_assign_other(Scenes& s);
std::optional<Candidate> scene_assign_unrelated(Scenes& s);
std::optional<Candidate> scene_assign_automatic(Scenes& s);  ///< never fails

// tests_validate.cpp: grant validation on templates with `ceiling grantor`.
std::optional<Candidate> scene_validate_valid(Scenes& s);
std::optional<Candidate> scene_validate_invalid(Scenes& s);
std::optional<Candidate> scene_validate_nothing(Scenes& s);  ///< never fails

}  // namespace writ::gen
