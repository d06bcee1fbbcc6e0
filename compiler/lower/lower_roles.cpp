// Pass 5: roles. Holders (default {internal}), `extends` (W022 on cycles, with the chain),
// assigners, and the grants of each organization scope: blocks of the same scope are merged;
// upward scopes (parent, ancestors, siblings) are W037. W050 warns about a role granting nothing.
// Covered by tests/unit/lower/lower_roles_test.cpp and fixtures W022, W037, W042, W050.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {

void lower_roles(Lowerer& l) {
  ir::Policy& p = l.p;
  std::vector<std::vector<Edge>> extends(p.roles.size());
  for (std::uint32_t i = 0; i < p.roles.size(); ++i) {
    const ast::RoleDecl& d = *l.role_decls[i];
    ir::Role& role = p.roles[i];
    role.holders = l.lower_kinds(d.holders);
    if (role.holders.empty()) role.holders.push_back(ir::PrincipalKind::internal);
    role.named_accounts = d.named_accounts;
    for (const auto& e : d.extends)
      if (auto id = l.resolve_role(e)) {
        role.extends.push_back(*id);
        extends[i].push_back(Edge{id->value, e.span});
      }
    for (const auto& a : d.assigned_by) role.assigned_by.push_back(l.lower_authorizer(a));

    bool grants_something = !d.extends.empty();
    for (const ast::ScopeBlock& block : d.scopes) {
      if (block.scope != ast::OrgScope::self && block.scope != ast::OrgScope::descendants) {
        l.diags.report(DiagCode::upward_scope, block.span, scope_name(block.scope));
        continue;
      }
      grants_something = grants_something || !block.permits.empty() || !block.levels.empty();
      // Several blocks of one scope (e.g. the implicit `self` items and an `at self`) merge.
      ir::ScopeGrants& at = role.at[block.scope == ast::OrgScope::self ? 0 : 1];
      for (const ast::Permit& permit : block.permits) {
        ir::Rule rule = l.lower_rule(permit.pattern, permit.when);
        rule.span = permit.span;
        for (const auto& r : permit.requirements) {
          if (r.module.text == permit.pattern.module.text) {
            l.diags.report(DiagCode::self_requirement, r.span,
                           fmt::format("this permit of module `{}` requires a level of the same module; grant the "
                                       "level or the permission instead",
                                       r.module.text));
            continue;
          }
          if (auto req = l.lower_requirement(r)) rule.requirements.push_back(*req);
        }
        at.permits.push_back(std::move(rule));
      }
      for (const ast::Deny& deny : block.denies) {
        ir::Rule rule = l.lower_rule(deny.pattern, deny.when);
        rule.span = deny.span;
        at.denies.push_back(std::move(rule));
      }
      for (const ast::LevelAssignment& la : block.levels) {
        auto m = l.resolve_module(la.module);
        if (!m) continue;
        if (auto lv = l.resolve_level(*m, la.level)) at.levels.push_back(ir::LevelAssignment{*m, *lv, la.span});
      }
    }
    if (!grants_something) l.diags.report(DiagCode::empty_role, d.name.span, d.name.text);
  }
  find_cycles(extends, [&](const std::vector<std::uint32_t>& chain, Span span) {
    std::vector<std::string> names;
    for (auto n : chain) names.push_back(fmt::format("`{}`", p.roles[n].name));
    l.diags.report(DiagCode::inheritance_cycle, span, fmt::format("{}", fmt::join(names, " extends ")));
  });
}

}  // namespace writ::lower::detail
