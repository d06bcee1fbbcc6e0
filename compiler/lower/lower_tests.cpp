// Pass 8: the organization fixture, tests and matrices -> the ir::TestSuite beside the policy,
// each case with a complete ir::Request (defaults of docs/language.md §11: kind internal, named,
// target `root`, at 2025-01-01T00:00:00Z, no organization tree of its own: the runner uses the
// fixture). Custom grant patterns are expanded here, so the interpreter never parses. A matrix
// gives one case per cell, named `MATRIX[ROW_PATTERN,ROLE]`.
// Checks: names exist (W020), timestamps (W036), context values fit their attribute (W034), a
// request is one concrete permission (W040), a role is given only to kinds it allows (W039),
// matrix rows have one cell per role (W041).
// Covered by tests/unit/lower/lower_policy_test.cpp and fixtures W036, W039, W040, W041.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compiler/core/time.hpp"
#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

ir::TestCase::Query query_of(ast::TestDecl::Query q) {
  switch (q) {
    case ast::TestDecl::Query::request: return ir::TestCase::Query::request;
    case ast::TestDecl::Query::validate: return ir::TestCase::Query::validate;
    case ast::TestDecl::Query::assign: return ir::TestCase::Query::assign;
  }
  return ir::TestCase::Query::request;
}

ir::TestCase::Expect expect_of(ast::TestDecl::Expect e) {
  switch (e) {
    case ast::TestDecl::Expect::allow: return ir::TestCase::Expect::allow;
    case ast::TestDecl::Expect::deny: return ir::TestCase::Expect::deny;
    case ast::TestDecl::Expect::valid: return ir::TestCase::Expect::valid;
    case ast::TestDecl::Expect::invalid: return ir::TestCase::Expect::invalid;
  }
  return ir::TestCase::Expect::deny;
}

std::optional<std::int64_t> timestamp(Lowerer& l, const std::optional<ast::RawLit>& raw) {
  if (!raw) return std::nullopt;
  auto t = core::parse_timestamp(raw->text);
  if (!t) l.diags.report(DiagCode::malformed_timestamp, raw->span, raw->text);
  return t;
}

/// W039: the test's principal kind must be one of the role's holders.
void check_holder(Lowerer& l, ir::RoleId role, ir::PrincipalKind kind, Span span) {
  const ir::Role& r = l.p.roles[role.value];
  if (std::find(r.holders.begin(), r.holders.end(), kind) != r.holders.end()) return;
  std::vector<std::string_view> holders;
  for (auto k : r.holders) holders.push_back(kind_name(k));
  l.diags.report(DiagCode::holder_kind_mismatch, span,
                 fmt::format("role `{}` is held only by {}; the test's principal is `{}`", r.name,
                             fmt::join(holders, ", "), kind_name(kind)));
}

std::string org_of(Lowerer& l, const std::optional<ast::Name>& org) {
  if (!org) return "";
  l.check_organization(*org);
  return org->text;
}

std::vector<ir::RoleBinding> bindings(Lowerer& l, const std::vector<ast::RoleBinding>& roles,
                                      std::optional<ir::PrincipalKind> holder_kind) {
  std::vector<ir::RoleBinding> out;
  for (const auto& b : roles) {
    auto id = l.resolve_role(b.role);
    if (id && holder_kind) check_holder(l, *id, *holder_kind, b.span);
    out.push_back(ir::RoleBinding{b.role.text, org_of(l, b.org)});
  }
  return out;
}

ir::GrantInstance lower_grant(Lowerer& l, const ast::GrantInstance& g) {
  ir::GrantInstance out;
  l.resolve_template(g.template_name);
  out.template_name = g.template_name.text;
  if (g.grantee_id) out.grantee_id = g.grantee_id->value;
  if (g.grantor_kind) out.grantor_kind = g.grantor_kind->kind;
  out.grantor_named = g.grantor_named.value_or(true);
  // The grantor's roles are checked for existence only: whether the grantor may hold them is
  // what a validation test may be probing.
  out.grantor_roles = bindings(l, g.grantor_roles, std::nullopt);
  for (const auto& r : g.roles) {
    l.resolve_role(r);
    out.roles.push_back(r.text);
  }
  for (const auto& c : g.custom) {
    ir::CustomPattern custom{dsl::print_pattern(c), std::nullopt};
    Diagnostics local;
    auto set = expand_pattern(l.p, c, local);
    if (!local.has_errors()) custom.permissions = std::move(set);
    l.diags.append(local);
    out.custom.push_back(std::move(custom));
  }
  out.valid_from = timestamp(l, g.valid_from);
  out.valid_to = timestamp(l, g.valid_to);
  out.org = org_of(l, g.org);
  Declared fields("field value");
  for (const auto& f : g.fields)
    if (fields.add(f.name, l.diags)) out.fields.emplace(f.name.text, f.value.value);
  out.revoked = g.revoked;
  return out;
}

ir::Request lower_setup(Lowerer& l, const ast::RequestSetup& s) {
  ir::Request r;
  r.principal.kind = s.kind ? s.kind->kind : ir::PrincipalKind::internal;
  r.principal.named = s.named.value_or(true);
  if (s.principal_id) r.principal.id = s.principal_id->value;
  r.principal.org = org_of(l, s.principal_org);
  r.principal.roles = bindings(l, s.roles, r.principal.kind);
  for (const auto& g : s.grants) r.principal.grants.push_back(lower_grant(l, g));
  for (const auto& t : s.triggers) {
    if (!l.p.implicit_by_name.count(t.implicit.text)) {
      std::vector<std::string> names;
      for (const auto& [n, id] : l.p.implicit_by_name) names.push_back(n);
      l.undeclared("implicit grant", t.implicit.text, t.implicit.span, names);
    }
    r.principal.triggers.push_back(ir::Trigger{t.implicit.text, org_of(l, t.org)});
  }
  if (s.resource_owner) r.resource_owner = s.resource_owner->value;
  if (s.target) r.target_org = org_of(l, s.target);
  if (auto t = timestamp(l, s.at)) r.at = *t;
  Declared seen("context value");
  for (const auto& c : s.context) {
    if (!seen.add(c.name, l.diags)) continue;
    auto it = l.p.attribute_by_name.find(c.name.text);
    if (it == l.p.attribute_by_name.end()) {
      l.undeclared("attribute", c.name.text, c.name.span, l.attribute_names());
      continue;
    }
    if (auto v = lower_attribute_value(l, l.p.attributes[it->second.value], c.value)) r.context.emplace(c.name.text, *v);
  }
  return r;
}

/// A request names one permission: fill module/resource/action, or report W040 (or the pattern's
/// own W020/W030). False on error.
bool concrete_request(Lowerer& l, const ast::PermissionPattern& pat, ir::Request& r) {
  if (pat.subtree || pat.path.empty() || pat.actions != ast::PermissionPattern::Actions::named ||
      pat.action_names.size() != 1) {
    l.diags.report(DiagCode::invalid_value, pat.span,
                   fmt::format("a test requests one permission such as `module/resource:action`; `{}` selects a set",
                               dsl::print_pattern(pat)));
    return false;
  }
  Diagnostics local;
  expand_pattern(l.p, pat, local);
  const bool ok = !local.has_errors();
  l.diags.append(local);
  r.module = pat.module.text;
  std::vector<std::string> segs;
  for (const auto& s : pat.path) segs.push_back(s.text);
  r.resource = fmt::format("{}", fmt::join(segs, "/"));
  r.action = pat.action_names.front().text;
  return ok;
}

void lower_test(Lowerer& l, const ast::TestDecl& d) {
  ir::TestCase t;
  t.name = d.name.text;
  t.title = d.title ? d.title->value : "";
  t.query = query_of(d.query);
  t.request = lower_setup(l, d.setup);
  switch (d.query) {
    case ast::TestDecl::Query::request:
      if (d.request) concrete_request(l, *d.request, t.request);
      break;
    case ast::TestDecl::Query::validate:
      if (d.validate) t.validate = lower_grant(l, *d.validate);
      break;
    case ast::TestDecl::Query::assign:
      if (d.assign_role) {
        l.resolve_role(*d.assign_role);
        t.assign_role = d.assign_role->text;
      }
      t.assign_org = org_of(l, d.assign_org);
      break;
  }
  t.expect = expect_of(d.expect);
  for (const auto& v : d.expect_violations) t.expect_violations.push_back(v.text);
  t.span = d.span;
  l.suite.tests.push_back(std::move(t));
}

void lower_matrix(Lowerer& l, const ast::MatrixDecl& d) {
  const ir::Request base = lower_setup(l, d.setup);
  for (const auto& role : d.roles)
    if (auto id = l.resolve_role(role)) check_holder(l, *id, base.principal.kind, role.span);
  for (const ast::MatrixRow& row : d.rows) {
    if (row.cells.size() != d.roles.size())
      l.diags.report(DiagCode::matrix_shape, row.span, row.cells.size(), d.roles.size());
    ir::Request request = base;
    concrete_request(l, row.request, request);
    const std::string pattern = dsl::print_pattern(row.request);
    for (std::size_t i = 0; i < row.cells.size() && i < d.roles.size(); ++i) {
      ir::TestCase t;
      t.name = fmt::format("{}[{},{}]", d.name.text, pattern, d.roles[i].text);
      t.title = d.title ? d.title->value : "";
      t.query = ir::TestCase::Query::request;
      t.request = request;
      t.request.principal.roles.push_back(ir::RoleBinding{d.roles[i].text, ""});
      t.expect = row.cells[i].allow ? ir::TestCase::Expect::allow : ir::TestCase::Expect::deny;
      t.from_matrix = d.name.text;
      t.span = row.cells[i].span;
      l.suite.tests.push_back(std::move(t));
    }
  }
}

}  // namespace

void lower_tests(Lowerer& l) {
  // The organization fixture: parents must exist, and the tree must be a tree.
  std::map<std::string, std::uint32_t> index;
  for (std::uint32_t i = 0; i < l.org_decls.size(); ++i) index.emplace(l.org_decls[i]->name.text, i);
  std::vector<std::vector<Edge>> parents(l.org_decls.size());
  for (std::uint32_t i = 0; i < l.org_decls.size(); ++i) {
    const auto& parent = l.org_decls[i]->parent;
    if (!parent) continue;
    if (auto it = index.find(parent->text); it != index.end()) parents[i].push_back(Edge{it->second, parent->span});
    else l.undeclared("organization", parent->text, parent->span, l.organization_names());
  }
  find_cycles(parents, [&](const std::vector<std::uint32_t>& chain, Span span) {
    std::vector<std::string> names;
    for (auto n : chain) names.push_back(fmt::format("`{}`", l.org_decls[n]->name.text));
    l.diags.report(DiagCode::invalid_value, span,
                   fmt::format("organizations form a loop: {}", fmt::join(names, " in ")));
  });
  // Plain tests first, then matrix cells: the IR must not depend on how declarations of
  // different kinds interleave, because the YAML form groups them by kind.
  for (const auto& decl : l.test_decls)
    if (auto t = std::get_if<const ast::TestDecl*>(&decl)) lower_test(l, **t);
  for (const auto& decl : l.test_decls)
    if (auto m = std::get_if<const ast::MatrixDecl*>(&decl)) lower_matrix(l, **m);
}

}  // namespace writ::lower::detail
