// `writ test PATH...`: compile every policy root under the paths, run its test cases on the
// reference interpreter, print each failure (request, expected vs actual, reasons) and close with
// `N passed, N failed`. docs/semantics.md §10.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>

#include "compiler/core/printable.hpp"
#include "compiler/eval/test_runner.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/mutate/run.hpp"
#include "compiler/report/answers.hpp"
#include "compiler/report/diff_report.hpp"
#include "tools/writ/commands.hpp"
#include "tools/writ/terminal.hpp"

namespace writ::cli {
namespace {

struct TestOptions {
  std::vector<std::string> paths;
  bool coverage = false;
  bool mutate = false;
  bool verbose = false;
  ColorMode color = ColorMode::automatic;
};

/// Prints one root's mutation run; false when a mutant survived or was undecided.
bool print_mutation(const std::string& root, const driver::Compilation& c, bool verbose) {
  const auto run = mutate::run(*c.policy, c.suite);
  for (const auto& m : run.mutants) {
    const bool gap = m.status == mutate::MutantResult::Status::survived || m.status == mutate::MutantResult::Status::undecided;
    if (!gap && !verbose) continue;
    const std::string loc = report::location(c.sources, m.span);
    std::cout << fmt::format("{} {}{}: {}\n", mutate::status_name(m.status), loc.empty() ? "" : loc + ": ", m.op, m.description);
    if (m.status == mutate::MutantResult::Status::killed) std::cout << fmt::format("  killed by {}\n", m.killed_by);
    if (!m.change.empty()) std::cout << fmt::format("  the mutant {}\n", m.change);
    if (m.example)
      std::cout << fmt::format("  test it: {}\n", report::example_json(*m.example, !m.example_assign.empty(), m.example_assign).dump());
  }
  std::cout << fmt::format("mutation score of {}: {:.1f}% ({} mutants: {} killed, {} survived, {} equivalent, {} undecided)\n",
                           root, run.score(), run.mutants.size(), run.killed, run.survived, run.equivalent, run.undecided);
  return run.survived == 0 && run.undecided == 0;
}

int run_test_command(const TestOptions& o) {
  bool color = use_color(o.color);
  std::size_t passed = 0, failed = 0;
  bool input_error = false;
  std::vector<std::string> broken;  // roots whose tests never ran
  bool mutation_failed = false;     // a mutant survived or could not be decided
  for (const auto& path : o.paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      std::cerr << fmt::format("writ: error: `{}`: {}\n", core::printable(path), ec ? ec.message() : "does not exist");
      input_error = true;
      broken.push_back(path);
      continue;
    }
    for (const auto& root : driver::find_roots(path)) {
      auto c = compile_or_report(root.string(), std::cerr, color);
      if (!c) {
        input_error = true;
        broken.push_back(root.string());
        continue;
      }
      const ir::Policy& policy = *c->policy;
      const facts::Facts facts(policy);
      auto run = eval::run_tests(facts, c->suite);
      for (const auto& r : run.results) {
        if (r.passed && !o.verbose) continue;
        std::string loc = report::location(c->sources, r.test->span);
        std::cout << fmt::format("{} {}{}{}\n", r.passed ? "PASS" : "FAIL", loc.empty() ? "" : loc + ": ", r.test->name,
                                 r.test->title.empty() ? "" : " \"" + r.test->title + "\"");
        if (r.passed) continue;
        const ir::Request req = eval::test_request(c->suite, *r.test);
        const report::Context ctx{policy, c->sources, req};
        std::cout << fmt::format("  request:  {}\n", report::describe_request(*r.test));
        std::cout << fmt::format("  expected: {}\n  actual:   {}\n", r.expected, r.actual);
        if (!r.violations.empty()) std::cout << "  violations:\n" << report::violations_text(ctx, r.violations, "    ");
        if (!r.decision.reasons.empty()) std::cout << "  reasons:\n" << report::reasons_text(ctx, r.decision, "    ");
      }
      std::cout << fmt::format("{}: {} tests, {} passed, {} failed\n", root.string(), run.results.size(), run.passed, run.failed);
      passed += run.passed;
      failed += run.failed;
      if (o.mutate) mutation_failed = !print_mutation(root.string(), *c, o.verbose) || mutation_failed;
      if (o.coverage) {
        auto missing = eval::coverage(facts, c->suite, run);
        std::cout << fmt::format("coverage of {}: {} item{} no test exercises\n", root.string(), missing.size(), missing.size() == 1 ? "" : "s");
        for (const auto& u : missing) {
          std::string loc = report::location(c->sources, report::span_of(policy, u));
          std::cout << fmt::format("  {}{}\n", loc.empty() ? "" : loc + ": ", report::uncovered_text(policy, u));
        }
      }
    }
  }
  // A root that does not compile counts as a failure in the closing line, so no reader of the
  // count (CI included) sees a clean run when some tests never ran.
  if (!broken.empty()) {
    std::vector<std::string> shown;
    for (const auto& b : broken) shown.push_back(core::printable(b));
    std::cout << fmt::format("{} polic{} did not compile, counted as failed: {}\n", broken.size(), broken.size() == 1 ? "y" : "ies",
                             fmt::join(shown, ", "));
  }
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed + broken.size());
  // A policy that does not compile is worse than a failing test: its tests did not even run.
  if (input_error) return kExitUsage;
  return failed || mutation_failed ? kExitFindings : kExitOk;
}

}  // namespace

void add_test(CLI::App& app, int& status) {
  auto o = std::make_shared<TestOptions>();
  auto* sub = app.add_subcommand("test",
                                 "Run the test cases of policies on the reference interpreter.\n"
                                 "PATH is a policy file or a directory; in a directory every .writ/.yaml file not\n"
                                 "imported by another one is a policy root (test-only files that import a policy\n"
                                 "are roots of their own). Prints each failing test with its request, the expected\n"
                                 "and actual result and the reasons, then the line `N passed, N failed`.\n"
                                 "Exit status: 0 all passed, 1 a test failed, 2 a policy does not compile.");
  sub->add_option("paths", o->paths, "Policy files or directories")->required();
  sub->add_flag("--coverage", o->coverage,
                "Also list the rules no test's decision cites, the role x permission cells no request asks,\n"
                "and the grant-template limits (violation codes) no test trips");
  sub->add_flag("--mutate", o->mutate,
                "Also run the tests on every single-step mutant of each policy and list the mutants no test\n"
                "kills, with a request the mutant decides differently (equivalent mutants are decided exactly\n"
                "and not counted); exit 1 when one survives");
  sub->add_flag("-v,--verbose", o->verbose, "Also list passing tests (and, with --mutate, every mutant)");
  add_color_option(*sub, o->color);
  sub->callback([o, &status] { status = run_test_command(*o); });
}

}  // namespace writ::cli
