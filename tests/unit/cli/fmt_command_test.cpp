// `writ fmt`: canonical output, --check for CI, --write in place, conversion between syntaxes,
// and that a failing run never leaves a half-written file.
#include <catch2/catch.hpp>

#include "cli_support.hpp"

using writ::testing::read_all;
using writ::testing::run_writ;
using writ::testing::TempDir;

namespace {
const char* kMessy = "policy   shop{combining deny_overrides;}\n"
                     "module billing { action view : read; resource services actions view; }\n"
                     "# the only role\n"
                     "role viewer {permit billing/services:view;}\n";
}

TEST_CASE("fmt prints canonical DSL and is idempotent") {
  TempDir tmp;
  auto messy = tmp.write("messy.writ", kMessy);
  auto first = run_writ("fmt '" + messy.string() + "'");
  REQUIRE(first.status == 0);
  CHECK(first.out != kMessy);
  CHECK_THAT(first.out, Catch::Contains("# the only role\nrole viewer"));
  auto canon = tmp.write("canon.writ", first.out);
  auto second = run_writ("fmt '" + canon.string() + "'");
  CHECK(second.status == 0);
  CHECK(second.out == first.out);
}

TEST_CASE("fmt --check exits 1 on a non-canonical file and 0 on a canonical one") {
  TempDir tmp;
  auto messy = tmp.write("messy.writ", kMessy);
  auto r = run_writ("fmt --check '" + messy.string() + "'");
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("messy.writ"));
  auto canon = tmp.write("canon.writ", run_writ("fmt '" + messy.string() + "'").out);
  CHECK(run_writ("fmt --check '" + canon.string() + "'").status == 0);
  CHECK(read_all(messy) == kMessy);  // --check never writes
}

TEST_CASE("fmt --write rewrites in place, a file with errors is left untouched") {
  TempDir tmp;
  auto messy = tmp.write("messy.writ", kMessy);
  CHECK(run_writ("fmt --write '" + messy.string() + "'").status == 0);
  CHECK(run_writ("fmt --check '" + messy.string() + "'").status == 0);
  auto broken = tmp.write("broken.writ", "policy p { combining permissive; }\nrole r { permit\n");
  CHECK(run_writ("fmt --write '" + broken.string() + "'").status == 2);
  CHECK(read_all(broken) == "policy p { combining permissive; }\nrole r { permit\n");
  for (const auto& e : std::filesystem::directory_iterator(tmp.path))
    CHECK(e.path().filename().string().find("writ-tmp") == std::string::npos);
}

TEST_CASE("fmt converts DSL to YAML and back to the same canonical DSL") {
  TempDir tmp;
  auto src = tmp.write("p.writ", run_writ("fmt tests/fixtures/cli/clean.writ").out);
  auto yaml = tmp.path / "p.yaml";
  REQUIRE(run_writ("fmt --to yaml '" + src.string() + "' -o '" + yaml.string() + "'").status == 0);
  CHECK_THAT(read_all(yaml), Catch::Contains("viewer"));
  CHECK(run_writ("check '" + yaml.string() + "'").status == 0);
  auto back = run_writ("fmt --to dsl '" + yaml.string() + "'");
  REQUIRE(back.status == 0);
  // Comments do not survive YAML (its parser drops them); everything else does.
  auto original = run_writ("fmt '" + src.string() + "'").out;
  auto strip_comments = [](std::string s) {
    std::string out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);)
      if (line.find_first_not_of(' ') == std::string::npos || line[line.find_first_not_of(' ')] != '#') out += line + "\n";
    return out;
  };
  CHECK(strip_comments(back.out) == strip_comments(original));
}

TEST_CASE("fmt refuses what it cannot read with exit 2") {
  CHECK(run_writ("fmt tests/fixtures/cli/syntax_error.writ").status == 2);
  CHECK(run_writ("fmt no/such/file.writ").status == 2);
  CHECK(run_writ("fmt README.md").status == 2);
  CHECK(run_writ("fmt --write --to yaml tests/fixtures/cli/clean.writ").status == 2);
}
