// Lowering results of whole policies written in the DSL: defaults (docs/language.md), scope
// merging, level data, expressions, templates, and tests/matrices as TestCases with Requests.
#include "compiler/ir/dump.hpp"
#include "compiler/ir/print.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/core/time.hpp"
#include "lower_test_support.hpp"

using namespace writ;

namespace {

const std::string kPolicy = R"(
policy p "P" { combining deny_overrides; }
# Uses come before declarations on purpose: names resolve regardless of order.
role admin "Admin" {
  holders internal, external;
  extends viewer;
  assigned_by automatic;
  permit portal/reports:edit requires billing >= basic;
  at self { deny portal/reports/detail:delete; }
  at descendants { level portal = l1; }
  at descendants { permit portal/tenants:view; }
}
role viewer { permit portal/**:@read when context.environment == "production" and principal.named; }
module portal {
  action view: read;
  action edit, delete: write;
  resource reports { actions view, edit; resource detail actions view, delete; }
  resource tenants actions view;
  level l1 { permit portal/**:view; }
  level l1_ro = readonly(l1);
  level l2 above l1 { permit portal/**:*; }
}
module billing {
  action view: read;
  resource services actions view;
  level basic { permit billing/services:view; }
}
attribute environment: {production, sandbox} = "production";
attribute seats: int;
template support "Support" {
  grantee internal;
  granted_by admin;
  duration default 1d12h max 180d;
  grants viewer;
  ceiling grantor;
  precondition context.seats != 0;
}
organization root;
organization client in root;
test t1 { role admin; request portal/reports:edit; expect allow; }
test t2 {
  kind external; shared; id "x"; org client; role admin at client; target client;
  at 2025-03-01T09:00:00Z; context environment = "sandbox", seats = 3;
  request billing/services:view; expect deny;
}
matrix mx "Matrix" {
  kind internal;
  roles admin, viewer;
  row portal/reports:view = allow, allow;
  row portal/reports:edit = allow, deny;
}
)";

}  // namespace

TEST_CASE("defaults, scopes and levels lower as documented", "[lower]") {
  auto c = test::compile_ok(kPolicy);
  const ir::Policy& p = *c.policy;
  CHECK(p.combining == ir::Combining::deny_overrides);
  const ir::Role& admin = p.roles[p.role_by_name.at("admin").value];
  const ir::Role& viewer = p.roles[p.role_by_name.at("viewer").value];
  CHECK(viewer.holders == std::vector<ir::PrincipalKind>{ir::PrincipalKind::internal});  // default
  CHECK(admin.holders.size() == 2);
  CHECK(admin.extends == std::vector<ir::RoleId>{p.role_by_name.at("viewer")});
  REQUIRE(admin.assigned_by.size() == 1);
  CHECK(p[admin.assigned_by[0]].automatic);
  CHECK(admin.automatic);
  CHECK_FALSE(viewer.automatic);
  // The body and `at self` merge; the two `at descendants` blocks merge.
  const auto& self = admin.at[static_cast<int>(ir::OrgScope::self)];
  const auto& desc = admin.at[static_cast<int>(ir::OrgScope::descendants)];
  CHECK(self.permits.size() == 1);
  CHECK(self.denies.size() == 1);
  CHECK(desc.levels.size() == 1);
  CHECK(desc.permits.size() == 1);
  const ir::Rule& edit = p[self.permits[0]];
  CHECK(edit.kind == ir::RuleKind::role_permit);
  CHECK(edit.role == p.role_by_name.at("admin"));
  CHECK(edit.scope == ir::OrgScope::self);
  REQUIRE(edit.requirements.size() == 1);
  CHECK(p[edit.requirements[0]].level == p.level_by_name.at("billing.basic"));
  CHECK(ir::pattern_text(p, edit.pattern) == "portal/reports:edit");
  CHECK(edit.key == "role admin at self permit portal/reports:edit requires billing >= basic");
  CHECK(p[desc.permits[0]].scope == ir::OrgScope::descendants);
  CHECK(p[self.denies[0]].kind == ir::RuleKind::role_deny);

  const ir::Level& ro = p.levels[p.level_by_name.at("portal.l1_ro").value];
  CHECK(ro.readonly_of == p.level_by_name.at("portal.l1"));
  CHECK(ro.permits.empty());
  const ir::Level& l2 = p.levels[p.level_by_name.at("portal.l2").value];
  CHECK(l2.above == std::vector<ir::LevelId>{p.level_by_name.at("portal.l1")});
  CHECK(p[l2.permits[0]].permissions.count() == 5);

  // Conditions are data: one atom per comparison, in a normal form.
  const ir::Rule& read = p[viewer.at[0].permits[0]];
  CHECK(read.permissions.count() == 3);
  REQUIRE_FALSE(read.when.always());
  const ir::CondNode& when = p.conditions.node(read.when.id);
  CHECK(when.op == ir::CondNode::Op::and_);
  REQUIRE(when.kids.size() == 2);
  auto inputs = p.conditions.inputs(read.when.id);
  REQUIRE(inputs.size() == 2);
  CHECK(inputs[0].kind == ir::InputKind::attribute);
  CHECK(inputs[1].kind == ir::InputKind::principal_named);
  CHECK(ir::condition_text(p, read.when.id) == "context.environment == \"production\" and principal.named");

  const ir::GrantTemplate& t = p.templates[0];
  CHECK(t.default_duration == 86400 + 12 * 3600);
  CHECK(t.max_duration == 180 * 86400);
  CHECK(t.valid_from == ir::Presence::optional);
  CHECK(t.valid_to == ir::Presence::required);
  CHECK(t.org_scope == ir::OrgScope::self);
  REQUIRE(t.preconditions.size() == 1);
  CHECK(ir::condition_text(p, t.preconditions[0].id) == "context.seats != 0");
  CHECK(std::get<std::string>(*p.attributes[0].default_value) == "production");
  CHECK(p.grant_duration_limit() == ir::kDefaultMaxGrantDuration);
}

TEST_CASE("tests and matrices become TestCases with complete requests, beside the policy", "[lower][tests]") {
  auto c = test::compile_ok(kPolicy);
  const ir::TestSuite& s = c.suite;
  REQUIRE(s.tests.size() == 6);
  CHECK(s.organizations == ir::OrgTree{{"client", "root"}, {"root", ""}});
  const ir::TestCase& t1 = s.tests[0];
  CHECK(t1.request.principal.kind == ir::PrincipalKind::internal);
  CHECK(t1.request.principal.named);
  CHECK(t1.request.target_org == "root");
  CHECK(t1.request.at == ir::kDefaultInstant);
  CHECK(t1.request.module == "portal");
  CHECK(t1.request.resource == "reports");
  CHECK(t1.request.action == "edit");
  CHECK_FALSE(t1.request.org_parents.has_value());  // the runner gives it the fixture
  CHECK(t1.expect == ir::TestCase::Expect::allow);

  const ir::TestCase& t2 = s.tests[1];
  CHECK(t2.request.principal.kind == ir::PrincipalKind::external);
  CHECK_FALSE(t2.request.principal.named);
  CHECK(t2.request.principal.id == "x");
  CHECK(t2.request.principal.org == "client");
  CHECK(t2.request.principal.roles == std::vector<ir::RoleBinding>{{"admin", "client"}});
  CHECK(t2.request.target_org == "client");
  CHECK(t2.request.at == *core::parse_timestamp("2025-03-01T09:00:00Z"));
  CHECK(std::get<std::string>(t2.request.context.at("environment")) == "sandbox");
  CHECK(std::get<std::int64_t>(t2.request.context.at("seats")) == 3);

  CHECK(s.tests[2].name == "mx[portal/reports:view,admin]");
  CHECK(s.tests[3].name == "mx[portal/reports:view,viewer]");
  CHECK(s.tests[5].name == "mx[portal/reports:edit,viewer]");
  CHECK(s.tests[5].expect == ir::TestCase::Expect::deny);
  CHECK(s.tests[5].from_matrix == "mx");
  CHECK(s.tests[5].request.principal.roles == std::vector<ir::RoleBinding>{{"viewer", ""}});
}

TEST_CASE("type errors explain themselves", "[lower][expr]") {
  auto c = driver::compile_text("t.writ", R"(policy p { }
attribute environment: {production, sandbox};
module m { action v: read; resource r actions v; }
role a { permit m/r:v when context.environment == "prod"; }
role b { permit m/r:v when context.enviroment == "production"; }
)");
  REQUIRE(c.diags.items().size() == 2);
  CHECK(c.diags.items()[0].message ==
        "`context.environment` is one of {production, sandbox}; `\"prod\"` is not among them");
  CHECK(c.diags.items()[1].message == "undeclared attribute `enviroment`");
  CHECK(c.diags.items()[1].help == std::vector<std::string>{"did you mean `environment`?"});
}

TEST_CASE("the IR dump without spans has no positions", "[lower][dump]") {
  auto c = test::compile_ok(kPolicy);
  const std::string dump = ir::dump(*c.policy, c.suite, nullptr);
  CHECK(dump.find(" @") == std::string::npos);
  CHECK(dump.find("permit portal/**:@read when context.environment == \"production\" and principal.named") != std::string::npos);
  CHECK(dump.find("key \"role admin at self permit portal/reports:edit requires billing >= basic\"") != std::string::npos);
  CHECK(dump.find("test t2") != std::string::npos);
}
