// The policy shown in README.md compiles cleanly and its test passes, so the first thing a
// newcomer copies works.
#include <catch2/catch.hpp>

#include <regex>

#include "cli_support.hpp"

using namespace writ::testing;

TEST_CASE("the README's example policy checks clean and passes its test") {
  std::string readme = read_all(std::string(WRIT_SOURCE_DIR) + "/README.md");
  std::smatch m;
  REQUIRE(std::regex_search(readme, m, std::regex("```writ\\n([\\s\\S]*?)```")));
  TempDir tmp;
  auto path = tmp.write("readme.writ", m[1].str());
  auto check = run_writ("check '" + path.string() + "'");
  CHECK(check.status == 0);
  CHECK_THAT(check.err, Catch::Contains("0 errors, 0 warnings"));
  auto test = run_writ("test '" + path.string() + "'");
  CHECK(test.status == 0);
  CHECK_THAT(test.out, Catch::Contains("1 passed, 0 failed"));
}
