// Runs a policy's test cases (`test` and `matrix` declarations, lowered to ir::TestCase) against
// the reference interpreter, and measures what they leave untested: rules no test decision cites,
// role x permission cells no request asks, grant-template limits no validation trips.
// `writ test` prints this. docs/semantics.md §10.
// Covered by tests/unit/eval/test_runner_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "compiler/eval/interpreter.hpp"
#include "compiler/ir/ir.hpp"

namespace writ::eval {

struct TestResult {
  const ir::TestCase* test = nullptr;
  bool passed = false;
  std::string expected;                ///< "allow", "deny", "valid", "invalid duration_above_max"
  std::string actual;
  std::vector<Reason> reasons;         ///< request and assign queries
  std::vector<Violation> violations;   ///< validate queries
};

struct TestRun {
  std::vector<TestResult> results;
  std::size_t passed = 0;
  std::size_t failed = 0;
};

TestRun run_tests(const ir::Policy& policy);
TestResult run_test(const ir::Policy& policy, const ir::TestCase& test);

/// One thing no test exercises.
struct Uncovered {
  std::string kind;     ///< "rule", "cell", "limit"
  std::string what;     ///< human text
  Span span;
};

/// Rules (role permits/denies, level permits, template denies, forbid denies) no test's reasons
/// cite; per role, the permissions its `self` scope may allow that no request test holding the
/// role asks; per template, the limits (violation codes) no test's validation reported.
std::vector<Uncovered> coverage(const ir::Policy& policy, const TestRun& run);

/// The request of a test as one line: `kind internal, roles a@org, target t, at ..., request m/r:a`.
std::string describe_request(const ir::Policy& policy, const ir::TestCase& test);

}  // namespace writ::eval
