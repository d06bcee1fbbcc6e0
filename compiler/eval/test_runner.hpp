// Runs a policy's test suite (`test` and `matrix` declarations, lowered to ir::TestCase) against
// the reference interpreter, and measures what the tests leave untested: rules no test decision
// cites (by rule id), role x permission cells no request asks, grant-template limits no test
// trips. `writ test` prints this through compiler/report/. docs/semantics.md §10.
// Covered by tests/unit/eval/runner_json_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "compiler/eval/decision.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/fixtures.hpp"

namespace writ::eval {

struct TestResult {
  const ir::TestCase* test = nullptr;
  bool passed = false;
  std::string expected;                ///< "allow", "deny", "valid", "invalid duration_above_max"
  std::string actual;
  Decision decision;                   ///< request and assign queries
  std::vector<Violation> violations;   ///< validate queries
};

struct TestRun {
  std::vector<TestResult> results;
  std::size_t passed = 0;
  std::size_t failed = 0;
};

/// The request a test asks, with the suite's organization tree when the test gives none.
ir::Request test_request(const ir::TestSuite& suite, const ir::TestCase& test);

TestRun run_tests(const facts::Facts& facts, const ir::TestSuite& suite);
TestResult run_test(const facts::Facts& facts, const ir::TestSuite& suite, const ir::TestCase& test);

/// One thing no test exercises.
struct Uncovered {
  enum class Kind : std::uint8_t { rule, cell, limit };
  Kind kind = Kind::rule;
  std::optional<ir::RuleId> rule;
  std::optional<ir::RoleId> role;               ///< cell
  std::vector<ir::PermissionId> permissions;    ///< cell: never requested
  std::size_t of = 0;                           ///< cell: permissions the role may give
  std::optional<ir::TemplateId> template_;      ///< limit
  std::string code;                             ///< limit: the code that would show it
};

/// Rules (role permits/denies, level permits, template denies, forbid denies) no test's reasons
/// cite; per role, the permissions its `self` scope may allow that no request test holding the
/// role asks; per template, the limits (violation or reason codes) no test produced.
std::vector<Uncovered> coverage(const facts::Facts& facts, const ir::TestSuite& suite, const TestRun& run);

}  // namespace writ::eval
