// `writ test --mutate`: every single-step mutant of a policy (mutants.hpp) is run against the
// policy's tests. A mutant some test decides differently is killed. One no test notices is asked
// of the diff engine (compiler/diff/), which decides exactly, over the whole finite domain,
// whether the mutant decides any request differently from the policy: if not, it is equivalent
// (no test could kill it); if so, it survived, and the diff's example is the request a new test
// should ask. A mutant that only changes a grant template's limits is undecided: the diff compares
// limits as values, not grant requests, so it can neither prove it equivalent nor give a request.
// Covered by tests/unit/mutate/run_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/fixtures.hpp"
#include "compiler/ir/policy.hpp"

namespace writ::mutate {

struct MutantResult {
  enum class Status : std::uint8_t { killed, survived, equivalent, undecided };
  Status status = Status::killed;
  std::string op;
  std::string description;
  Span span;
  std::string killed_by;               ///< killed: the first test that now fails
  std::string change;                  ///< survived: what the mutant decides differently
  std::optional<ir::Request> example;  ///< survived through an access change: a request to test
  std::string example_assign;          ///< the role the example asks may_assign of; empty: decide
};

struct MutationRun {
  std::vector<MutantResult> mutants;
  std::size_t killed = 0, survived = 0, equivalent = 0, undecided = 0;
  std::size_t baseline_failures = 0;  ///< tests that fail on the policy itself (not counted as kills)
  /// killed / (mutants - equivalent), in percent; 100 when every mutant is equivalent.
  [[nodiscard]] double score() const;
};

MutationRun run(const ir::Policy& policy, const ir::TestSuite& suite);

std::string_view status_name(MutantResult::Status s);

}  // namespace writ::mutate
