// writ-gen's entry point as a library: options in, policy text out, plus a summary of what was
// made (sizes, the deepest role, a sample decision) for the manifest, the unit tests and the
// benchmarks. Deterministic: the same options give the same bytes on every machine.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tools/gen/options.hpp"

namespace writ::gen {

struct Summary {
  int roles = 0, permissions = 0, edges = 0;
  int tests = 0;  ///< test cases as `writ test` counts them: tests plus matrix cells
  int request_tests = 0, assign_tests = 0, validate_tests = 0, matrix_cells = 0;
  int modules = 0, levels = 0, forbids = 0, templates = 0, implicits = 0, assertions = 0, organizations = 0;
  std::string deepest_role;  ///< the role with the longest `extends` path
  int deepest_depth = 0;
  /// Decisions the benchmarks time: a principal holding `role` at `org` asks for `permission`
  /// there; the judge proved each answer is allow. The first is on the deepest role (also in
  /// request.json), the others on staff roles drawn at random.
  struct Sample {
    std::string role, org, permission;
  };
  std::vector<Sample> samples;
  std::string sample_role, sample_org, sample_permission;  ///< samples.front()
  std::map<std::string, int> scenarios;  ///< tests per scenario
  int rejected = 0;                      ///< candidate tests the judge did not confirm
  int judge_conflicts = 0;               ///< must be 0
};

struct Output {
  /// policy.writ (and its parts policy_2.writ ... when large), then tests.writ (importing it, and
  /// its parts): what `-o DIR` writes besides the two JSON files.
  std::vector<std::pair<std::string, std::string>> files;
  std::string policy;         ///< the policy in one text, without imports (what the policy files hold)
  std::string tests;          ///< the text of every tests file, concatenated
  std::string single;         ///< policy and tests in one file, for stdout
  std::string request_json;   ///< the sample decision, docs/request-format.md
  std::string manifest_json;  ///< the options and the summary
  Summary summary;
};

/// Throws std::invalid_argument for options it cannot honour (see make_plan).
Output generate(const Options& options);

/// The command line that regenerates the output.
std::string command_line(const Options& options);

}  // namespace writ::gen
