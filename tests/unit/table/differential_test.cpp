// The runtime against the reference interpreter (docs/semantics.md is the meaning of both): every
// seed policy and every compiling policy under tests/, over the exhaustive domain of table_support
// (tests, every role and pair, kinds, account types, organization relations, context classes,
// owners, grants of every template at every window edge, implicit grants), and generated
// policies from writ-gen, seeded; zero disagreements on the decision, the first reason code and
// the deciding rule.
#include <catch2/catch.hpp>

#include <filesystem>

#include "table_support.hpp"

using namespace writ;
namespace fs = std::filesystem;

namespace {

void check_policy(const fs::path& root, bool must_compile) {
  table_testing::check_policy(root, must_compile, [](const table_testing::Compiled& c, std::vector<std::string>& failures) {
    return table_testing::sweep(c, failures);
  });
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
  const auto seeds = table_testing::seeds("WRIT_TABLE_POLICIES", 1000);
  std::size_t checked = 0;
  for (const auto seed : seeds) {
    table_testing::check_generated(seed, [](const table_testing::Compiled& c, std::vector<std::string>& failures) {
      return table_testing::quick_sweep(c, failures);
    });
    ++checked;
  }
  CHECK(checked == seeds.size());
}
