// Pass 6: grant templates and implicit grants (their authorizers, denies, conditions), and the
// policy-wide `max_grant_duration`. Durations are validated here (W035 malformed, W040 zero, W038
// default above max) so the error points at the text; W044 when a template or implicit grant would
// give a role to kinds its holders exclude (holders bind every source, so such a grant could only
// ever give nothing); the warnings W051 (no maximum: possibly standing access) and W052 (no
// `ceiling grantor`) flag risky templates.
// Covered by tests/unit/lower/lower_policy_test.cpp and fixtures W035, W037, W038, W044, W051, W052.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/core/time.hpp"
#include "compiler/ir/print.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

std::optional<ir::Seconds> duration(Lowerer& l, const std::optional<ast::RawLit>& raw) {
  if (!raw) return std::nullopt;
  auto s = core::parse_duration(raw->text);
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

/// W044: every kind that may receive `what` must be allowed to hold each role it gives.
void check_holders(Lowerer& l, std::string_view what, const std::vector<ir::PrincipalKind>& grantees, const std::vector<ir::RoleId>& roles,
                   Span span) {
  constexpr auto every = ir::all_of<ir::PrincipalKind>();
  const auto kinds = grantees.empty() ? std::vector<ir::PrincipalKind>(every.begin(), every.end()) : grantees;
  for (ir::RoleId r : roles) {
    const ir::Role& role = l.p[r];
    std::vector<ir::PrincipalKind> outside;
    for (auto k : kinds)
      if (std::find(role.holders.begin(), role.holders.end(), k) == role.holders.end()) outside.push_back(k);
    if (outside.empty()) continue;
    auto& d = l.diags.report(DiagCode::grantee_outside_holders, span,
                             fmt::format("{} can give role `{}` to {} principals, but `{}` is held only by {}", what, role.name,
                                         ir::kinds_text(outside), role.name, ir::kinds_text(role.holders)));
    d.help.push_back(grantees.empty() ? "list the kinds that may receive it with `grantee KIND, ...`"
                                      : fmt::format("narrow its grantee kinds, or add them to `holders` of role `{}`", role.name));
  }
}

void lower_template(Lowerer& l, ir::TemplateId id, const ast::GrantTemplateDecl& d) {
  ir::Policy& p = l.p;
  p.templates[id.value].grantee_kinds = l.lower_kinds(d.grantee_kinds);
  for (const auto& r : d.grantee_requires)
    if (auto role = l.resolve_role(r)) p.templates[id.value].grantee_requires.push_back(*role);
  if (d.grantee_id) p.templates[id.value].grantee_id = d.grantee_id->text;
  if (d.grantee_id_title) p.templates[id.value].grantee_id_title = d.grantee_id_title->value;
  for (const auto& a : d.granted_by) {
    const ir::AuthorizerId aid = l.add_authorizer(a, ir::Authorizer::Target::grant_template);
    p.authorizers[aid.value].template_ = id;
    p.templates[id.value].granted_by.push_back(aid);
  }
  ir::GrantTemplate& t = p.templates[id.value];
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
    if (auto role = l.resolve_role(r))
      if (std::find(t.grantable_roles.begin(), t.grantable_roles.end(), *role) == t.grantable_roles.end()) t.grantable_roles.push_back(*role);
  t.custom = d.custom;
  if (d.org_scope) {
    if (*d.org_scope == ast::OrgScope::self || *d.org_scope == ast::OrgScope::descendants)
      t.org_scope = *d.org_scope == ast::OrgScope::self ? ir::OrgScope::self : ir::OrgScope::descendants;
    else
      l.diags.report(DiagCode::upward_scope, d.org_scope_span.value_or(d.span), scope_name(*d.org_scope));
  }
  t.scope_when = l.condition(d.scope_when);
  t.ceiling_grantor = d.ceiling_grantor;
  if (!d.ceiling_grantor) l.diags.report(DiagCode::template_no_ceiling, d.name.span, d.name.text);
  for (const auto& pre : d.preconditions) p.templates[id.value].preconditions.push_back(l.condition(pre));
  for (const auto& deny : d.denies) {
    const ir::RuleId rid = l.add_rule(ir::RuleKind::template_deny, deny.pattern, deny.when, deny.name, deny.span);
    p.rules[rid.value].template_ = id;
    p.templates[id.value].denies.push_back(rid);
  }
  p.templates[id.value].revocable = d.revocable;
  p.templates[id.value].audited = d.audited;
  check_holders(l, fmt::format("template `{}`", d.name.text), p.templates[id.value].grantee_kinds, p.templates[id.value].grantable_roles, d.name.span);
}

}  // namespace

void lower_templates(Lowerer& l) {
  if (l.policy_decl) l.p.max_grant_duration = duration(l, l.policy_decl->max_grant_duration);
  for (std::uint32_t i = 0; i < l.template_decls.size(); ++i) lower_template(l, ir::TemplateId{i}, *l.template_decls[i]);
  for (const ast::ImplicitGrantDecl* d : l.implicit_decls) {
    ir::ImplicitGrant g;
    g.name = d->name.text;
    g.title = d->title ? d->title->value : "";
    g.description = d->description ? d->description->value : "";
    g.grantee_kinds = l.lower_kinds(d->grantee_kinds);
    for (const auto& r : d->grantee_roles)
      if (auto id = l.resolve_role(r)) g.grantee_roles.push_back(*id);
    g.when = l.condition(d->when);
    for (const auto& r : d->grants_roles)
      if (auto id = l.resolve_role(r)) g.grants_roles.push_back(*id);
    g.span = d->span;
    check_holders(l, fmt::format("implicit grant `{}`", g.name), g.grantee_kinds, g.grants_roles, d->name.span);
    l.p.implicit_grants.push_back(std::move(g));
  }
}

}  // namespace writ::lower::detail
