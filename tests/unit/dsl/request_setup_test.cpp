// The request-setup items of tests that carry the event of an implicit grant and the owner of the
// resource (`trigger IMPLICIT [at ORG];`, `owner "ID";`, docs/language.md §11): parsed with spans,
// printed back canonically, and rejected with the grammar's message when misspelt.
#include <catch2/catch.hpp>

#include "dsl_test_support.hpp"

using namespace writ;

TEST_CASE("trigger and owner read into the test's setup", "[dsl][parser][setup]") {
  auto p = test::parse_text(R"(test t {
  role support_engineer at vendor;
  trigger ticket_read_access at customer;
  trigger escalation;
  owner "alice";
  request m/r:view;
  expect allow;
}
matrix x { trigger ticket_read_access at acme; owner "bob"; roles a; row m/r:view = allow; }
)");
  REQUIRE(p.ok());
  const auto& t = std::get<ast::TestDecl>(p.file->decls[0]);
  REQUIRE(t.setup.triggers.size() == 2);
  CHECK(t.setup.triggers[0].implicit.text == "ticket_read_access");
  REQUIRE(t.setup.triggers[0].org);
  CHECK(t.setup.triggers[0].org->text == "customer");
  CHECK(t.setup.triggers[0].org->span.line == 3);
  CHECK(t.setup.triggers[0].org->span.col == 33);
  CHECK(t.setup.triggers[0].span.line == 3);
  CHECK(t.setup.triggers[0].span.col == 3);
  CHECK(t.setup.triggers[1].implicit.text == "escalation");
  CHECK_FALSE(t.setup.triggers[1].org);
  REQUIRE(t.setup.resource_owner);
  CHECK(t.setup.resource_owner->value == "alice");
  CHECK(t.setup.resource_owner->span.col == 9);
  const auto& m = std::get<ast::MatrixDecl>(p.file->decls[1]);
  REQUIRE(m.setup.triggers.size() == 1);
  CHECK(m.setup.triggers[0].org->text == "acme");
  CHECK(m.setup.resource_owner->value == "bob");
}

TEST_CASE("trigger and owner print back in canonical order", "[dsl][printer][setup]") {
  auto p = test::parse_text(
      "test t { owner \"a\\\"b\"; trigger i; role r; trigger j at o; request m/r:v; expect deny; }\n");
  REQUIRE(p.ok());
  const std::string out = dsl::print_file(*p.file);
  CHECK(out ==
        "test t {\n"
        "  role r;\n"
        "  trigger i;\n"
        "  trigger j at o;\n"
        "  owner \"a\\\"b\";\n"
        "  request m/r:v;\n"
        "  expect deny;\n"
        "}\n");
  auto again = test::parse_text(out);
  REQUIRE(again.ok());
  CHECK(dsl::print_file(*again.file) == out);
}

TEST_CASE("misspelt trigger and owner items are W001 at the token", "[dsl][errors][setup]") {
  const test::SyntaxErrorCase cases[] = {
      {"test t { trigger; }", 17, "expected an implicit grant's name after `trigger`"},
      {"test t { trigger i at; }", 22, "expected an organization name after `at`"},
      {"test t { trigger i o; }", 20, "expected `at` or `;` after the implicit grant's name"},
      {"test t { owner alice; }", 16, "expected the owner's id string after `owner`"},
      {"test t { owner \"a\" \"b\"; }", 20, "expected `;` after the owner's id"},
  };
  test::check_syntax_errors(cases);
}
