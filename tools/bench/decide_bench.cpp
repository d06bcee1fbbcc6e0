// One `eval::decide` call for a principal holding one role, in generated policies of 1,000 to
// 8,000 roles (10 permissions and 5 edges per role, the ratios of issue 6's reference policy).
// Issue 6's target: the cost must not grow with roles the principal does not hold. Each
// iteration decides one of writ-gen's sample decisions in turn (16 staff roles, the deepest
// first, each asking for a permission the generator proved it gives), so the time is a mean over
// roles of different shapes rather than the cost of one role. The policies come from writ-gen in
// process (tools/gen/); tools/bench/README.md has the command and the recorded figures.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "compiler/driver/compile.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/facts/facts.hpp"
#include "tools/gen/generator.hpp"

namespace {

struct Fixture {
  writ::driver::Compilation compiled;
  std::unique_ptr<writ::facts::Facts> facts;  ///< computed once per policy, outside the timing
  std::vector<writ::ir::Request> requests;
  std::string error;
};

/// The policy of `roles` roles and its sample requests, built once per size. The files go to a
/// temporary directory: large policies are split into parts (one file may hold 4 MiB).
const Fixture& fixture(int roles) {
  static std::map<int, std::unique_ptr<Fixture>> cache;
  auto& slot = cache[roles];
  if (slot) return *slot;
  slot = std::make_unique<Fixture>();
  writ::gen::Options o;
  o.seed = 1;
  o.roles = roles;
  o.permissions = roles * 10;
  o.edges = roles * 5;
  o.tests = 0;
  o.validate_tests = 0;
  const writ::gen::Output out = writ::gen::generate(o);
  const auto dir = std::filesystem::temp_directory_path() / ("writ_bench_decide_" + std::to_string(roles));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& [name, text] : out.files) std::ofstream(dir / name, std::ios::binary) << text;
  slot->compiled = writ::driver::compile_file(dir / "tests.writ");  // tests.writ holds the organizations
  if (!slot->compiled.ok()) {
    slot->error = "the generated policy does not compile";
    return *slot;
  }
  const writ::ir::Policy& policy = *slot->compiled.policy;
  slot->facts = std::make_unique<writ::facts::Facts>(policy);
  for (const auto& s : out.summary.samples) {
    writ::ir::Request r;
    r.principal.kind = writ::ir::PrincipalKind::internal;
    r.principal.roles.push_back(writ::ir::RoleBinding{s.role, s.org});
    r.target_org = s.org;
    r.org_parents = slot->compiled.suite.organizations;
    if (!writ::eval::set_permission(r, s.permission)) slot->error = "bad sample permission " + s.permission;
    else if (!writ::eval::decide(*slot->facts, r).allow) slot->error = "a sample decision is not allow: " + s.role + " " + s.permission;
    slot->requests.push_back(std::move(r));
  }
  if (slot->requests.empty()) slot->error = "no sample decision";
  return *slot;
}

void decide_one_role(benchmark::State& state) {
  const Fixture& f = fixture(static_cast<int>(state.range(0)));
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  const writ::ir::Policy& policy = *f.compiled.policy;
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(writ::eval::decide(*f.facts, f.requests[i]));
    if (++i == f.requests.size()) i = 0;
  }
  state.counters["roles"] = static_cast<double>(policy.roles.size());
  state.counters["permissions"] = static_cast<double>(policy.permission_count());
  state.counters["samples"] = static_cast<double>(f.requests.size());
}

BENCHMARK(decide_one_role)->Arg(1000)->Arg(2000)->Arg(4000)->Arg(8000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
