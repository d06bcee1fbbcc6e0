// The YAML form of level includes, rule names, grantee_requires, the policy-wide maximum and the
// analysis settings (docs/yaml.md §2, §5, §6, §9): read into the same AST as the DSL, printed back
// as a fixpoint, and W016 for a suppression without a reason.
#include <catch2/catch.hpp>

#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/yaml/yaml_printer.hpp"
#include "tests/unit/yaml/yaml_test_util.hpp"

using namespace writ;
using writ::yaml::test::decl;
using writ::yaml::test::read;

namespace {

const char* kYaml =
    "policy:\n"
    "  name: p\n"
    "  max_grant_duration: 90d\n"
    "  severity: {escalation.assign: error}\n"
    "  suppress: {unused_attribute: kept}\n"
    "modules:\n"
    "  m:\n"
    "    suppress: {unused_resource: archive}\n"
    "    levels:\n"
    "      l2:\n"
    "        suppress: {shadowed: reviewed}\n"
    "        includes: [l1, l0]\n"
    "        permit: [{pattern: 'm/r:edit', requires: ['n >= k'], when: context.x, name: editors_edit}]\n"
    "roles:\n"
    "  r:\n"
    "    suppress: {escalation: by design}\n"
    "    assigned_by:\n"
    "      - {roles: [admin], contained: true}\n"
    "      - {roles: [staff], when: principal.named, intended: promotes one}\n"
    "      - automatic\n"
    "    permit: [{pattern: 'm/r:view', name: views}]\n"
    "    deny: [{pattern: 'm/r:edit', name: no_edit}]\n"
    "forbids:\n"
    "  f: {suppress: {dead: doc}, deny: [{pattern: 'm/r:edit', name: never_edit}]}\n"
    "templates:\n"
    "  t:\n"
    "    suppress: {long: quarterly}\n"
    "    grantee_requires: [staff, support]\n"
    "    granted_by: [{anyone: true, when: context.x, contained: true}]\n"
    "implicit_grants:\n"
    "  i: {suppress: {wide: read only}, grants: [staff]}\n";

}  // namespace

TEST_CASE("YAML additions read into the AST the DSL gives", "[yaml][reader][additions]") {
  auto r = read(kYaml);
  INFO(r.dump());
  REQUIRE(r.file);
  REQUIRE(r.diags.items().empty());
  const auto& pol = decl<ast::PolicyDecl>(*r.file, 0);
  CHECK(pol.max_grant_duration->text == "90d");
  CHECK(pol.severities.at(0).code.text == "escalation.assign");
  CHECK(pol.severities.at(0).level.text == "error");
  CHECK(pol.severities.at(0).level.span.line == 4);
  CHECK(pol.suppressions.at(0).reason.value == "kept");
  CHECK(pol.suppressions.at(0).code.span.col == 14);
  const auto& m = decl<ast::ModuleDecl>(*r.file, 1);
  CHECK(m.suppressions.at(0).code.text == "unused_resource");
  const auto& l = m.levels.at(0);
  CHECK(l.suppressions.at(0).reason.value == "reviewed");
  REQUIRE(l.includes.size() == 2);
  CHECK(l.includes[0].text == "l1");
  CHECK(l.permits.at(0).name->text == "editors_edit");
  const auto& role = decl<ast::RoleDecl>(*r.file, 2);
  REQUIRE(role.assigned_by.size() == 3);
  CHECK(role.assigned_by[0].contained);
  CHECK(role.assigned_by[1].intended->value == "promotes one");
  CHECK(role.assigned_by[2].automatic);
  CHECK(role.scopes[0].permits.at(0).name->text == "views");
  CHECK(role.scopes[0].denies.at(0).name->text == "no_edit");
  const auto& t = decl<ast::GrantTemplateDecl>(*r.file, 4);
  CHECK(t.grantee_requires.size() == 2);
  CHECK(t.granted_by.at(0).contained);
  CHECK(decl<ast::ImplicitGrantDecl>(*r.file, 5).suppressions.at(0).reason.value == "read only");

  // The DSL print of the YAML's AST is what the DSL itself would print.
  const std::string dsl = dsl::print_file(*r.file);
  CHECK_THAT(dsl, Catch::Contains("  assigned_by staff when principal.named intended \"promotes one\";\n"));
  CHECK_THAT(dsl, Catch::Contains("    permit m/r:edit requires n >= k when context.x as editors_edit;\n"));
  CHECK_THAT(dsl, Catch::Contains("  severity escalation.assign error;\n"));

  const std::string printed = yaml::print_file(*r.file);
  auto again = read(printed);
  INFO(printed);
  REQUIRE(again.file);
  CHECK(yaml::print_file(*again.file) == printed);
  CHECK(dsl::print_file(*again.file) == dsl);
}

TEST_CASE("a YAML suppression needs a reason and a check code", "[yaml][reader][additions]") {
  auto r = read("roles:\n  r: {suppress: {escalation: }}\n");
  CHECK_FALSE(r.file);
  REQUIRE(r.first());
  CHECK(r.first()->code() == "W016");
  CHECK(r.first()->span.line == 2);
  CHECK(r.first()->span.col == 18);
  CHECK(r.first()->message == "`suppress escalation` of role `r` needs a reason: write `escalation: REASON`");
  auto s = read("roles:\n  r: {suppress: {'a b': why}}\n");
  CHECK_FALSE(s.file);
  REQUIRE(s.first());
  CHECK(s.first()->message == "`a b` is not a check code in `suppress` of role `r`");
  auto t = read("roles:\n  r: {suppress: [escalation]}\n");
  CHECK_FALSE(t.file);
  REQUIRE(t.first());
  CHECK(t.first()->code() == "W016");
}
