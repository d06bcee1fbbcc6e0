// The runtime against the reference interpreter (docs/semantics.md is the meaning of both): every
// seed policy and every compiling policy under tests/, over the exhaustive domain of table_support
// (tests, every role and pair, kinds, account types, organization relations, context classes,
// owners, grants of every template at every window edge, implicit grants), and generated
// policies from writ-gen, seeded; zero disagreements on the decision, the first reason code and
// the deciding rule.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "table_support.hpp"
#include "tools/gen/generator.hpp"

using namespace writ;
namespace fs = std::filesystem;

namespace {

void check_policy(const fs::path& root, bool must_compile) {
  auto c = table_testing::build(driver::compile_file(root));
  if (!c->compilation.ok()) {
    if (must_compile) FAIL(root.string() + " does not compile");
    return;
  }
  INFO(root.string() << " " << c->load_error);
  REQUIRE(table_testing::ok(*c));
  std::vector<std::string> failures;
  const auto asked = table_testing::sweep(*c, failures);
  INFO(asked << " questions");
  for (const auto& f : failures) UNSCOPED_INFO(f);
  CHECK(failures.empty());
  CHECK(asked > 0);
}

}  // namespace

TEST_CASE("the runtime decides every seed policy exactly as the interpreter") {
  for (const auto& root : driver::find_roots(fs::path(WRIT_SOURCE_DIR) / "policies")) check_policy(root, true);
}

TEST_CASE("the runtime decides every compiling policy under tests/ exactly as the interpreter") {
  int compiled = 0;
  for (const auto& root : driver::find_roots(fs::path(WRIT_SOURCE_DIR) / "tests" / "fixtures")) {
    check_policy(root, false);
    ++compiled;
  }
  CHECK(compiled > 0);
}

TEST_CASE("the runtime decides generated policies exactly as the interpreter") {
  // WRIT_TABLE_SEED picks the first seed (default 1); WRIT_TABLE_POLICIES how many (default 1000).
  const char* s = std::getenv("WRIT_TABLE_SEED");
  const char* n = std::getenv("WRIT_TABLE_POLICIES");
  const std::uint64_t first = s ? std::strtoull(s, nullptr, 10) : 1;
  const int count = n ? std::atoi(n) : 1000;
  int checked = 0;
  for (std::uint64_t seed = first; seed < first + static_cast<std::uint64_t>(count); ++seed) {
    gen::Options o;
    o.seed = seed;
    o.roles = gen::kMinRoles;
    o.permissions = gen::kMinPermissions;
    o.edges = 30;
    o.tests = 40;
    o.validate_tests = 2;
    const auto out = gen::generate(o);
    auto c = table_testing::build(driver::compile_text("gen.writ", out.single));
    INFO("writ-gen seed " << seed << " (reproduce: writ-gen --seed " << seed << " --roles " << o.roles << " --permissions " << o.permissions
                          << " --edges " << o.edges << " --tests " << o.tests << ")");
    REQUIRE(c->compilation.ok());
    REQUIRE(table_testing::ok(*c));
    std::vector<std::string> failures;
    table_testing::quick_sweep(*c, failures);
    for (const auto& f : failures) UNSCOPED_INFO(f);
    REQUIRE(failures.empty());
    ++checked;
  }
  CHECK(checked == count);
}
