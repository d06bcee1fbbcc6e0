// The prover's fast path against its reference on generated policies (tools/gen): `never role`
// and `read_only role` skip pairs of roles whose rules cannot interact (prove.cpp, PairFilter);
// with Options::every_pair every pair is decided. Every role of each policy gets a `read_only`
// assertion and a `never ... M/**:*` one (modules in turn), and the findings of both paths (codes,
// spans, arguments, every witness request, permissions) must be the same bytes. The sweep also
// counts refutations by a pair of roles, so it cannot pass without asking about any
// (docs/performance.md, "Analysis scale").
#include <catch2/catch.hpp>

#include "compiler/driver/compile.hpp"
#include "compiler/prove/prove.hpp"
#include "compiler/report/findings.hpp"
#include "tools/gen/generator.hpp"

using namespace writ;

namespace {

std::string findings_text(const driver::Compilation& c, const facts::Facts& f, const prove::Options& o) {
  std::string out;
  for (const auto& x : prove::findings(f, prove::prove_all(f, o))) out += report::finding_json(c.sources, *c.policy, x).dump() + "\n";
  return out;
}

}  // namespace

TEST_CASE("never role and read_only role: skipping pairs that cannot interact changes no finding") {
  int pair_counterexamples = 0, refuted = 0;
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const auto opt = gen::policy_of(seed, 20, 120, 40);
    const auto out = gen::generate(opt);
    auto plain = driver::compile_text("gen.writ", out.policy);
    REQUIRE(plain.ok());
    std::string asserts;
    for (std::size_t i = 0; i < plain.policy->roles.size(); ++i) {
      const auto& name = plain.policy->roles[i].name;
      asserts += "assert ro_" + std::to_string(i) + " { read_only role " + name + "; }\n";
      const auto& m = plain.policy->modules[i % plain.policy->modules.size()].name;
      asserts += "assert never_" + std::to_string(i) + " { never role " + name + " may " + m + "/**:*; }\n";
    }
    auto c = driver::compile_text("gen.writ", out.policy + asserts);
    INFO(gen::command_line(opt) << ", with a read_only and a never per role");
    for (const auto& d : c.diags.items()) UNSCOPED_INFO(d.message);
    REQUIRE(c.ok());
    const facts::Facts f(*c.policy);
    prove::Options every;
    every.every_pair = true;
    CHECK(findings_text(c, f, {}) == findings_text(c, f, every));
    for (const auto& r : prove::prove_all(f)) {
      refuted += r.status == prove::AssertionResult::Status::refuted;
      for (const auto& cube : r.counterexamples) pair_counterexamples += !cube.subject.with.empty();
    }
  }
  // The sweep asks what it is meant to: refutations, some of them only by a pair of roles.
  CHECK(refuted > 0);
  CHECK(pair_counterexamples > 0);
}
