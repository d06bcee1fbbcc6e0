// writ-gen (tools/gen/): every generated policy compiles without a diagnostic, every generated
// test passes against the reference interpreter, the output is deterministic for a seed, and the
// requested sizes are reached. Small sizes, several seeds and both shapes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <stdexcept>

#include "tests/unit/gen/compile_support.hpp"
#include "tools/gen/generator.hpp"

using namespace writ::gen;
using writ::gen::testing::Compiled;

namespace {

Options small(std::uint64_t seed, Shape shape) {
  Options o;
  o.seed = seed;
  o.shape = shape;
  o.roles = 40;
  o.permissions = 400;
  o.edges = 160;
  o.tests = 120;
  o.validate_tests = 12;
  return o;
}

std::string label(const Options& o) { return std::string(shape_name(o.shape)) + "_" + std::to_string(o.seed); }

void require_clean(const Compiled& c, const Options& o) {
  INFO(command_line(o));
  for (const auto& m : c.messages) UNSCOPED_INFO(m);
  REQUIRE(c.ok);
  CHECK(c.messages.empty());  // not even a warning
  for (const auto& f : c.failures) UNSCOPED_INFO(f);
  CHECK(c.failures.empty());
  CHECK(c.passed == c.tests);
}

}  // namespace

TEST_CASE("generated policies compile cleanly and all their tests pass") {
  for (Shape shape : {Shape::mixed, Shape::chain})
    for (std::uint64_t seed : {1, 2, 3, 4}) {
      Options o = small(seed, shape);
      Output out = generate(o);
      CHECK(out.summary.judge_conflicts == 0);
      require_clean(writ::gen::testing::compile_output(out, label(o)), o);
    }
}

TEST_CASE("a larger mixed policy compiles cleanly and all its tests pass") {
  Options o;
  o.seed = 7;
  o.roles = 240;
  o.permissions = 3000;
  o.edges = 1200;
  o.tests = 400;
  o.validate_tests = 30;
  require_clean(writ::gen::testing::compile_output(generate(o), "larger"), o);
}

TEST_CASE("the single-file form (stdout) compiles and passes too") {
  Options o = small(5, Shape::mixed);
  require_clean(writ::gen::testing::compile_single(generate(o)), o);
}

TEST_CASE("large policies are split into parts the first file imports") {
  Options o = small(6, Shape::mixed);
  o.part_bytes = 16 * 1024;
  Output out = generate(o);
  int policy_parts = 0, test_parts = 0;
  for (const auto& [name, text] : out.files) {
    CHECK(text.size() <= o.part_bytes + 4096);  // a part may end with one declaration past the budget's start
    policy_parts += name.rfind("policy", 0) == 0;
    test_parts += name.rfind("tests", 0) == 0;
  }
  CHECK(policy_parts > 1);
  CHECK(test_parts > 1);
  CHECK(out.files.front().first == "policy.writ");
  CHECK(out.files.front().second.find("import \"policy_2.writ\";") != std::string::npos);
  require_clean(writ::gen::testing::compile_output(out, "parts"), o);
  // Below the budget the policy still takes two files (the parts import each other: a cycle)
  // and the tests one (importing both policy files: a diamond).
  o.part_bytes = Options{}.part_bytes;
  out = generate(o);
  REQUIRE(out.files.size() == 3);
  CHECK(out.files[1].first == "policy_2.writ");
  CHECK(out.files[1].second.find("import \"policy.writ\";") != std::string::npos);
  CHECK(out.files[2].first == "tests.writ");
  CHECK(out.files[2].second.find("import \"policy.writ\";\nimport \"policy_2.writ\";") != std::string::npos);
  o.policy_files = 1;
  CHECK(generate(o).files.size() == 2);  // policy.writ and tests.writ
}

TEST_CASE("the same options give the same bytes, another seed gives other bytes") {
  for (Shape shape : {Shape::mixed, Shape::chain}) {
    Output a = generate(small(11, shape)), b = generate(small(11, shape)), c = generate(small(12, shape));
    CHECK(a.policy == b.policy);
    CHECK(a.tests == b.tests);
    CHECK(a.request_json == b.request_json);
    CHECK(a.manifest_json == b.manifest_json);
    CHECK(a.policy != c.policy);
    CHECK(a.tests != c.tests);
  }
}

TEST_CASE("requested sizes are reached") {
  for (Shape shape : {Shape::mixed, Shape::chain}) {
    Options o = small(3, shape);
    Output out = generate(o);
    Compiled c = writ::gen::testing::compile_output(out, "sizes_" + label(o));
    REQUIRE(c.ok);
    CHECK(c.roles == o.roles);
    CHECK(c.edges == o.edges);
    CHECK(c.tests == o.tests);
    CHECK(c.validate_tests == o.validate_tests);
    // Permissions come in whole resources and sections: within 25% at this size.
    CHECK(c.permissions >= o.permissions);
    CHECK(c.permissions <= o.permissions * 5 / 4);
    // The summary says the same as the compiled IR.
    CHECK(out.summary.roles == c.roles);
    CHECK(out.summary.permissions == c.permissions);
    CHECK(out.summary.edges == c.edges);
    CHECK(out.summary.tests == c.tests);
  }
}

TEST_CASE("the chain shape is one long extends chain") {
  Options o = small(2, Shape::chain);
  o.roles = 120;
  Output out = generate(o);
  // Nearly every role is a link: all but the grantable and automatic roles and the viewer.
  CHECK(out.summary.deepest_depth >= o.roles - 8);
  CHECK(out.summary.deepest_role == out.summary.sample_role);
}

TEST_CASE("every construct the brief lists is generated") {
  const std::string p = generate(small(1, Shape::mixed)).policy + generate(small(2, Shape::mixed)).policy;
  const std::string t = generate(small(1, Shape::mixed)).tests;
  for (const char* construct :
       {"extends ", "at descendants {", " above ", "= readonly(", " requires ", "context.environment", "context.tier", "context.ticket_open",
        "context.seats", "context.region", "principal.kind", "deny ", "applies_to anyone", "applies_to kind", "applies_to role",
        "applies_to template", "applies_to level", "ceiling grantor;", "duration default", "precondition ", "scope descendants;",
        "scope when", "grants custom;", "implicit ", "assigned_by automatic;", "assert ", "never ", "always ", "read_only ",
        "grantee_requires ", "principal.is_owner"}) {
    INFO(construct);
    CHECK(p.find(construct) != std::string::npos);
  }
  for (const char* construct : {"organization ", " in root;", "request ", "validate ", "assign ", "matrix ", "grant ", "expect invalid",
                                "expect valid", "expect allow", "expect deny", "custom ", "  trigger ", "  id \"", "  owner \""}) {
    INFO(construct);
    CHECK(t.find(construct) != std::string::npos);
  }
  // Names in every identifier character class (docs/language.md §1): besides lower case and
  // `_`, an upper-case letter, a digit without an underscore before it, a leading underscore.
  CHECK(std::regex_search(p, std::regex("\\nrole [A-Z][a-z]+[0-9]+ ")));
  CHECK(std::regex_search(p, std::regex("\\nrole _[a-z]+_[0-9]+ ")));
  CHECK(std::regex_search(p, std::regex("\\nrole [A-Z]+_[0-9]+ ")));
}

TEST_CASE("implicit-grant tests name their trigger unless --no-triggers") {
  // With triggers (the default) the clean-compile tests above cover them; here without.
  Options o = small(1, Shape::mixed);
  o.tests = 400;
  CHECK(generate(o).tests.find("  trigger ticket_access") != std::string::npos);
  o.triggers = false;
  const Output out = generate(o);
  CHECK(out.tests.find("  trigger ") == std::string::npos);
  CHECK(out.summary.judge_conflicts == 0);
  require_clean(writ::gen::testing::compile_output(out, "no_triggers"), o);
}

TEST_CASE("sizes the generator cannot honour are refused") {
  Options o = small(1, Shape::mixed);
  o.roles = kMinRoles - 1;
  CHECK_THROWS_AS(generate(o), std::invalid_argument);
  o = small(1, Shape::mixed);
  o.validate_tests = o.tests + 1;
  CHECK_THROWS_AS(generate(o), std::invalid_argument);
}

TEST_CASE("writ-gen -o DIR writes a policy that `writ check` and `writ test` accept") {
  const auto dir = std::filesystem::temp_directory_path() / "writ_gen_cli_test";
  std::filesystem::remove_all(dir);
  const std::string gen = std::string(WRIT_GEN_BINARY) + " --seed 9 --roles 30 --permissions 300 --edges 90 --tests 60 --validate-tests 6 -o " +
                          dir.string() + " 2>/dev/null";
  REQUIRE(std::system(gen.c_str()) == 0);
  for (const char* f : {"policy.writ", "tests.writ", "request.json", "manifest.json"}) CHECK(std::filesystem::exists(dir / f));
  const std::string writ = std::string(WRIT_BINARY);
  CHECK(std::system((writ + " check --no-analysis " + dir.string() + " >/dev/null 2>&1").c_str()) == 0);
  CHECK(std::system((writ + " test " + dir.string() + " >/dev/null 2>&1").c_str()) == 0);
  CHECK(std::system((writ + " eval " + (dir / "policy.writ").string() + " --request " + (dir / "request.json").string() +
                     " --fail-on-deny >/dev/null 2>&1")
                        .c_str()) == 0);
}
