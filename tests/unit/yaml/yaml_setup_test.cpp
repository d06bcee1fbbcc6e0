// The YAML keys of a test's setup that carry implicit-grant triggers and the resource's owner
// (docs/yaml.md §11): `triggers: [IMPLICIT at ORG]`, `owner: ID`, read with spans, printed back,
// and W016 for a malformed trigger.
#include <catch2/catch.hpp>

#include "compiler/yaml/yaml_printer.hpp"
#include "tests/unit/yaml/yaml_test_util.hpp"

using namespace writ;
using writ::yaml::test::decl;
using writ::yaml::test::read;

TEST_CASE("triggers and owner read into the setup", "[yaml][reader][setup]") {
  auto r = read("tests:\n"
                "  t:\n"
                "    triggers: [ticket_read_access at customer, escalation]\n"
                "    owner: alice\n"
                "    request: 'm/r:view'\n"
                "    expect: allow\n"
                "matrices:\n"
                "  x: {triggers: [i at o], owner: 'bob', columns: [a], rows: {'m/r:view': [allow]}}\n");
  INFO(r.dump());
  REQUIRE(r.file);
  REQUIRE(r.diags.items().empty());
  const auto& t = decl<ast::TestDecl>(*r.file, 0);
  REQUIRE(t.setup.triggers.size() == 2);
  CHECK(t.setup.triggers[0].implicit.text == "ticket_read_access");
  CHECK(t.setup.triggers[0].implicit.span.line == 3);
  CHECK(t.setup.triggers[0].implicit.span.col == 16);
  REQUIRE(t.setup.triggers[0].org);
  CHECK(t.setup.triggers[0].org->text == "customer");
  CHECK(t.setup.triggers[0].org->span.col == 38);
  CHECK_FALSE(t.setup.triggers[1].org);
  REQUIRE(t.setup.resource_owner);
  CHECK(t.setup.resource_owner->value == "alice");
  const auto& m = decl<ast::MatrixDecl>(*r.file, 1);
  CHECK(m.setup.triggers.at(0).org->text == "o");
  CHECK(m.setup.resource_owner->value == "bob");

  const std::string printed = yaml::print_file(*r.file);
  CHECK_THAT(printed, Catch::Contains("triggers: [ticket_read_access at customer, escalation]"));
  CHECK_THAT(printed, Catch::Contains("owner: alice"));
  auto again = read(printed);
  REQUIRE(again.file);
  CHECK(yaml::print_file(*again.file) == printed);
}

TEST_CASE("a malformed trigger is W016 naming the shape", "[yaml][reader][setup]") {
  auto r = read("tests:\n  t: {triggers: [i on o], request: 'm/r:v', expect: deny}\n");
  CHECK_FALSE(r.file);
  REQUIRE(r.first());
  CHECK(r.first()->code() == "W016");
  CHECK(r.first()->span.line == 2);
  CHECK(r.first()->span.col == 18);
  CHECK(r.first()->message == "`i on o` is not a trigger for `triggers`; write `IMPLICIT` or `IMPLICIT at ORGANIZATION`");
  auto s = read("tests:\n  t: {triggers: i, request: 'm/r:v', expect: deny}\n");
  CHECK_FALSE(s.file);
  REQUIRE(s.first());
  CHECK(s.first()->code() == "W016");
}
