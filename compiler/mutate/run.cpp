// See run.hpp.
#include "compiler/mutate/run.hpp"

#include "compiler/diff/diff.hpp"
#include "compiler/eval/test_runner.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/mutate/mutants.hpp"

namespace writ::mutate {

std::string_view status_name(MutantResult::Status s) {
  switch (s) {
    case MutantResult::Status::killed: return "killed";
    case MutantResult::Status::survived: return "survived";
    case MutantResult::Status::equivalent: return "equivalent";
    case MutantResult::Status::undecided: return "undecided";
  }
  return "?";
}

double MutationRun::score() const {
  const std::size_t relevant = mutants.size() - equivalent;
  return relevant == 0 ? 100.0 : 100.0 * static_cast<double>(killed) / static_cast<double>(relevant);
}

namespace {

/// What the diff found, as the survivor's witness.
void describe(const diff::Result& r, MutantResult& m) {
  if (!r.access.empty()) {
    const auto& c = r.access.front();
    m.change = std::string(c.direction == diff::Direction::gained ? "allows " : "denies ") + c.permissions.front() +
               " (the policy " + (c.direction == diff::Direction::gained ? "denies" : "allows") + " it)";
    m.example = c.example;
    return;
  }
  if (!r.edges.empty()) {
    const auto& e = r.edges.front();
    m.change = std::string(e.direction == diff::Direction::gained ? "lets " : "stops ") +
               (e.assigner.empty() ? std::string("anyone") : "holders of `" + e.assigner + "`") + " assign `" + e.role + "`";
    m.example = e.example;
    m.example_assign = e.role;
    return;
  }
  if (!r.limits.empty()) {
    const auto& l = r.limits.front();
    m.change = (l.of == diff::LimitChange::Of::template_ ? "grant template `" : "implicit grant `") + l.name + "` " +
               l.limit + ": " + (l.old_value.empty() ? "-" : l.old_value) + " -> " + (l.new_value.empty() ? "-" : l.new_value);
    return;
  }
  if (!r.renamed.empty()) m.change = "role `" + r.renamed.front().old_name + "` renamed";
}

}  // namespace

MutationRun run(const ir::Policy& policy, const ir::TestSuite& suite) {
  MutationRun out;
  const facts::Facts original(policy);
  const auto base = eval::run_tests(original, suite);
  std::vector<bool> passing;
  for (const auto& r : base.results) passing.push_back(r.passed);
  out.baseline_failures = base.failed;
  diff::Options opts;
  opts.findings = false;  // equivalence is about decisions, not about the analyses' findings
  for_each_mutant(policy, [&](Mutant&& m) {
    MutantResult res;
    res.op = m.op;
    res.description = m.description;
    res.span = m.span;
    const facts::Facts mutated(m.policy);
    for (std::size_t i = 0; i < suite.tests.size() && res.killed_by.empty(); ++i)
      if (passing[i] && !eval::run_test(mutated, suite, suite.tests[i]).passed) res.killed_by = suite.tests[i].name;
    if (!res.killed_by.empty()) {
      res.status = MutantResult::Status::killed;
      ++out.killed;
    } else {
      const auto d = diff::compare(original, mutated, opts);
      if (!d.incomplete.empty()) {
        res.status = MutantResult::Status::undecided;
        res.change = d.incomplete.front();
        ++out.undecided;
      } else if (d.no_change()) {
        res.status = MutantResult::Status::equivalent;
        ++out.equivalent;
      } else if (d.access.empty() && d.edges.empty() && d.renamed.empty()) {
        // Only grant limits differ, and the diff compares those as values: whether some grant
        // request tells the two apart is not decided, so neither "survived" nor "equivalent".
        res.status = MutantResult::Status::undecided;
        describe(d, res);
        res.change += " (grant limits are compared as values; no request decided)";
        ++out.undecided;
      } else {
        res.status = MutantResult::Status::survived;
        describe(d, res);
        ++out.survived;
      }
    }
    out.mutants.push_back(std::move(res));
  });
  return out;
}

}  // namespace writ::mutate
