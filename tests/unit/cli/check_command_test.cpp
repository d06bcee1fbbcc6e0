// `writ check`, `writ --version`, usage errors and hostile input, end to end through the binary.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

using writ::testing::run_writ;
using writ::testing::TempDir;

TEST_CASE("writ --version names the tool, language and table-format versions") {
  auto r = run_writ("--version");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("writ ") && Catch::Contains("language 1") && Catch::Contains("table format"));
}

TEST_CASE("usage errors exit 2") {
  CHECK(run_writ("").status == 2);
  CHECK(run_writ("frobnicate").status == 2);
  CHECK(run_writ("check").status == 2);
  CHECK(run_writ("check --format xml tests/fixtures/cli/clean.writ").status == 2);
  auto missing = run_writ("check tests/fixtures/cli/no_such_file.writ");
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, Catch::Contains("no_such_file.writ"));
}

TEST_CASE("check --help explains each command") {
  auto r = run_writ("check --help");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("--fail-on") && Catch::Contains("--format") && Catch::Contains("--dump"));
}

TEST_CASE("a clean policy checks with exit 0 and a summary") {
  auto r = run_writ("check --no-analysis --color never tests/fixtures/cli/clean.writ");  // compile-clean; its findings: tests/unit/analysis
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("1 policy, 0 errors, 0 warnings"));
}

TEST_CASE("semantic errors are clang-style with a caret and exit 1") {
  auto r = run_writ("check --color never tests/fixtures/cli/undeclared.writ");
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::StartsWith("tests/fixtures/cli/undeclared.writ:9:11: error[W020]: undeclared role `veiwer_base`"));
  CHECK_THAT(r.out, Catch::Contains("    extends veiwer_base;\n            ^~~~~~~~~~~"));
  CHECK(r.out.find("\x1b[") == std::string::npos);  // no colour when asked for none
}

TEST_CASE("check --color always colours the output") {
  auto r = run_writ("check --color always tests/fixtures/cli/undeclared.writ");
  CHECK(r.out.find("\x1b[") != std::string::npos);
}

TEST_CASE("check --format json gives the same data as text") {
  auto r = run_writ("check --format json tests/fixtures/cli/undeclared.writ");
  CHECK(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["diagnostics"].size() >= 1);
  auto d = j["diagnostics"][0];
  CHECK(d["code"] == "W020");
  CHECK(d["severity"] == "error");
  CHECK(d["line"] == 9);
  CHECK(d["column"] == 11);
  CHECK(d["file"] == "tests/fixtures/cli/undeclared.writ");
  CHECK(j["summary"]["errors"].get<int>() >= 1);
}

TEST_CASE("check --fail-on decides whether warnings fail") {
  CHECK(run_writ("check tests/fixtures/cli/warning_only.writ").status == 0);
  auto w = run_writ("check --color never --fail-on warning tests/fixtures/cli/warning_only.writ");
  CHECK(w.status == 1);
  CHECK_THAT(w.out, Catch::Contains("warning[W050]"));
  CHECK(run_writ("check --fail-on never tests/fixtures/cli/undeclared.writ").status == 0);
}

TEST_CASE("a syntax error is an input error: exit 2 and a W001 at the spot") {
  auto r = run_writ("check --color never tests/fixtures/cli/syntax_error.writ");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::StartsWith("tests/fixtures/cli/syntax_error.writ:4:15: error[W001]"));
}

TEST_CASE("check --dump prints each phase") {
  auto ast = run_writ("check --dump ast tests/fixtures/cli/clean.writ");
  CHECK(ast.status == 0);
  CHECK_THAT(ast.out, Catch::Contains("viewer"));
  auto ir = run_writ("check --dump ir tests/fixtures/cli/clean.writ");
  CHECK(ir.status == 0);
  // What only lowering produces, so the test fails if `--dump ir` printed the AST: the numbered
  // permission table, the pattern `{create, delete}` expanded to its set, stable rule keys.
  CHECK_THAT(ir.out, Catch::Contains("permissions 3\n") && Catch::Contains("  0 billing/services:view\n") &&
                         Catch::Contains("permissions {billing/services:create, billing/services:delete}") &&
                         Catch::Contains("key \""));
  CHECK_THAT(ast.out, !Catch::Contains("permissions {billing/services:create, billing/services:delete}"));
  CHECK_THAT(ast.out, !Catch::Contains("permissions 3\n"));
}

TEST_CASE("hostile input gets one clear error and exit 2, never a crash or hang") {
  TempDir tmp;
  struct Case {
    std::string name, text, code;
  };
  std::string deep_dsl = "policy p { combining permissive; }\nrole r { permit m/r:a when ";
  deep_dsl += std::string(5000, '(') + "true" + std::string(5000, ')') + "; }\n";
  std::string deep_yaml = "roles:\n  r:\n    permit: " + std::string(2000, '[') + std::string(2000, ']') + "\n";
  std::vector<Case> cases = {
      {"empty.writ", "", "W006"},
      {"empty.yaml", "", "W006"},
      {"nul.writ", std::string("policy p {\0}", 12), "W004"},
      {"utf8.writ", "policy p \xC3\x28 {}", "W003"},
      {"truncated.writ", "policy p { combining permissive; }\nmodule m {\n  action view: re", "W001"},
      {"truncated.yaml", "policy:\n  name: p\nmodules: {m: {actions: [", "W010"},
      {"tabs.yaml", "policy:\n\tname: p\n", "W015"},
      {"dupkey.yaml", "policy:\n  name: p\n  name: q\n", "W011"},
      {"merge.yaml", "policy: {name: p}\nroles:\n  r:\n    <<: {title: x}\n", "W012"},
      {"bomb.yaml", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "W013"},
      {"cycle.yaml", "a: &x {k: *x}\n", "W013"},
      {"twodocs.yaml", "policy: {name: p}\n---\npolicy: {name: q}\n", "W014"},
      {"deep.yaml", deep_yaml, "W005"},
      {"deep.writ", deep_dsl, "W005"},
      {"huge.writ", "# " + std::string(16 * 1024 * 1024, 'x') + "\n", "W002"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    tmp.write(c.name, c.text);
    auto r = run_writ("check --color never '" + (tmp.path / c.name).string() + "'");
    CHECK(r.status == 2);
    CHECK_THAT(r.out, Catch::Contains("error[" + c.code + "]"));
  }
}

TEST_CASE("commands that take one policy accept a folder holding exactly one") {
  auto folder = run_writ("who-can policies/vendor_support_access integrator/integrations:view");
  CHECK(folder.status == 0);
  auto file = run_writ("who-can policies/vendor_support_access/tests.writ integrator/integrations:view");
  CHECK(folder.out == file.out);
  auto many = run_writ("explain policies --role x");
  CHECK(many.status == 2);
  CHECK_THAT(many.err, Catch::Contains("holds 5 policies"));
}
