// Pass 6: grant templates and implicit grants. Durations are validated here (W035 malformed,
// W040 zero, W038 default above max) so the error points at the text; the warnings W051 (no
// maximum: possibly standing access) and W052 (no `ceiling grantor`) flag risky templates.
// Covered by tests/unit/lower/lower_templates_test.cpp and fixtures W035, W037, W038, W051, W052.
#include <fmt/format.h>

#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

std::optional<ir::Seconds> duration(Lowerer& l, const std::optional<ast::RawLit>& raw) {
  if (!raw) return std::nullopt;
  auto s = parse_duration(raw->text);
  if (!s) {
    l.diags.report(DiagCode::malformed_duration, raw->span, raw->text);
    return std::nullopt;
  }
  if (*s == 0) {
    l.diags.report(DiagCode::invalid_value, raw->span, fmt::format("duration `{}` is zero; a grant must last", raw->text));
    return std::nullopt;
  }
  return s;
}

void lower_template(Lowerer& l, const ast::GrantTemplateDecl& d, ir::GrantTemplate& t) {
  t.grantee_kinds = l.lower_kinds(d.grantee_kinds);
  if (d.grantee_id) t.grantee_id = d.grantee_id->text;
  if (d.grantee_id_title) t.grantee_id_title = d.grantee_id_title->value;
  for (const auto& a : d.granted_by) t.granted_by.push_back(l.lower_authorizer(a));
  Declared fields("field");
  for (const auto& f : d.fields)
    if (fields.add(f.name, l.diags)) t.fields.push_back(ir::Field{f.name.text, f.title ? f.title->value : "", f.presence, f.span});
  t.valid_from = d.valid_from.value_or(ir::Presence::optional);
  t.valid_to = d.valid_to.value_or(ir::Presence::required);
  t.default_duration = duration(l, d.default_duration);
  t.max_duration = duration(l, d.max_duration);
  if (t.default_duration && t.max_duration && *t.default_duration > *t.max_duration)
    l.diags.report(DiagCode::default_above_max, d.default_duration->span, d.default_duration->text, d.max_duration->text);
  if (!d.max_duration) l.diags.report(DiagCode::grant_no_max, d.name.span, d.name.text);
  for (const auto& r : d.grantable_roles)
    if (auto id = l.resolve_role(r)) t.grantable_roles.push_back(*id);
  t.custom = d.custom;
  if (d.org_scope) {
    if (*d.org_scope == ast::OrgScope::self || *d.org_scope == ast::OrgScope::descendants)
      t.org_scope = *d.org_scope == ast::OrgScope::self ? ir::OrgScope::self : ir::OrgScope::descendants;
    else
      l.diags.report(DiagCode::upward_scope, d.org_scope_span.value_or(d.span), scope_name(*d.org_scope));
  }
  if (d.scope_when) t.scope_when = lower_condition(l, *d.scope_when);
  t.ceiling_grantor = d.ceiling_grantor;
  if (!d.ceiling_grantor) l.diags.report(DiagCode::template_no_ceiling, d.name.span, d.name.text);
  for (const auto& pre : d.preconditions)
    if (auto e = lower_condition(l, pre)) t.preconditions.push_back(std::move(*e));
  for (const auto& deny : d.denies) {
    ir::Rule rule = l.lower_rule(deny.pattern, deny.when);
    rule.span = deny.span;
    t.denies.push_back(std::move(rule));
  }
  t.revocable = d.revocable;
  t.audited = d.audited;
}

}  // namespace

void lower_templates(Lowerer& l) {
  for (std::size_t i = 0; i < l.template_decls.size(); ++i) lower_template(l, *l.template_decls[i], l.p.templates[i]);
  for (const ast::ImplicitGrantDecl* d : l.implicit_decls) {
    ir::ImplicitGrant g;
    g.name = d->name.text;
    g.title = d->title ? d->title->value : "";
    g.description = d->description ? d->description->value : "";
    g.grantee_kinds = l.lower_kinds(d->grantee_kinds);
    for (const auto& r : d->grantee_roles)
      if (auto id = l.resolve_role(r)) g.grantee_roles.push_back(*id);
    if (d->when) g.when = lower_condition(l, *d->when);
    for (const auto& r : d->grants_roles)
      if (auto id = l.resolve_role(r)) g.grants_roles.push_back(*id);
    g.span = d->span;
    l.p.implicit_grants.push_back(std::move(g));
  }
}

}  // namespace writ::lower::detail
