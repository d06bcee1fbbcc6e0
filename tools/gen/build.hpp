// The builders, one per part of the policy, called in this order by generator.cpp. Each takes
// its own random stream (Rng::for_part), so a change to one part leaves the others' output alone.
// Later builders read what earlier ones made (templates pick grantable roles, forbids pick
// templates and levels, tests read everything).
#pragma once

#include <map>
#include <string>

#include "tools/gen/model.hpp"
#include "tools/gen/options.hpp"
#include "tools/gen/plan.hpp"
#include "tools/gen/rng.hpp"

namespace writ::gen {

class Facts;

/// What build_tests did, for the manifest and the unit tests.
struct TestStats {
  std::map<std::string, int> by_scenario;  ///< tests kept per scenario
  int rejected = 0;                        ///< candidates the judge did not confirm
  int matrix_cells = 0;
  int judge_conflicts = 0;                 ///< a judge bug if not 0 (judge.hpp)
};

void build_attributes(Model& m, const Plan& plan, Rng& rng);   // gen_attributes.cpp
void build_orgs(Model& m, Rng& rng);                           // gen_orgs.cpp
void build_modules(Model& m, const Plan& plan, Rng& rng);      // gen_modules.cpp
void build_roles(Model& m, const Plan& plan, Shape shape, Rng& rng);  // gen_roles.cpp
void build_templates(Model& m, const Plan& plan, Rng& rng);    // gen_templates.cpp
void build_implicits(Model& m, const Plan& plan, Rng& rng);    // gen_implicits.cpp
/// Spends the edges templates and implicit grants left on `assigned_by`.
void build_assignments(Model& m, const Plan& plan, Rng& rng);  // gen_assignments.cpp
void build_forbids(Model& m, const Plan& plan, Rng& rng);      // gen_forbids.cpp
void build_assertions(Model& m, const Facts& facts, Rng& rng); // gen_assertions.cpp
TestStats build_tests(Model& m, const Facts& facts, const Plan& plan, Rng& rng);  // tests.cpp, tests_*.cpp

/// The number of edges as issue 6 counts them: every role named by an `assigned_by` or
/// `granted_by`, every grantable role of a template, every grantee role and granted role of an
/// implicit grant.
int count_edges(const Model& m);

}  // namespace writ::gen
