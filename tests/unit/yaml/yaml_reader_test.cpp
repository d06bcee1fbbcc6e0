// Each construct of docs/yaml.md reads to the expected AST, and schema errors are W016 at the
// offending node.
#include <catch2/catch.hpp>

#include "compiler/dsl/dsl_printer.hpp"
#include "tests/unit/yaml/yaml_test_util.hpp"

using namespace writ;
using writ::yaml::test::decl;
using writ::yaml::test::read;

namespace {
ast::File ok(const std::string& text) {
  auto r = read(text);
  INFO(r.dump());
  REQUIRE(r.file);
  REQUIRE(r.diags.items().empty());
  return *r.file;
}
void schema_error(const std::string& text, std::uint32_t line, std::uint32_t col, const std::string& message_part) {
  auto r = read(text);
  INFO(r.dump());
  CHECK_FALSE(r.file);
  REQUIRE(r.first());
  CHECK(r.first()->code() == "W016");
  CHECK(r.first()->span.line == line);
  CHECK(r.first()->span.col == col);
  CHECK_THAT(r.first()->message, Catch::Contains(message_part));
}
}  // namespace

TEST_CASE("policy header and imports", "[yaml][reader]") {
  auto f = ok("policy: {name: partner_accounts, title: Managed accounts, description: d, combining: deny_overrides}\n"
              "imports: [common.writ, 'roles.yaml']\n");
  REQUIRE(f.decls.size() == 3);
  const auto& p = decl<ast::PolicyDecl>(f, 0);
  CHECK(p.name.text == "partner_accounts");
  CHECK(p.name.span.line == 1);
  CHECK(p.name.span.col == 16);
  CHECK(p.title->value == "Managed accounts");
  CHECK(p.description->value == "d");
  CHECK(p.combining == ast::Combining::deny_overrides);
  CHECK(p.combining_span.has_value());
  CHECK(decl<ast::ImportDecl>(f, 1).path.value == "common.writ");
  CHECK(decl<ast::ImportDecl>(f, 2).path.value == "roles.yaml");
  CHECK(decl<ast::ImportDecl>(f, 2).path.span.col == 24);
}

TEST_CASE("attributes decide literals from the scalar style", "[yaml][reader]") {
  auto f = ok("attributes:\n"
              "  environment: {type: [production, sandbox], default: production, description: Env}\n"
              "  ticket_open: {type: bool, default: false}\n"
              "  quoted: {type: string, default: 'false'}\n"
              "  seats: {type: int, default: 10}\n"
              "  region: string\n");
  REQUIRE(f.decls.size() == 5);
  const auto& env = decl<ast::AttributeDecl>(f, 0);
  CHECK(env.type == ast::AttributeDecl::Type::enumeration);
  REQUIRE(env.enum_values.size() == 2);
  CHECK(env.enum_values[1].text == "sandbox");
  CHECK(env.default_value->kind == ast::Expr::Kind::string);
  CHECK(env.default_value->text == "production");
  CHECK(env.description->value == "Env");
  CHECK(decl<ast::AttributeDecl>(f, 1).default_value->kind == ast::Expr::Kind::boolean);
  CHECK(decl<ast::AttributeDecl>(f, 2).default_value->kind == ast::Expr::Kind::string);
  CHECK(decl<ast::AttributeDecl>(f, 3).default_value->int_value == 10);
  CHECK(decl<ast::AttributeDecl>(f, 4).type == ast::AttributeDecl::Type::string);
  schema_error("attributes:\n  seats: {type: int, default: 010}\n", 2, 31, "leading zero");
}

TEST_CASE("modules, actions, nested resources and levels", "[yaml][reader]") {
  auto f = ok("modules:\n"
              "  workspaces:\n"
              "    title: Workspaces\n"
              "    actions: {view: read, execute: write, modify: {class: write, title: Modify}}\n"
              "    resources:\n"
              "      ux_panel: [view]\n"
              "      alerting:\n"
              "        title: Alerting\n"
              "        actions: [view]\n"
              "        resources: {profiles: {actions: [view, modify]}}\n"
              "    levels:\n"
              "      l1: {title: Level 1, permit: ['workspaces/**:@read', {pattern: 'workspaces/ux_panel:view', "
              "requires: ['portal >= user'], when: context.x}]}\n"
              "      l1_ro: {readonly: l1}\n"
              "      l2: {above: [l1], requires: ['portal >= admin'], permit: ['workspaces/**:*']}\n");
  REQUIRE(f.decls.size() == 1);
  const auto& m = decl<ast::ModuleDecl>(f, 0);
  CHECK(m.name.text == "workspaces");
  REQUIRE(m.actions.size() == 3);
  CHECK(m.actions[1].action_class == ast::ActionClass::write);
  CHECK(m.actions[2].title->value == "Modify");
  REQUIRE(m.resources.size() == 2);
  CHECK(m.resources[0].actions[0].text == "view");
  REQUIRE(m.resources[1].children.size() == 1);
  CHECK(m.resources[1].children[0].name.text == "profiles");
  CHECK(m.resources[1].children[0].actions.size() == 2);
  REQUIRE(m.levels.size() == 3);
  REQUIRE(m.levels[0].permits.size() == 2);
  CHECK(dsl::print_pattern(m.levels[0].permits[0].pattern) == "workspaces/**:@read");
  CHECK(m.levels[0].permits[0].pattern.span.line == 12);
  CHECK(m.levels[0].permits[0].pattern.span.col == 38);
  CHECK(m.levels[0].permits[1].requirements.size() == 1);
  CHECK(m.levels[0].permits[1].when.has_value());
  CHECK(m.levels[1].readonly_of->text == "l1");
  CHECK(m.levels[2].above[0].text == "l1");
  CHECK(m.levels[2].requirements[0].level.text == "admin");
}

TEST_CASE("roles with scopes, authorizers and levels", "[yaml][reader]") {
  auto f = ok("roles:\n"
              "  technical_admin:\n"
              "    title: Technical Admin\n"
              "    description: Technical users\n"
              "    holders: [internal, vendor_support]\n"
              "    named_accounts: true\n"
              "    extends: [technical_contact]\n"
              "    assigned_by: [[company_admin], {roles: [support], when: principal.has_grant}, automatic, owner]\n"
              "    permit: ['billing/services:delete']\n"
              "    deny: ['billing/services:lock', {pattern: 'billing/services:view', when: context.x}]\n"
              "    levels: {portal: org_admin}\n"
              "    at:\n"
              "      descendants: {levels: {portal: l1_support_ro}, permit: ['portal/tenants:read']}\n"
              "      parent: {}\n");
  const auto& r = decl<ast::RoleDecl>(f, 0);
  CHECK(r.title->value == "Technical Admin");
  REQUIRE(r.holders.size() == 2);
  CHECK(r.holders[1].kind == ast::PrincipalKind::vendor_support);
  CHECK(r.named_accounts);
  CHECK(r.extends[0].text == "technical_contact");
  REQUIRE(r.assigned_by.size() == 4);
  CHECK(r.assigned_by[0].roles[0].text == "company_admin");
  CHECK(r.assigned_by[1].when.has_value());
  CHECK(r.assigned_by[2].automatic);
  CHECK(r.assigned_by[3].roles[0].text == "owner");
  REQUIRE(r.scopes.size() == 3);
  CHECK(r.scopes[0].implicit_self);
  CHECK(r.scopes[0].permits.size() == 1);
  CHECK(r.scopes[0].denies.size() == 2);
  CHECK(r.scopes[0].denies[1].when.has_value());
  CHECK(r.scopes[0].levels[0].level.text == "org_admin");
  CHECK(r.scopes[1].scope == ast::OrgScope::descendants);
  CHECK_FALSE(r.scopes[1].implicit_self);
  CHECK(r.scopes[1].levels[0].level.text == "l1_support_ro");
  CHECK(r.scopes[2].scope == ast::OrgScope::parent);
}

TEST_CASE("forbid rules, templates and implicit grants", "[yaml][reader]") {
  auto f = ok("forbids:\n"
              "  f: {title: T, applies_to: [kind vendor_support, role r, template t, anyone], "
              "deny: ['a/b:@write'], when: context.x, reason: because}\n"
              "templates:\n"
              "  support_access:\n"
              "    grantee: [vendor_support]\n"
              "    grantee_id: {name: support_user, title: Support user}\n"
              "    granted_by: [[owner, admin], {anyone: true, when: context.allow}]\n"
              "    fields: {reason: {presence: optional, title: Reason}, requested_by: required}\n"
              "    valid_from: optional\n"
              "    valid_to: required\n"
              "    duration: {default: 5d, max: 180d}\n"
              "    grants: [admin_support, custom]\n"
              "    scope: {orgs: descendants, when: context.x}\n"
              "    ceiling: grantor\n"
              "    preconditions: ['context.tier not in [\"free\"]']\n"
              "    deny: ['a/b:@write']\n"
              "    revocable: true\n"
              "    audited: false\n"
              "implicit_grants:\n"
              "  ticket: {grantee: [internal], grantee_roles: [support], when: context.open, grants: [read_only]}\n");
  REQUIRE(f.decls.size() == 3);
  const auto& fb = decl<ast::ForbidDecl>(f, 0);
  REQUIRE(fb.applies_to.size() == 4);
  CHECK(fb.applies_to[0].kind == ast::Selector::Kind::principal_kind);
  CHECK(fb.applies_to[1].name.text == "r");
  CHECK(fb.applies_to[1].name.span.col == 56);
  CHECK(fb.applies_to[2].kind == ast::Selector::Kind::template_);
  CHECK(fb.reason->value == "because");
  const auto& t = decl<ast::GrantTemplateDecl>(f, 1);
  CHECK(t.grantee_id->text == "support_user");
  CHECK(t.grantee_id_title->value == "Support user");
  REQUIRE(t.granted_by.size() == 2);
  CHECK(t.granted_by[1].anyone);
  REQUIRE(t.fields.size() == 2);
  CHECK(t.fields[1].presence == ast::Presence::required);
  CHECK(t.valid_to == ast::Presence::required);
  CHECK(t.default_duration->text == "5d");
  CHECK(t.max_duration->text == "180d");
  CHECK(t.grantable_roles.size() == 1);
  CHECK(t.custom);
  CHECK(t.org_scope == ast::OrgScope::descendants);
  CHECK(t.scope_when.has_value());
  CHECK(t.ceiling_grantor);
  CHECK(t.preconditions.size() == 1);
  CHECK(t.revocable);
  CHECK_FALSE(t.audited);
  const auto& g = decl<ast::ImplicitGrantDecl>(f, 2);
  CHECK(g.grantee_roles[0].text == "support");
  CHECK(g.grants_roles[0].text == "read_only");
}

TEST_CASE("assertions", "[yaml][reader]") {
  auto f = ok("assertions:\n"
              "  a: {title: T, never: kind external, may: 'admin/users:@write'}\n"
              "  b: {always: role company_admin, may: 'billing/services:view'}\n"
              "  c: {read_only: level workspaces.l1_ro}\n"
              "  d: {min_holders: company_admin, count: 2}\n");
  CHECK(decl<ast::AssertDecl>(f, 0).kind == ast::AssertDecl::Kind::never);
  CHECK(decl<ast::AssertDecl>(f, 1).subject.name.text == "company_admin");
  const auto& c = decl<ast::AssertDecl>(f, 2);
  CHECK(c.subject.kind == ast::Selector::Kind::level);
  CHECK(c.subject.module->text == "workspaces");
  CHECK(c.subject.name.text == "l1_ro");
  CHECK(decl<ast::AssertDecl>(f, 3).count == 2);
  schema_error("assertions:\n  a: {never: kind external}\n", 2, 6, "needs `may");
}

TEST_CASE("organizations, tests and matrices", "[yaml][reader]") {
  auto f = ok("organizations: {partner: {}, client_a: {in: partner}, bare: }\n"
              "tests:\n"
              "  t1:\n"
              "    title: T\n"
              "    kind: external\n"
              "    named: false\n"
              "    id: alice\n"
              "    org: partner\n"
              "    roles: [company_admin at partner, viewer]\n"
              "    target: client_a\n"
              "    at: '2025-03-01T09:00:00Z'\n"
              "    context: {environment: production, ticket_open: true, seats: 3}\n"
              "    grants:\n"
              "      - template: support_access\n"
              "        grantee_id: cra-1234\n"
              "        grantor_kind: internal\n"
              "        grantor_named: false\n"
              "        grantor_roles: [admin at client_a]\n"
              "        roles: [manage_support]\n"
              "        custom: ['billing/services:view']\n"
              "        from: '2025-03-01T00:00:00Z'\n"
              "        to: '2025-03-06T00:00:00Z'\n"
              "        org: client_a\n"
              "        fields: {reason: troubleshooting}\n"
              "        revoked: true\n"
              "    request: 'billing/managed_accounts:create'\n"
              "    expect: allow\n"
              "  t2: {validate: {template: support_access}, expect: {invalid: [duration_above_max]}}\n"
              "  t3: {assign: external_superuser at client_a, expect: deny}\n"
              "matrices:\n"
              "  m: {kind: internal, columns: [a, b], rows: {'x/y:view': [allow, deny]}}\n");
  REQUIRE(f.decls.size() == 7);
  CHECK(decl<ast::OrganizationDecl>(f, 1).parent->text == "partner");
  CHECK_FALSE(decl<ast::OrganizationDecl>(f, 2).parent);
  const auto& t = decl<ast::TestDecl>(f, 3);
  CHECK(t.setup.kind->kind == ast::PrincipalKind::external);
  CHECK(t.setup.named == false);
  CHECK(t.setup.principal_id->value == "alice");
  REQUIRE(t.setup.roles.size() == 2);
  CHECK(t.setup.roles[0].org->text == "partner");
  CHECK(t.setup.roles[0].org->span.col == 30);
  CHECK_FALSE(t.setup.roles[1].org);
  CHECK(t.setup.at->text == "2025-03-01T09:00:00Z");
  REQUIRE(t.setup.context.size() == 3);
  CHECK(t.setup.context[1].value.kind == ast::Expr::Kind::boolean);
  CHECK(t.setup.context[2].value.kind == ast::Expr::Kind::integer);
  REQUIRE(t.setup.grants.size() == 1);
  const auto& g = t.setup.grants[0];
  CHECK(g.grantee_id->value == "cra-1234");
  CHECK(g.grantor_named == false);
  CHECK(g.grantor_roles[0].org->text == "client_a");
  CHECK(g.custom.size() == 1);
  CHECK(g.fields[0].value.value == "troubleshooting");
  CHECK(g.revoked);
  CHECK(t.query == ast::TestDecl::Query::request);
  CHECK(t.expect == ast::TestDecl::Expect::allow);
  const auto& t2 = decl<ast::TestDecl>(f, 4);
  CHECK(t2.query == ast::TestDecl::Query::validate);
  CHECK(t2.expect == ast::TestDecl::Expect::invalid);
  CHECK(t2.expect_violations[0].text == "duration_above_max");
  const auto& t3 = decl<ast::TestDecl>(f, 5);
  CHECK(t3.assign_role->text == "external_superuser");
  CHECK(t3.assign_org->text == "client_a");
  const auto& m = decl<ast::MatrixDecl>(f, 6);
  CHECK(m.roles.size() == 2);
  REQUIRE(m.rows.size() == 1);
  CHECK(m.rows[0].cells.size() == 2);
  CHECK(m.rows[0].cells[0].allow);
}

TEST_CASE("declarations keep document order within and across groups", "[yaml][reader]") {
  auto f = ok("roles: {b: {}, a: {}}\nmodules: {z: {}}\n");
  REQUIRE(f.decls.size() == 3);
  CHECK(decl<ast::RoleDecl>(f, 0).name.text == "b");
  CHECK(decl<ast::RoleDecl>(f, 1).name.text == "a");
  CHECK(decl<ast::ModuleDecl>(f, 2).name.text == "z");
}

TEST_CASE("schema errors are W016 at the offending node", "[yaml][reader]") {
  schema_error("roles:\n  x: {permitt: []}\n", 2, 7, "unknown key `permitt` in role `x`; expected one of: title");
  schema_error("roles:\n  x: {holders: internal}\n", 2, 16, "expected a sequence for `holders`");
  schema_error("rolez: {}\n", 1, 1, "unknown key `rolez` in the top level");
  schema_error("- a\n", 1, 1, "expected a mapping");
  schema_error("roles:\n  'bad name': {}\n", 2, 3, "not a valid name");
  schema_error("roles:\n  x: {named_accounts: 'true'}\n", 2, 23, "expected `true` or `false`");
  schema_error("tests:\n  t: {expect: allow}\n", 2, 6, "exactly one of `request`");
  schema_error("roles:\n  x: {holders: [robot]}\n", 2, 17, "expected one of internal, external");
  schema_error("forbids:\n  f: {applies_to: [kind]}\n", 2, 20, "not a selector");
}
