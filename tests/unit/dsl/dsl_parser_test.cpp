// The parser builds the AST the language reference describes: names, titles, members, spans
// (1-based line and byte column), comments and fragments with their origin.
#include <catch2/catch.hpp>

#include "dsl_test_support.hpp"

using namespace writ;

TEST_CASE("policy header and imports", "[dsl][parser]") {
  auto p = test::parse_text(
      "policy partner \"Partner roles\" {\n  description \"d\";\n  combining deny_overrides;\n}\nimport \"common.writ\";\n");
  const auto& pol = test::decl_at<ast::PolicyDecl>(p, 0);
  CHECK(pol.name.text == "partner");
  CHECK(pol.name.span.line == 1);
  CHECK(pol.name.span.col == 8);
  CHECK(pol.title->value == "Partner roles");
  CHECK(pol.description->value == "d");
  CHECK(pol.combining == ast::Combining::deny_overrides);
  REQUIRE(pol.combining_span);
  CHECK(pol.combining_span->line == 3);
  CHECK(pol.combining_span->col == 13);
  CHECK(pol.span.begin == 0);
  CHECK(pol.span.line == 1);
  const auto& imp = test::decl_at<ast::ImportDecl>(p, 1);
  CHECK(imp.path.value == "common.writ");
  CHECK(imp.span.line == 5);
  CHECK(imp.span.col == 1);
}

TEST_CASE("module with actions, nested resources and levels", "[dsl][parser]") {
  auto p = test::parse_text(R"(module workspaces "Workspaces" {
  action view: read;
  action execute, cancel "Cancel a run": write;
  resource alerting "Alerting" {
    actions view;
    resource profiles actions view, execute;
  }
  resource bare;
  level l1 "Level 1" {
    requires portal >= user;
    permit workspaces/**:@read;
    permit workspaces/alerting/profiles:{view, execute} requires billing >= l2, portal >= user when context.x;
  }
  level l1_ro = readonly(l1);
  level l2 above l1, l1_ro { permit workspaces/**:*; }
}
)");
  const auto& m = test::decl_at<ast::ModuleDecl>(p, 0);
  REQUIRE(m.actions.size() == 3);
  CHECK(m.actions[0].action_class == ast::ActionClass::read);
  CHECK(m.actions[1].name.text == "execute");
  CHECK(m.actions[1].action_class == ast::ActionClass::write);
  CHECK_FALSE(m.actions[1].title);
  CHECK(m.actions[2].title->value == "Cancel a run");
  CHECK(m.actions[2].name.span.line == 3);
  CHECK(m.actions[2].name.span.col == 19);
  REQUIRE(m.resources.size() == 2);
  CHECK(m.resources[0].actions.size() == 1);
  REQUIRE(m.resources[0].children.size() == 1);
  CHECK(m.resources[0].children[0].name.text == "profiles");
  CHECK(m.resources[0].children[0].actions.size() == 2);
  CHECK(m.resources[0].children[0].span.line == 6);
  CHECK(m.resources[0].children[0].span.col == 5);
  CHECK(m.resources[1].actions.empty());
  REQUIRE(m.levels.size() == 3);
  const auto& l1 = m.levels[0];
  REQUIRE(l1.requirements.size() == 1);
  CHECK(l1.requirements[0].module.text == "portal");
  CHECK(l1.requirements[0].level.text == "user");
  REQUIRE(l1.permits.size() == 2);
  CHECK(l1.permits[0].pattern.subtree);
  CHECK(l1.permits[0].pattern.path.empty());
  CHECK(l1.permits[0].pattern.actions == ast::PermissionPattern::Actions::read_class);
  const auto& pm = l1.permits[1];
  CHECK(pm.pattern.path.size() == 2);
  CHECK(pm.pattern.action_names.size() == 2);
  CHECK(pm.requirements.size() == 2);
  REQUIRE(pm.when);
  CHECK(pm.when->kind == ast::Expr::Kind::path);
  CHECK(pm.span.line == 12);
  CHECK(pm.span.col == 5);
  CHECK(m.levels[1].readonly_of->text == "l1");
  CHECK(m.levels[1].permits.empty());
  CHECK(m.levels[2].above.size() == 2);
  CHECK(m.levels[2].permits[0].pattern.actions == ast::PermissionPattern::Actions::all);
}

TEST_CASE("keywords are contextual", "[dsl][parser]") {
  auto p = test::parse_text(
      "module level {\n  action read: read;\n  action delete, write: write;\n  resource actions actions read, delete;\n}\n"
      "role permit { permit level/actions:read; level level = level; }\n");
  const auto& m = test::decl_at<ast::ModuleDecl>(p, 0);
  CHECK(m.name.text == "level");
  CHECK(m.actions[0].name.text == "read");
  CHECK(m.actions[2].name.text == "write");
  CHECK(m.resources[0].name.text == "actions");
  const auto& r = test::decl_at<ast::RoleDecl>(p, 1);
  CHECK(r.name.text == "permit");
  CHECK(r.scopes[0].levels[0].module.text == "level");
}

TEST_CASE("role members and scope blocks", "[dsl][parser]") {
  auto p = test::parse_text(R"(role technical_admin "Technical Admin" {
  description "d";
  holders internal, vendor_support;
  named_accounts;
  extends technical_contact, viewer;
  assigned_by company_admin;
  assigned_by support when principal.has_grant;
  permit billing/services:delete;
  deny billing/services:lock;
  level portal = org_admin;
  at descendants {
    level portal = l1_support_ro;
    permit portal/tenants:read;
  }
  at parent { permit a/b:c; }
}
role user { assigned_by automatic; }
)");
  const auto& r = test::decl_at<ast::RoleDecl>(p, 0);
  CHECK(r.description->value == "d");
  REQUIRE(r.holders.size() == 2);
  CHECK(r.holders[1].kind == ast::PrincipalKind::vendor_support);
  CHECK(r.holders[1].span.col == 21);
  CHECK(r.named_accounts);
  CHECK(r.named_accounts_span->line == 4);
  CHECK(r.extends.size() == 2);
  REQUIRE(r.assigned_by.size() == 2);
  CHECK_FALSE(r.assigned_by[0].automatic);
  CHECK(r.assigned_by[1].roles[0].text == "support");
  CHECK(r.assigned_by[1].when->segments == std::vector<std::string>{"principal", "has_grant"});
  REQUIRE(r.scopes.size() == 3);
  CHECK(r.scopes[0].implicit_self);
  CHECK(r.scopes[0].permits.size() == 1);
  CHECK(r.scopes[0].denies.size() == 1);
  CHECK(r.scopes[0].levels.size() == 1);
  CHECK(r.scopes[1].scope == ast::OrgScope::descendants);
  CHECK_FALSE(r.scopes[1].implicit_self);
  CHECK(r.scopes[1].levels[0].level.text == "l1_support_ro");
  CHECK(r.scopes[1].permits.size() == 1);
  CHECK(r.scopes[1].span.line == 11);
  CHECK(r.scopes[1].span.col == 3);
  CHECK(r.scopes[2].scope == ast::OrgScope::parent);
  CHECK(test::decl_at<ast::RoleDecl>(p, 1).assigned_by[0].automatic);
}

TEST_CASE("forbid, attributes, organizations, assertions", "[dsl][parser]") {
  auto p = test::parse_text(R"(forbid f "F" {
  applies_to kind vendor_support, role r, template t, level m.l, anyone;
  deny integrator/users/permissions:@write when context.x;
  when not context.y;
  reason "never";
}
attribute environment: {production, sandbox} = "production" "Environment";
attribute seats: int;
attribute open: bool = false;
organization partner;
organization client_a in partner;
assert a1 { never kind external may admin/users/permissions:@write; }
assert a2 { read_only level workspaces.l1_ro; }
assert a3 { min_holders company_admin 2; }
)");
  const auto& f = test::decl_at<ast::ForbidDecl>(p, 0);
  REQUIRE(f.applies_to.size() == 5);
  CHECK(f.applies_to[0].kind == ast::Selector::Kind::principal_kind);
  CHECK(f.applies_to[0].principal_kind == ast::PrincipalKind::vendor_support);
  CHECK(f.applies_to[1].name.text == "r");
  CHECK(f.applies_to[2].kind == ast::Selector::Kind::template_);
  CHECK(f.applies_to[3].module->text == "m");
  CHECK(f.applies_to[3].name.text == "l");
  CHECK(f.applies_to[4].kind == ast::Selector::Kind::anyone);
  CHECK(f.denies[0].when);
  CHECK(f.when->kind == ast::Expr::Kind::not_);
  CHECK(f.reason->value == "never");
  const auto& a = test::decl_at<ast::AttributeDecl>(p, 1);
  CHECK(a.type == ast::AttributeDecl::Type::enumeration);
  CHECK(a.enum_values.size() == 2);
  CHECK(a.default_value->text == "production");
  CHECK(a.description->value == "Environment");
  CHECK(test::decl_at<ast::AttributeDecl>(p, 2).type == ast::AttributeDecl::Type::integer);
  CHECK_FALSE(test::decl_at<ast::AttributeDecl>(p, 2).default_value);
  CHECK(test::decl_at<ast::AttributeDecl>(p, 3).default_value->kind == ast::Expr::Kind::boolean);
  CHECK_FALSE(test::decl_at<ast::OrganizationDecl>(p, 4).parent);
  CHECK(test::decl_at<ast::OrganizationDecl>(p, 5).parent->text == "partner");
  CHECK(test::decl_at<ast::AssertDecl>(p, 6).kind == ast::AssertDecl::Kind::never);
  CHECK(test::decl_at<ast::AssertDecl>(p, 6).pattern->module.text == "admin");
  CHECK(test::decl_at<ast::AssertDecl>(p, 7).subject.module->text == "workspaces");
  CHECK(test::decl_at<ast::AssertDecl>(p, 8).count == 2);
  CHECK(test::decl_at<ast::AssertDecl>(p, 8).subject.name.text == "company_admin");
}

TEST_CASE("grant templates and implicit grants", "[dsl][parser]") {
  auto p = test::parse_text(R"(template support_access "Vendor support access" {
  grantee vendor_support;
  grantee_id support_user "Support user profile";
  granted_by owner, admin;
  granted_by anyone when context.allow;
  field reason optional "Reason";
  field requested_by required;
  valid_from optional;
  valid_to required;
  duration default 5d max 180d;
  grants admin_support, manage_support;
  grants custom;
  scope descendants;
  scope when context.environment == "production";
  ceiling grantor;
  precondition context.account_tier not in ["free", "trial"];
  deny integrator/users/permissions:@write;
  revocable;
  audited;
}
implicit ticket "T" {
  grantee internal;
  grantee_roles support_engineer;
  when context.ticket_open and context.assigned;
  grants read_only_admin;
}
)");
  const auto& t = test::decl_at<ast::GrantTemplateDecl>(p, 0);
  CHECK(t.grantee_kinds.size() == 1);
  CHECK(t.grantee_id->text == "support_user");
  CHECK(t.grantee_id_title->value == "Support user profile");
  REQUIRE(t.granted_by.size() == 2);
  CHECK(t.granted_by[1].anyone);
  CHECK(t.granted_by[1].when);
  REQUIRE(t.fields.size() == 2);
  CHECK(t.fields[0].presence == ast::Presence::optional);
  CHECK(t.fields[1].presence == ast::Presence::required);
  CHECK(*t.valid_from == ast::Presence::optional);
  CHECK(*t.valid_to == ast::Presence::required);
  CHECK(t.default_duration->text == "5d");
  CHECK(t.max_duration->text == "180d");
  CHECK(t.max_duration->span.line == 10);
  CHECK(t.max_duration->span.col == 27);
  CHECK(t.grantable_roles.size() == 2);
  CHECK(t.custom);
  CHECK(*t.org_scope == ast::OrgScope::descendants);
  CHECK(t.scope_when->kind == ast::Expr::Kind::eq);
  CHECK(t.ceiling_grantor);
  REQUIRE(t.preconditions.size() == 1);
  CHECK(t.preconditions[0].kind == ast::Expr::Kind::not_in);
  CHECK(t.preconditions[0].kids[1].kids.size() == 2);
  CHECK(t.denies.size() == 1);
  CHECK(t.revocable);
  CHECK(t.audited);
  const auto& i = test::decl_at<ast::ImplicitGrantDecl>(p, 1);
  CHECK(i.grantee_roles[0].text == "support_engineer");
  CHECK(i.when->kind == ast::Expr::Kind::and_);
  CHECK(i.grants_roles[0].text == "read_only_admin");
}

TEST_CASE("tests and matrices", "[dsl][parser]") {
  auto p = test::parse_text(R"(test ca "Company Admin" {
  kind external;
  shared;
  id "alice";
  org partner;
  role company_admin at partner;
  role viewer;
  target client_a;
  at 2025-03-01T09:00:00Z;
  context environment = "production", ticket_open = true, seats = 3;
  grant support_access {
    grantee_id "cra-1234";
    grantor_kind internal;
    grantor_shared;
    grantor_role admin at client_a;
    roles manage_support;
    custom billing/services:view;
    from 2025-03-01T00:00:00Z;
    to 2025-03-06T00:00:00Z;
    org client_a;
    field reason "troubleshooting";
    revoked;
  }
  request billing/managed_accounts:create;
  expect allow;
}
test v { validate support_access { roles x; } expect invalid duration_above_max, other; }
test a { role administrator; assign external_superuser at client_a; expect deny; }
matrix m "M" {
  kind internal;
  roles company_admin, technical_admin;
  row accounts/managed_account:create = allow, deny;
}
)");
  const auto& t = test::decl_at<ast::TestDecl>(p, 0);
  CHECK(t.setup.kind->kind == ast::PrincipalKind::external);
  CHECK(*t.setup.named == false);
  CHECK(t.setup.principal_id->value == "alice");
  CHECK(t.setup.principal_org->text == "partner");
  REQUIRE(t.setup.roles.size() == 2);
  CHECK(t.setup.roles[0].org->text == "partner");
  CHECK_FALSE(t.setup.roles[1].org);
  CHECK(t.setup.target->text == "client_a");
  CHECK(t.setup.at->text == "2025-03-01T09:00:00Z");
  REQUIRE(t.setup.context.size() == 3);
  CHECK(t.setup.context[1].value.bool_value);
  CHECK(t.setup.context[2].value.int_value == 3);
  REQUIRE(t.setup.grants.size() == 1);
  const auto& g = t.setup.grants[0];
  CHECK(g.template_name.text == "support_access");
  CHECK(g.grantee_id->value == "cra-1234");
  CHECK(g.grantor_kind->kind == ast::PrincipalKind::internal);
  CHECK(*g.grantor_named == false);
  CHECK(g.grantor_roles[0].org->text == "client_a");
  CHECK(g.roles.size() == 1);
  CHECK(g.custom.size() == 1);
  CHECK(g.valid_from->text == "2025-03-01T00:00:00Z");
  CHECK(g.valid_to->span.line == 19);
  CHECK(g.org->text == "client_a");
  CHECK(g.fields[0].value.value == "troubleshooting");
  CHECK(g.revoked);
  CHECK(g.span.line == 11);
  CHECK(t.query == ast::TestDecl::Query::request);
  CHECK(t.request->path[0].text == "managed_accounts");
  CHECK(t.expect == ast::TestDecl::Expect::allow);
  const auto& v = test::decl_at<ast::TestDecl>(p, 1);
  CHECK(v.query == ast::TestDecl::Query::validate);
  CHECK(v.validate->roles[0].text == "x");
  CHECK(v.expect == ast::TestDecl::Expect::invalid);
  CHECK(v.expect_violations.size() == 2);
  const auto& a = test::decl_at<ast::TestDecl>(p, 2);
  CHECK(a.query == ast::TestDecl::Query::assign);
  CHECK(a.assign_role->text == "external_superuser");
  CHECK(a.assign_org->text == "client_a");
  const auto& m = test::decl_at<ast::MatrixDecl>(p, 3);
  CHECK(m.setup.kind);
  CHECK(m.roles.size() == 2);
  REQUIRE(m.rows.size() == 1);
  CHECK(m.rows[0].cells.size() == 2);
  CHECK(m.rows[0].cells[0].allow);
  CHECK_FALSE(m.rows[0].cells[1].allow);
  CHECK(m.rows[0].cells[1].span.col == 48);
}

namespace {

/// The whole tree of an expression, fully parenthesized, so a test states the entire shape it
/// expects instead of probing a few children (`kids[1].kids[1]`) that a wrong tree could share.
std::string sexpr(const ast::Expr& e) {
  using K = ast::Expr::Kind;
  auto kids = [&](const char* op) {
    std::string out = std::string("(") + op;
    for (const auto& k : e.kids) out += " " + sexpr(k);
    return out + ")";
  };
  switch (e.kind) {
    case K::boolean: return e.bool_value ? "true" : "false";
    case K::integer: return std::to_string(e.int_value);
    case K::string: return "\"" + e.text + "\"";
    case K::path: {
      std::string out;
      for (const auto& s : e.segments) out += (out.empty() ? "" : ".") + s;
      return out;
    }
    case K::list: return kids("list");
    case K::not_: return kids("not");
    case K::and_: return kids("and");
    case K::or_: return kids("or");
    case K::eq: return kids("==");
    case K::ne: return kids("!=");
    case K::in: return kids("in");
    case K::not_in: return kids("not-in");
  }
  return "?";
}

}  // namespace

TEST_CASE("expressions: precedence, associativity, operators", "[dsl][parser][expr]") {
  Diagnostics d;
  auto e = dsl::parse_expression("a.b or c.d and not e.f == 1", Span{1, 0, 0, 1, 1}, d);
  REQUIRE(e);
  CHECK(sexpr(*e) == "(or a.b (and c.d (not (== e.f 1))))");
  auto l = dsl::parse_expression("a.b and c.d and e.f", Span{}, d);
  REQUIRE(l);
  CHECK(sexpr(*l) == "(and (and a.b c.d) e.f)");  // left-associative
  auto o = dsl::parse_expression("a.b or c.d or e.f and g.h", Span{}, d);
  REQUIRE(o);
  CHECK(sexpr(*o) == "(or (or a.b c.d) (and e.f g.h))");
  auto n = dsl::parse_expression("context.tier not in [\"a\", 2, true]", Span{}, d);
  REQUIRE(n);
  CHECK(sexpr(*n) == "(not-in context.tier (list \"a\" 2 true))");
  auto ne = dsl::parse_expression("(principal.kind != \"system\")", Span{}, d);
  REQUIRE(ne);
  CHECK(sexpr(*ne) == "(!= principal.kind \"system\")");
  auto p = dsl::parse_expression("not (a.b or c.d) in [1]", Span{}, d);
  REQUIRE(p);
  CHECK(sexpr(*p) == "(not (in (or a.b c.d) (list 1)))");
  auto s = dsl::parse_expression("\"a\\\"b\\\\c\\nd\\te\" == x.y", Span{}, d);
  REQUIRE(s);
  CHECK(sexpr(*s) == "(== \"a\"b\\c\nd\te\" x.y)");
  CHECK(d.empty());
}

TEST_CASE("fragments carry spans offset from their origin", "[dsl][parser][fragment]") {
  Diagnostics d;
  Span origin{3, 100, 130, 7, 12};
  auto e = dsl::parse_expression("context.x == \"y\"", origin, d);
  REQUIRE(e);
  CHECK(e->span.file == 3);
  CHECK(e->span.begin == 100);
  CHECK(e->kids[1].span.begin == 113);
  CHECK(e->kids[1].span.line == 7);
  CHECK(e->kids[1].span.col == 25);
  auto pat = dsl::parse_pattern("billing/services:{create, delete}", origin, d);
  REQUIRE(pat);
  CHECK(pat->module.text == "billing");
  CHECK(pat->action_names[1].span.col == 12 + 26);
  auto r = dsl::parse_requirement(" workspaces >= l2 ", origin, d);
  REQUIRE(r);
  CHECK(r->module.text == "workspaces");
  CHECK(r->level.span.begin == 115);
  CHECK(d.empty());

  Diagnostics bad;
  CHECK_FALSE(dsl::parse_pattern("billing/services", origin, bad));
  REQUIRE(bad.items().size() == 1);
  CHECK(bad.items()[0].code() == "W001");
  CHECK(bad.items()[0].span.col == 12 + 16);
  Diagnostics trailing;
  CHECK_FALSE(dsl::parse_expression("a.b c", origin, trailing));
  CHECK(trailing.items()[0].message == "unexpected text after the end");
}

TEST_CASE("comments attach to what follows them, or to the line's node", "[dsl][parser][comments]") {
  auto p = test::parse_text(R"(# about the policy
# second line
policy p {
  combining permissive;  # eol on a plain member
}

# about billing
module billing {
  # about view
  action view: read;  # eol on view
  resource services actions view;
  # dangling at the end of the module
}
# at the very end
)");
  const auto& pol = test::decl_at<ast::PolicyDecl>(p, 0);
  CHECK(pol.comments == ast::Comments{"about the policy", "second line", "eol on a plain member"});
  const auto& m = test::decl_at<ast::ModuleDecl>(p, 1);
  CHECK(m.comments == ast::Comments{"about billing", "dangling at the end of the module"});
  CHECK(m.actions[0].comments == ast::Comments{"about view", "eol on view"});
  CHECK(m.resources[0].comments.empty());
  CHECK(p.file->trailing_comments == ast::Comments{"at the very end"});
}

TEST_CASE("a file of comments only is W006", "[dsl][parser]") {
  auto p = test::parse_text("# nothing here\n");
  CHECK_FALSE(p.file);
  REQUIRE(p.diags.items().size() == 1);
  CHECK(p.first().code() == "W006");
}
