// The canonical YAML printer: quoting of anything another reader could take for a different type,
// deterministic layout, and YAML -> AST -> YAML being a fixpoint on hand-written YAML.
#include <catch2/catch.hpp>

#include "compiler/yaml/out_tree.hpp"
#include "compiler/yaml/yaml_printer.hpp"
#include "tests/unit/yaml/yaml_test_util.hpp"

using namespace writ;

TEST_CASE("scalars that could be misread are quoted", "[yaml][printer]") {
  CHECK(yaml::quote_scalar("company_admin") == "company_admin");
  CHECK(yaml::quote_scalar("Level 1") == "Level 1");
  CHECK(yaml::quote_scalar("common.writ") == "common.writ");
  for (const char* s : {"true", "False", "yes", "No", "on", "OFF", "y", "n", "null", "~", "", "010", "5d", "1.5",
                        "2025-03-01T09:00:00Z", "-x", "a: b", "a #b", "*x", "&x", "!x", "@read", "[a]", "{a}", "a,b",
                        "trailing ", "é"}) {
    INFO(s);
    CHECK(yaml::quote_scalar(s) != s);
  }
  CHECK(yaml::quote_scalar("it's") == "'it''s'");
  CHECK(yaml::quote_scalar("a\nb\t\"c\"\\") == "\"a\\nb\\t\\\"c\\\"\\\\\"");
  CHECK(yaml::quote_scalar(std::string("\x01", 1)) == "\"\\x01\"");
}

TEST_CASE("hand-written YAML prints canonically and the print is a fixpoint", "[yaml][printer]") {
  const std::string text =
      "policy: {name: p, title: 'Title: x', combining: permissive}\n"
      "modules:\n"
      "  m:\n"
      "    actions: {a: read, b: {class: write, title: B}}\n"
      "    resources: {r: [a, b], s: {title: S, actions: [a], resources: {t: [a]}}}\n"
      "    levels: {l: {permit: ['m/**:@read', {pattern: 'm/r:b', requires: ['m >= l'], when: context.x}]}, lr: {readonly: l}}\n"
      "roles:\n"
      "  'true': {holders: [internal], assigned_by: [automatic, [x], {roles: [y], when: context.x}], levels: {m: l}, "
      "at: {descendants: {permit: ['m/r:a']}}}\n"
      "templates:\n"
      "  t: {grants: ['custom', custom], duration: {default: 5d}, scope: descendants}\n"
      "tests:\n"
      "  t1: {context: {s: 'true', n: 10, b: false}, at: '2025-01-01T00:00:00Z', request: 'm/r:a', expect: allow}\n";
  auto r = yaml::test::read(text);
  INFO(r.dump());
  REQUIRE(r.file);
  const std::string printed = yaml::print_file(*r.file);
  INFO(printed);
  auto again = yaml::test::read(printed);
  INFO(again.dump());
  REQUIRE(again.file);
  CHECK(yaml::print_file(*again.file) == printed);
  CHECK_THAT(printed, Catch::Contains("'true':"));
  CHECK_THAT(printed, Catch::Contains("s: 'true'"));
  CHECK_THAT(printed, Catch::Contains("'n': 10"));
  CHECK_THAT(printed, Catch::Contains("grants: ['custom', custom]"));
  CHECK_THAT(printed, Catch::Contains("at: '2025-01-01T00:00:00Z'"));
  const auto& t = yaml::test::decl<ast::GrantTemplateDecl>(*again.file, 3);
  CHECK(t.custom);
  REQUIRE(t.grantable_roles.size() == 1);
  CHECK(t.grantable_roles[0].text == "custom");
}

TEST_CASE("DSL comments are printed as YAML comments", "[yaml][printer]") {
  ast::File f;
  ast::RoleDecl r;
  r.name.text = "admin";
  r.comments = {"The administrator.", ""};  // as the DSL stores them: without `# `
  r.scopes.emplace_back();
  f.decls.emplace_back(r);
  f.trailing_comments = {"end"};
  const std::string printed = yaml::print_file(f);
  CHECK(printed == "roles:\n  # The administrator.\n  #\n  admin: {}\n# end\n");
  auto back = yaml::test::read(printed);
  CHECK(back.file);
}

TEST_CASE("an empty file prints as an empty mapping that reads back", "[yaml][printer]") {
  ast::File f;
  CHECK(yaml::print_file(f) == "{}\n");
  auto back = yaml::test::read("{}\n");
  REQUIRE(back.file);
  CHECK(back.file->decls.empty());
}
