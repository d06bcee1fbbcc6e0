// Lowering of rule names, level includes, grantee_requires and the policy-wide maximum into the
// IR, and of the analysis settings (suppressions, severities, contained and intended edges): each
// misuse reported with its code, position and message.
#include <algorithm>

#include "lower_test_support.hpp"

using namespace writ;

namespace {

const char* kBase = R"(policy p {
  max_grant_duration 30d;
  severity escalation.assign error;
  severity unused_level off;
  suppress unused_attribute "kept for later";
}
module m {
  suppress unused_resource "the archive stays";
  action view: read;
  action edit: write;
  resource r actions view, edit;
  level l1 { permit m/r:view as l1_views; }
  level l2 {
    suppress level_shadowed "reviewed";
    includes l1;
    permit m/r:edit;
  }
}
role staff { level m = l1; }
role admin {
  suppress escalation.assign "admins appoint admins";
  assigned_by admin contained;
  assigned_by staff intended "staff promote one admin";
  level m = l2;
  deny m/r:edit when principal.is_owner as admins_never_edit_own;
}
forbid f { suppress dead_forbid "documented"; applies_to kind external; deny m/r:edit; }
template t {
  suppress grant_long "quarterly";
  grantee internal;
  grantee_requires staff;
  granted_by admin contained;
  duration max 5d;
  grants staff;
  ceiling grantor;
}
implicit i { suppress implicit_wide "read only"; grantee internal; grants staff; }
)";

struct Diag {
  std::uint32_t line, col;
  const char* code;
  const char* message;
};

void expect_diags(const std::string& text, const std::vector<Diag>& expected) {
  auto c = driver::compile_text("test.writ", text);
  INFO(test::messages(c));
  CHECK_FALSE(c.policy.has_value());
  REQUIRE(c.diags.items().size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& d = c.diags.items()[i];
    CHECK(d.span.line == expected[i].line);
    CHECK(d.span.col == expected[i].col);
    CHECK(std::string(d.code()) == expected[i].code);
    CHECK(d.message == expected[i].message);
  }
}

}  // namespace

TEST_CASE("rule names, includes, grantee_requires and the maximum reach the IR", "[lower][settings]") {
  auto c = test::compile_ok(kBase);
  const ir::Policy& p = *c.policy;
  REQUIRE(p.max_grant_duration);
  CHECK(*p.max_grant_duration == 30 * 86400);

  const ir::Role& admin = p[*p.find(p.role_by_name, "admin")];
  CHECK(admin.assigned_by.size() == 2);
  const ir::GrantTemplate& t = p[*p.find(p.template_by_name, "t")];
  REQUIRE(t.granted_by.size() == 1);
  REQUIRE(t.grantee_requires.size() == 1);
  CHECK(p[t.grantee_requires[0]].name == "staff");

  auto l1 = p.find(p.rule_by_name, "l1_views");
  REQUIRE(l1);
  CHECK(p[*l1].kind == ir::RuleKind::level_permit);
  auto own = p.find(p.rule_by_name, "admins_never_edit_own");
  REQUIRE(own);
  CHECK(p[*own].kind == ir::RuleKind::role_deny);
  CHECK(p[*own].name == "admins_never_edit_own");

  const ir::Level& l2 = p[*p.find(p.level_by_name, "m.l2")];
  REQUIRE(l2.includes.size() == 1);
  CHECK(p[l2.includes[0]].name == "l1");
  CHECK(std::find(l2.above.begin(), l2.above.end(), l2.includes[0]) != l2.above.end());
}

TEST_CASE("misused analysis settings are reported with code, place and message", "[lower][settings]") {
  expect_diags(R"(policy p {
  severity a loud;
  severity a off;
  suppress b "  ";
  suppress b "again";
}
module m { action v: read; resource r actions v; level l { permit m/r:v; } }
role x {
  assigned_by automatic contained;
  assigned_by x contained intended "both";
  assigned_by x intended "";
  level m = l;
}
)",
               {
                   {2, 14, "W040", "unknown severity `loud` for check `a`; write error, warning, note or off"},
                   {3, 12, "W021", "severity of check `a` is declared more than once"},
                   {4, 14, "W040", "`suppress b` gives no reason; say why the finding is acceptable"},
                   {5, 12, "W021", "suppression of check `b` is declared more than once"},
                   {9, 25, "W040",
                    "`assigned_by automatic` has no assigner; `contained` and `intended` describe an assigner's edge"},
                   {10, 36, "W040",
                    "an edge is either `contained` (the assigner gives only what it holds) or `intended` (it gives more "
                    "on purpose), not both"},
                   {11, 26, "W040", "`intended` gives no reason; say why the edge gives more on purpose"},
               });
}

TEST_CASE("misused includes, rule names, grantee_requires and maximum are reported", "[lower][settings]") {
  expect_diags(R"(policy p { max_grant_duration 0d; }
module m {
  action v: read;
  resource r actions v;
  level a { includes b; permit m/r:v as same; }
  level b { includes a; }
  level c { includes nope; }
}
module n { action v: read; resource r actions v; level k { includes a; } }
role x { level m = a; permit m/r:v as same; }
template t { grantee internal; grantee_requires ghost; duration max 1d; grants x; ceiling grantor; }
)",
               {
                   {1, 31, "W040", "duration `0d` is zero; a grant must last"},
                   {6, 22, "W024", "level ordering cycle: `m.a` -> `m.b` -> `m.a`"},
                   {7, 22, "W020", "undeclared level `m.nope`"},
                   {9, 69, "W033", "level `a` belongs to module `m`, not `n`"},
                   {10, 39, "W021", "rule name `same` is declared more than once"},
                   {11, 49, "W020", "undeclared role `ghost`"},
               });
}
