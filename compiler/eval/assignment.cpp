// May P assign role R at organization O (docs/semantics.md §8). Assignment rules are data
// (ir::Authorizer edges); this walks them for one principal.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/eval/effective_access.hpp"
#include "compiler/eval/evaluator.hpp"

namespace writ::eval {

Decision may_assign(const ir::Policy& policy, const ir::Request& ctx, std::string_view role_name, std::string_view org) {
  using E = Reason::Effect;
  Decision out;
  auto role = find_role(policy, role_name);
  if (!role) {
    out.reasons.push_back(make_reason(E::deny, "unknown_role", fmt::format("role `{}` is not declared by the policy", role_name)));
    return out;
  }
  const ir::Role& r = policy[*role];
  if (std::any_of(r.assigned_by.begin(), r.assigned_by.end(), [](const ir::Authorizer& a) { return a.automatic; })) {
    out.reasons.push_back(make_reason(E::deny, "automatic_role", fmt::format("role `{}` is automatic: every allowed principal holds it, nobody assigns it", r.name), r.span));
    return out;
  }
  ir::Request at = ctx;
  if (!org.empty()) at.target_org = std::string(org);
  Evaluator ev(policy, at, at.principal);
  std::vector<Reason> infos;
  for (const auto& a : r.assigned_by) {
    if (a.anyone) {
      if (holds(a.when, ev.input(std::nullopt))) {
        out.allow = true;
        out.reasons.push_back(make_reason(E::allow, "assigner", fmt::format("anyone may assign `{}`", r.name), a.span));
      }
      continue;
    }
    for (const auto& s : ev.sources()) {
      if (!s.role || s.relation == Relation::unrelated) continue;
      for (const auto& chain : extends_closure(policy, *s.role)) {
        if (std::find(a.roles.begin(), a.roles.end(), chain.back()) == a.roles.end()) continue;
        std::string who = fmt::format("`{}` ({})", policy[chain.back()].name, s.label);
        if (holds(a.when, ev.input(s.relation))) {
          out.allow = true;
          out.reasons.push_back(make_reason(E::allow, "assigner", fmt::format("{} may assign `{}` at `{}`", who, r.name, at.target_org), a.span));
        } else {
          infos.push_back(make_reason(E::info, "condition_false", fmt::format("{} may assign `{}` only when `{}`, which does not hold", who, r.name, to_text(policy, *a.when)), a.span));
        }
      }
    }
  }
  if (!out.allow)
    out.reasons.push_back(make_reason(E::deny, "no_assigner", fmt::format("the principal holds no role with effect at `{}` that may assign `{}`", at.target_org, r.name), r.span));
  out.reasons.insert(out.reasons.end(), infos.begin(), infos.end());
  out.reasons.insert(out.reasons.end(), ev.notes().begin(), ev.notes().end());
  return out;
}

}  // namespace writ::eval
