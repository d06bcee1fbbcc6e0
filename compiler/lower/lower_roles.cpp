// Pass 5: roles. Holders (default {internal}), `extends` (W022 on cycles, with the chain),
// assigners (authorizer edges of the policy), and the rules of each organization scope: blocks of
// the same scope are merged; upward scopes (parent, ancestors, siblings) are W037. W050 warns
// about a role granting nothing.
// Covered by tests/unit/lower/lower_policy_test.cpp and fixtures W022, W037, W042, W050.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {

void lower_roles(Lowerer& l) {
  ir::Policy& p = l.p;
  std::vector<std::vector<Edge>> extends(p.roles.size());
  for (std::uint32_t i = 0; i < p.roles.size(); ++i) {
    const ast::RoleDecl& d = *l.role_decls[i];
    const ir::RoleId self{i};
    p.roles[i].holders = l.lower_kinds(d.holders);
    if (p.roles[i].holders.empty()) p.roles[i].holders.push_back(ir::PrincipalKind::internal);
    p.roles[i].named_accounts = d.named_accounts;
    for (const auto& e : d.extends)
      if (auto id = l.resolve_role(e)) {
        if (std::find(p.roles[i].extends.begin(), p.roles[i].extends.end(), *id) == p.roles[i].extends.end()) p.roles[i].extends.push_back(*id);
        extends[i].push_back(Edge{id->value, e.span});
      }
    for (const auto& a : d.assigned_by) {
      const ir::AuthorizerId id = l.add_authorizer(a, ir::Authorizer::Target::assign_role);
      p.authorizers[id.value].role = self;
      p.roles[i].assigned_by.push_back(id);
      p.roles[i].automatic = p.roles[i].automatic || a.automatic;
    }

    bool grants_something = !d.extends.empty();
    for (const ast::ScopeBlock& block : d.scopes) {
      if (block.scope != ast::OrgScope::self && block.scope != ast::OrgScope::descendants) {
        l.diags.report(DiagCode::upward_scope, block.span, scope_name(block.scope));
        continue;
      }
      grants_something = grants_something || !block.permits.empty() || !block.levels.empty();
      // Several blocks of one scope (e.g. the implicit `self` items and an `at self`) merge.
      const ir::OrgScope scope = block.scope == ast::OrgScope::self ? ir::OrgScope::self : ir::OrgScope::descendants;
      for (const ast::Permit& permit : block.permits) {
        const ir::RuleId id = l.add_rule(ir::RuleKind::role_permit, permit.pattern, permit.when, permit.name, permit.span);
        p.rules[id.value].role = self;
        p.rules[id.value].scope = scope;
        for (const auto& r : permit.requirements) {
          if (r.module.text == permit.pattern.module.text) {
            l.diags.report(DiagCode::self_requirement, r.span,
                           fmt::format("this permit of module `{}` requires a level of the same module; grant the "
                                       "level or the permission instead",
                                       r.module.text));
            continue;
          }
          if (auto req = l.lower_requirement(r)) p.rules[id.value].requirements.push_back(*req);
        }
        p.roles[i].at[static_cast<std::size_t>(scope)].permits.push_back(id);
      }
      for (const ast::Deny& deny : block.denies) {
        const ir::RuleId id = l.add_rule(ir::RuleKind::role_deny, deny.pattern, deny.when, deny.name, deny.span);
        p.rules[id.value].role = self;
        p.rules[id.value].scope = scope;
        p.roles[i].at[static_cast<std::size_t>(scope)].denies.push_back(id);
      }
      for (const ast::LevelAssignment& la : block.levels) {
        auto m = l.resolve_module(la.module);
        if (!m) continue;
        if (auto lv = l.resolve_level(*m, la.level)) p.roles[i].at[static_cast<std::size_t>(scope)].levels.push_back(ir::LevelAssignment{*m, *lv, la.span});
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
