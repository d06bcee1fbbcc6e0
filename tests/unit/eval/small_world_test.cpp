// The exhaustive small-world test: for seeded generated policies (small_world.hpp), every request
// of the world's domain is decided by the interpreter and by the naive evaluator (naive.hpp),
// which share nothing but the IR and the request. Any disagreement fails with the seed, the policy
// text and the request. WRIT_SMALL_WORLD_SEEDS=N widens the run to N seeds per mode (default 8).
#include <cstdlib>

#include "tests/unit/eval/eval_support.hpp"
#include "tests/unit/eval/naive.hpp"
#include "tests/unit/eval/small_world.hpp"

using namespace writ;
using namespace writ::eval;
using namespace writ::eval::testing;

namespace {

std::uint32_t seed_count() {
  if (const char* e = std::getenv("WRIT_SMALL_WORLD_SEEDS")) return static_cast<std::uint32_t>(std::max(1, std::atoi(e)));
  return 8;
}

std::string describe(const ir::Request& r) {
  std::string out = fmt::format("{}/{}:{} at {} target {} kind {} named {} home '{}' t={}\n", r.module, r.resource, r.action,
                                r.target_org, r.target_org, ir::name(r.principal.kind), r.principal.named, r.principal.org, r.at);
  for (const auto& b : r.principal.roles) out += fmt::format("  role {} at '{}'\n", b.role, b.org);
  for (const auto& g : r.principal.grants) {
    out += fmt::format("  grant {} org '{}' revoked {} from {} to {} grantor {} named {}\n", g.template_name, g.org, g.revoked,
                       g.valid_from ? std::to_string(*g.valid_from) : "-", g.valid_to ? std::to_string(*g.valid_to) : "-",
                       ir::name(g.grantor_kind), g.grantor_named);
    for (const auto& x : g.roles) out += "    roles " + x + "\n";
    for (const auto& c : g.custom) out += "    custom " + c.text + "\n";
    for (const auto& b : g.grantor_roles) out += fmt::format("    grantor_role {} at '{}'\n", b.role, b.org);
  }
  for (const auto& t : r.principal.triggers) out += fmt::format("  trigger {} at '{}'\n", t.implicit, t.org);
  for (const auto& [k, v] : r.context)
    out += "  context " + k + " = " + std::visit([](const auto& x) { return fmt::format("{}", x); }, v) + "\n";
  return out;
}

void check_worlds(const std::string& combining, std::uint32_t first_seed) {
  const std::uint32_t n = seed_count();
  for (std::uint32_t seed = first_seed; seed < first_seed + n; ++seed) {
    SmallWorld w = make_world(seed, combining);
    auto c = driver::compile_text("world.writ", w.text);
    std::string diags;
    for (const auto& d : c.diags.items()) diags += fmt::format("{}:{}: {} {}\n", d.span.line, d.span.col, d.code(), d.message);
    INFO("seed " << seed << " (" << combining << ")\n" << w.text << diags);
    REQUIRE(c.ok());
    TestPolicy p(std::move(c));
    std::size_t mismatches = 0, allows = 0;
    std::string first;
    const std::size_t visited = for_each_request(w, p.policy(), [&](const ir::Request& r) {
      const bool got = decide(p.facts(), r).allow;
      const bool want = naive::decide(p.policy(), r);
      allows += want;
      if (got != want && mismatches++ == 0) first = fmt::format("interpreter {} naive {}\n{}", got ? "allow" : "deny", want ? "allow" : "deny", describe(r));
    });
    INFO("first disagreement: " << first << "requests " << visited << ", allowed " << allows);
    if (std::getenv("WRIT_SMALL_WORLD_VERBOSE")) WARN("seed " << seed << ": " << visited << " requests, " << allows << " allowed");
    CHECK(mismatches == 0);
    CHECK(visited > 1000);
  }
}

}  // namespace

TEST_CASE("small worlds: the interpreter agrees with the naive evaluator on every request (permissive)", "[eval][small-world]") {
  check_worlds("permissive", 1);
}

TEST_CASE("small worlds: the interpreter agrees with the naive evaluator on every request (deny_overrides)", "[eval][small-world]") {
  check_worlds("deny_overrides", 1001);
}
