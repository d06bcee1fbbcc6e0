// The DSL syntax of level includes, rule names (`as NAME`), `grantee_requires`, the policy-wide
// `max_grant_duration`, and issue 8's analysis settings (`contained` and `intended "REASON"` on
// assignment edges, `suppress CODE "REASON";`, `severity CODE LEVEL;`): parsed with spans, printed
// back canonically, and rejected at the offending token when misspelt (docs/language.md §2, §5,
// §6, §9).
#include <catch2/catch.hpp>

#include "dsl_test_support.hpp"

using namespace writ;

namespace {

const char* kText = R"(policy p {
  max_grant_duration 90d;
  severity escalation.assign error;
  suppress unused_attribute "kept";
}
module m {
  suppress unused_resource "archive";
  level l2 {
    suppress shadowed "reviewed";
    includes l1, l0;
    permit m/r:edit requires n >= k when context.x as editors_edit;
  }
}
role r {
  suppress escalation "by design";
  assigned_by admin contained;
  assigned_by staff when principal.named intended "promotes one";
  assigned_by automatic;
  permit m/r:view as views;
  deny m/r:edit as no_edit;
  at descendants { deny m/r:edit when context.x as no_edit_below; }
}
forbid f { suppress dead "doc"; deny m/r:edit as never_edit; }
template t {
  suppress long "quarterly";
  grantee_requires staff, support;
  granted_by anyone when context.x contained;
  deny m/r:edit as t_no_edit;
}
implicit i { suppress wide "read only"; grants staff; }
)";

}  // namespace

TEST_CASE("the analysis settings and rule names read into the AST", "[dsl][parser][additions]") {
  auto p = test::parse_text(kText);
  const auto& pol = test::decl_at<ast::PolicyDecl>(p, 0);
  REQUIRE(pol.max_grant_duration);
  CHECK(pol.max_grant_duration->text == "90d");
  CHECK(pol.max_grant_duration->span.col == 22);
  REQUIRE(pol.severities.size() == 1);
  CHECK(pol.severities[0].code.text == "escalation.assign");
  CHECK(pol.severities[0].level.text == "error");
  CHECK(pol.severities[0].level.span.col == 30);
  CHECK(pol.severities[0].span.line == 3);
  REQUIRE(pol.suppressions.size() == 1);
  CHECK(pol.suppressions[0].code.text == "unused_attribute");
  CHECK(pol.suppressions[0].reason.value == "kept");
  CHECK(pol.suppressions[0].reason.span.col == 29);

  const auto& m = test::decl_at<ast::ModuleDecl>(p, 1);
  REQUIRE(m.suppressions.size() == 1);
  CHECK(m.suppressions[0].reason.value == "archive");
  const auto& l = m.levels.at(0);
  REQUIRE(l.suppressions.size() == 1);
  CHECK(l.suppressions[0].code.text == "shadowed");
  REQUIRE(l.includes.size() == 2);
  CHECK(l.includes[1].text == "l0");
  CHECK(l.includes[1].span.line == 10);
  CHECK(l.includes[1].span.col == 18);
  REQUIRE(l.permits.size() == 1);
  REQUIRE(l.permits[0].name);
  CHECK(l.permits[0].name->text == "editors_edit");
  CHECK(l.permits[0].requirements.size() == 1);
  CHECK(l.permits[0].when);

  const auto& r = test::decl_at<ast::RoleDecl>(p, 2);
  CHECK(r.suppressions.at(0).code.text == "escalation");
  REQUIRE(r.assigned_by.size() == 3);
  REQUIRE(r.assigned_by[0].contained);
  CHECK(r.assigned_by[0].contained->col == 21);
  CHECK_FALSE(r.assigned_by[0].intended);
  CHECK_FALSE(r.assigned_by[1].contained);
  REQUIRE(r.assigned_by[1].intended);
  CHECK(r.assigned_by[1].intended->value == "promotes one");
  CHECK(r.assigned_by[1].when);
  CHECK_FALSE(r.assigned_by[2].contained);
  CHECK_FALSE(r.assigned_by[2].intended);
  CHECK(r.scopes[0].permits.at(0).name->text == "views");
  CHECK(r.scopes[0].denies.at(0).name->text == "no_edit");
  CHECK(r.scopes[0].denies.at(0).name->span.col == 20);
  CHECK(r.scopes.at(1).denies.at(0).name->text == "no_edit_below");

  const auto& f = test::decl_at<ast::ForbidDecl>(p, 3);
  CHECK(f.suppressions.at(0).code.text == "dead");
  CHECK(f.denies.at(0).name->text == "never_edit");
  const auto& t = test::decl_at<ast::GrantTemplateDecl>(p, 4);
  CHECK(t.suppressions.at(0).reason.value == "quarterly");
  REQUIRE(t.grantee_requires.size() == 2);
  CHECK(t.grantee_requires[1].text == "support");
  REQUIRE(t.granted_by.size() == 1);
  CHECK(t.granted_by[0].anyone);
  CHECK(t.granted_by[0].contained);
  CHECK(t.denies.at(0).name->text == "t_no_edit");
  const auto& i = test::decl_at<ast::ImplicitGrantDecl>(p, 5);
  CHECK(i.suppressions.at(0).code.text == "wide");
}

TEST_CASE("the additions print canonically and reparse to the same text", "[dsl][printer][additions]") {
  auto p = test::parse_text(kText);
  REQUIRE(p.ok());
  const std::string out = dsl::print_file(*p.file);
  CHECK(out ==
        "policy p {\n"
        "  max_grant_duration 90d;\n"
        "  severity escalation.assign error;\n"
        "  suppress unused_attribute \"kept\";\n"
        "}\n"
        "\n"
        "module m {\n"
        "  suppress unused_resource \"archive\";\n"
        "  level l2 {\n"
        "    suppress shadowed \"reviewed\";\n"
        "    includes l1, l0;\n"
        "    permit m/r:edit requires n >= k when context.x as editors_edit;\n"
        "  }\n"
        "}\n"
        "\n"
        "role r {\n"
        "  suppress escalation \"by design\";\n"
        "  assigned_by admin contained;\n"
        "  assigned_by staff when principal.named intended \"promotes one\";\n"
        "  assigned_by automatic;\n"
        "  permit m/r:view as views;\n"
        "  deny m/r:edit as no_edit;\n"
        "  at descendants {\n"
        "    deny m/r:edit when context.x as no_edit_below;\n"
        "  }\n"
        "}\n"
        "\n"
        "forbid f {\n"
        "  suppress dead \"doc\";\n"
        "  deny m/r:edit as never_edit;\n"
        "}\n"
        "\n"
        "template t {\n"
        "  suppress long \"quarterly\";\n"
        "  grantee_requires staff, support;\n"
        "  granted_by anyone when context.x contained;\n"
        "  deny m/r:edit as t_no_edit;\n"
        "}\n"
        "\n"
        "implicit i {\n"
        "  suppress wide \"read only\";\n"
        "  grants staff;\n"
        "}\n");
  auto again = test::parse_text(out);
  REQUIRE(again.ok());
  CHECK(dsl::print_file(*again.file) == out);
}

TEST_CASE("misspelt additions are W001 at the token with the grammar's message", "[dsl][errors][additions]") {
  const test::SyntaxErrorCase cases[] = {
      {"role r { suppress x; }", 20, "expected a reason string after the check code: a suppression needs a reason"},
      {"role r { suppress \"why\"; }", 19, "expected a check code after `suppress` or `severity`"},
      {"role r { suppress x \"a\" \"b\"; }", 25, "expected `;` after the suppression's reason"},
      {"policy p { severity x; }", 22, "expected a severity (`error`, `warning`, `note` or `off`) after the check code"},
      {"policy p { max_grant_duration long; }", 31, "expected a duration (e.g. `180d`) after `max_grant_duration`"},
      {"policy p { combining permissive; max_grant 5d; }", 34,
       "expected `description`, `combining`, `max_grant_duration`, `severity`, `suppress` or `}` in policy body"},
      {"role r { permit m/r:v as; }", 25, "expected a rule name after `as`"},
      {"role r { permit m/r:v as n when context.x; }", 28, "expected `requires`, `when`, `as` or `;` after permission pattern"},
      {"role r { deny m/r:v named n; }", 21, "expected `when`, `as` or `;` after permission pattern"},
      {"role r { assigned_by a intended; }", 32, "expected a reason string after `intended`"},
      {"role r { assigned_by a intended \"x\" contained; }", 37,
       "expected `,`, `when`, `contained`, `intended` or `;` after `assigned_by` roles"},
      {"module m { level l { includes; } }", 30, "expected a level name after `includes`"},
      {"template t { grantee_requires; }", 30, "expected a role name after `grantee_requires`"},
  };
  test::check_syntax_errors(cases);
}
