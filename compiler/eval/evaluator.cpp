// See evaluator.hpp. Section numbers refer to docs/semantics.md.
#include "compiler/eval/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/eval/effective_access.hpp"

namespace writ::eval {

Reason make_reason(Reason::Effect e, std::string code, std::string message, Span span) {
  return Reason{e, std::move(code), std::move(message), span};
}

bool kind_allowed(const std::vector<ir::PrincipalKind>& kinds, ir::PrincipalKind k) {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

std::optional<ir::RoleId> find_role(const ir::Policy& policy, std::string_view name) {
  auto it = policy.role_by_name.find(name);
  if (it == policy.role_by_name.end()) return std::nullopt;
  return it->second;
}

namespace {

using E = Reason::Effect;

const std::string& or_target(const std::string& org, const ir::Request& r) { return org.empty() ? r.target_org : org; }

ir::OrgScope scope_of(Relation r) { return r == Relation::self ? ir::OrgScope::self : ir::OrgScope::descendants; }

bool is_automatic(const ir::Role& role) {
  return std::any_of(role.assigned_by.begin(), role.assigned_by.end(), [](const ir::Authorizer& a) { return a.automatic; });
}

}  // namespace

Evaluator::Evaluator(const ir::Policy& policy, const ir::Request& request, const ir::Principal& principal, Options options)
    : policy_(policy), request_(request), principal_(principal), options_(options) {
  if (options_.grants)
    for (const auto& g : principal_.grants)
      if (grant_status(policy_, request_, principal_, g, options_.check_grants).live) has_grant_ = true;
  collect_bindings();
  if (options_.automatic) collect_automatic();
  if (options_.grants) collect_grants();
  if (options_.implicit) collect_implicit();
}

// §2.2: a binding counts only if the role exists and the principal may hold it.
void Evaluator::collect_bindings() {
  for (const auto& b : principal_.roles) {
    auto role = find_role(policy_, b.role);
    if (!role) {
      notes_.push_back(make_reason(E::info, "unknown_role", fmt::format("role `{}` is not declared by the policy; the binding gives nothing", b.role)));
      continue;
    }
    const ir::Role& r = policy_[*role];
    if (!kind_allowed(r.holders, principal_.kind)) {
      notes_.push_back(make_reason(E::info, "holder_kind_not_allowed",
                                   fmt::format("role `{}` cannot be held by principals of kind `{}`; the binding gives nothing", r.name, kind_name(principal_.kind)),
                                   r.span));
      continue;
    }
    if (r.named_accounts && !principal_.named) {
      notes_.push_back(make_reason(E::info, "named_account_required",
                                   fmt::format("role `{}` is for named accounts only and the principal is a shared account; the binding gives nothing", r.name),
                                   r.span));
      continue;
    }
    const std::string& at = or_target(b.org, request_);
    Relation rel = relation(request_.org_parents, at, request_.target_org);
    if (rel == Relation::unrelated)
      notes_.push_back(make_reason(E::info, "unrelated_org",
                                   fmt::format("role `{}` is held at `{}`, which is not `{}` nor above it; it gives nothing there", r.name, at, request_.target_org),
                                   r.span));
    sources_.push_back(Source{Source::Kind::binding, role, at, rel, nullptr, std::nullopt, nullptr, {},
                              fmt::format("role {} at {}", r.name, at), r.span});
  }
}

// §2.3: automatic roles are held at the principal's home organization by every allowed principal.
void Evaluator::collect_automatic() {
  for (std::uint32_t i = 0; i < policy_.roles.size(); ++i) {
    const ir::Role& r = policy_.roles[i];
    if (!is_automatic(r) || !kind_allowed(r.holders, principal_.kind) || (r.named_accounts && !principal_.named)) continue;
    const std::string& at = or_target(principal_.org, request_);
    Relation rel = relation(request_.org_parents, at, request_.target_org);
    sources_.push_back(Source{Source::Kind::automatic, ir::RoleId{i}, at, rel, nullptr, std::nullopt, nullptr, {},
                              fmt::format("automatic role {} at {}", r.name, at), r.span});
  }
}

// §6.1: a live grant whose scope condition and preconditions hold gives its roles at its
// organization and its custom permissions throughout its scope.
void Evaluator::collect_grants() {
  for (const auto& g : principal_.grants) {
    GrantStatus st = grant_status(policy_, request_, principal_, g, options_.check_grants);
    if (!st.live) {
      Span span = st.template_ ? policy_[*st.template_].span : Span{};
      notes_.push_back(make_reason(E::info, st.code, st.message, span));
      continue;
    }
    const ir::GrantTemplate& t = policy_[*st.template_];
    if (options_.check_grants) {
      ConditionInput in = input(st.relation);
      if (!holds(t.scope_when, in)) {
        notes_.push_back(make_reason(E::info, "grant_scope_condition",
                                     fmt::format("grant of `{}`: the template's scope condition `{}` does not hold", t.name, to_text(policy_, *t.scope_when)),
                                     t.scope_when->span));
        continue;
      }
      bool ok = true;
      for (const auto& pre : t.preconditions)
        if (evaluate(pre, in) != Truth::true_) {
          notes_.push_back(make_reason(E::info, "grant_precondition",
                                       fmt::format("grant of `{}`: precondition `{}` does not hold", t.name, to_text(policy_, pre)), pre.span));
          ok = false;
        }
      if (!ok) continue;
    }
    for (const auto& name : g.roles) {
      auto role = find_role(policy_, name);
      if (!role) {
        notes_.push_back(make_reason(E::info, "unknown_role", fmt::format("grant of `{}` names role `{}`, which is not declared; it gives nothing", t.name, name), t.span));
        continue;
      }
      if (std::find(t.grantable_roles.begin(), t.grantable_roles.end(), *role) == t.grantable_roles.end()) {
        notes_.push_back(make_reason(E::info, "role_not_grantable", fmt::format("template `{}` cannot grant role `{}`; it gives nothing", t.name, name), t.span));
        continue;
      }
      sources_.push_back(Source{Source::Kind::grant_role, role, st.org, st.relation, &g, st.template_, nullptr, {},
                                fmt::format("grant {} of role {} at {}", t.name, name, st.org), t.span});
    }
    if (!g.custom.empty()) {
      if (!t.custom) {
        notes_.push_back(make_reason(E::info, "custom_not_allowed", fmt::format("template `{}` does not allow custom permissions; they give nothing", t.name), t.span));
        continue;
      }
      ir::PermissionSet set(policy_.permission_count());
      std::string error;
      if (!expand_custom(policy_, g.custom, set, error)) {
        notes_.push_back(make_reason(E::info, "unknown_permission", fmt::format("grant of `{}`: {}; the custom permissions give nothing", t.name, error), t.span));
        continue;
      }
      // Custom permissions apply throughout the grant's scope, so they are "held" wherever it reaches.
      sources_.push_back(Source{Source::Kind::grant_custom, std::nullopt, st.org, st.relation == Relation::unrelated ? st.relation : Relation::self,
                                &g, st.template_, nullptr, std::move(set), fmt::format("grant {} (custom) at {}", t.name, st.org), t.span});
    }
  }
}

// §6.3: implicit grants give their roles at the target organization while their condition holds.
void Evaluator::collect_implicit() {
  for (const auto& ig : policy_.implicit_grants) {
    if (!kind_allowed(ig.grantee_kinds, principal_.kind)) continue;
    bool role_ok = ig.grantee_roles.empty() ||
                   std::any_of(ig.grantee_roles.begin(), ig.grantee_roles.end(), [&](ir::RoleId r) { return holds_role_anywhere(r, true); });
    if (!role_ok) continue;
    if (!holds(ig.when, input(Relation::self))) {
      if (ig.when)
        notes_.push_back(make_reason(E::info, "implicit_condition",
                                     fmt::format("implicit grant `{}` does not apply: `{}` does not hold", ig.name, to_text(policy_, *ig.when)), ig.span));
      continue;
    }
    for (ir::RoleId r : ig.grants_roles)
      sources_.push_back(Source{Source::Kind::implicit, r, request_.target_org, Relation::self, nullptr, std::nullopt, &ig, {},
                                fmt::format("implicit grant {} of role {}", ig.name, policy_[r].name), ig.span});
  }
}

bool Evaluator::holds_role_anywhere(ir::RoleId role, bool assigned_only) const {
  for (const auto& s : sources_) {
    if (!s.role) continue;
    if (assigned_only && s.kind != Source::Kind::binding && s.kind != Source::Kind::automatic) continue;
    for (const auto& chain : extends_closure(policy_, *s.role))
      if (chain.back() == role) return true;
  }
  return false;
}

std::vector<ir::LevelId> Evaluator::levels_at_target() const {
  std::vector<ir::LevelId> out;
  for (const auto& s : sources_) {
    if (!s.role || s.relation == Relation::unrelated) continue;
    for (const auto& a : role_levels(policy_, *s.role, scope_of(s.relation))) out.push_back(a.level);
  }
  return out;
}

// §3.4: a level counts ("effective") when its level-wide requirements hold; requirements are met
// by effective levels only. A cycle (rejected at compile time) evaluates to false, fail closed.
bool Evaluator::level_effective(ir::LevelId level, std::set<std::uint32_t>& visiting) const {
  if (!visiting.insert(level.value).second) return false;
  bool ok = requirements_hold(level_requirements(policy_, level), visiting);
  visiting.erase(level.value);
  return ok;
}

bool Evaluator::requirements_hold(const std::vector<ir::Requirement>& reqs, std::set<std::uint32_t>& visiting) const {
  if (reqs.empty()) return true;
  auto held = levels_at_target();
  for (const auto& req : reqs) {
    bool met = std::any_of(held.begin(), held.end(), [&](ir::LevelId l) {
      return policy_[l].module == req.module && level_at_least(policy_, l, req.level) && level_effective(l, visiting);
    });
    if (!met) return false;
  }
  return true;
}

bool Evaluator::requirements_hold(const std::vector<ir::Requirement>& reqs) const {
  std::set<std::uint32_t> visiting;
  return requirements_hold(reqs, visiting);
}

std::string Evaluator::first_unmet(const std::vector<ir::Requirement>& reqs) const {
  for (const auto& r : reqs)
    if (!requirements_hold({r})) return fmt::format("{} >= {}", policy_[r.module].name, policy_[r.level].name);
  return {};
}

// §6.2: the grantor as a principal of its own, with its current roles and nothing else.
bool Evaluator::grantor_allows(const Source& s, ir::PermissionId p) const {
  ir::Principal grantor;
  grantor.id = "grantor";
  grantor.kind = s.grant->grantor_kind;
  grantor.named = s.grant->grantor_named;
  grantor.roles = s.grant->grantor_roles;
  Options o;
  o.grants = false;
  o.implicit = false;
  Evaluator ev(policy_, request_, grantor, o);
  return ev.decide(p).allow;
}

// §5.3: selectors of forbid rules match widely (any organization, any source): fail closed.
bool Evaluator::forbid_selects(const ir::Forbid& f) const {
  for (const auto& sel : f.applies_to) {
    switch (sel.kind) {
      case ir::Selector::Kind::anyone: return true;
      case ir::Selector::Kind::principal_kind:
        if (sel.principal_kind == principal_.kind) return true;
        break;
      case ir::Selector::Kind::role:
        if (holds_role_anywhere(sel.role)) return true;
        break;
      case ir::Selector::Kind::template_:
        for (const auto& g : principal_.grants) {
          GrantStatus st = grant_status(policy_, request_, principal_, g, options_.check_grants);
          if (st.template_ && *st.template_ == sel.template_ && (st.live || st.code == "grant_out_of_scope")) return true;
        }
        break;
      case ir::Selector::Kind::level:
        for (ir::LevelId l : levels_at_target())
          if (l == sel.level) return true;
        break;
    }
  }
  return false;
}

Decision Evaluator::decide(ir::PermissionId p) const {
  const bool permissive = policy_.combining == ir::Combining::permissive;
  const std::string pname = policy_.permission_name(p);
  std::vector<Reason> allows, denies, infos;
  bool any_allow = false, any_deny = false;

  for (const auto& s : sources_) {
    if (s.relation == Relation::unrelated) continue;
    bool local_allow = false, local_deny = false;
    std::vector<Reason> local_allows, local_denies;
    ConditionInput in = input(s.relation);
    if (s.role) {
      for (const auto& c : role_contributions(policy_, *s.role, scope_of(s.relation))) {
        if (!c.permissions.contains(p)) continue;
        std::string via = c.chain.size() > 1 ? fmt::format(" (inherited: {})", chain_text(policy_, c.chain)) : "";
        if (c.kind == Contribution::Kind::deny) {
          if (may_apply(c.rule->when, in)) {
            local_deny = true;
            local_denies.push_back(make_reason(E::deny, "role_deny", fmt::format("`deny {}` in role `{}`{} via {}", c.rule->pattern, policy_[c.chain.back()].name, via, s.label), c.span));
          } else {
            infos.push_back(make_reason(E::info, "condition_false", fmt::format("`deny {}` in role `{}` does not apply: `{}` is false", c.rule->pattern, policy_[c.chain.back()].name, to_text(policy_, *c.rule->when)), c.span));
          }
          continue;
        }
        std::string what = c.kind == Contribution::Kind::level
                               ? fmt::format("level `{}` (`permit {}`) of role `{}`{}", level_name(policy_, *c.level), c.rule->pattern, policy_[c.chain.back()].name, via)
                               : fmt::format("`permit {}` in role `{}`{}", c.rule->pattern, policy_[c.chain.back()].name, via);
        if (!holds(c.rule->when, in)) {
          infos.push_back(make_reason(E::info, "condition_false", fmt::format("{} does not apply: `{}` is {}", what, to_text(policy_, *c.rule->when), truth_name(evaluate(*c.rule->when, in))), c.rule->span));
          continue;
        }
        auto reqs = c.rule->requirements;
        if (c.level) {
          auto lw = level_requirements(policy_, *c.level);
          reqs.insert(reqs.end(), lw.begin(), lw.end());
        }
        if (!requirements_hold(reqs)) {
          infos.push_back(make_reason(E::info, "requirement_unmet", fmt::format("{} does not apply: requirement `{}` is not met at `{}`", what, first_unmet(reqs), request_.target_org), c.rule->span));
          continue;
        }
        local_allow = true;
        local_allows.push_back(make_reason(E::allow, c.kind == Contribution::Kind::level ? "level" : "permit", fmt::format("{} via {}", what, s.label), c.rule->span));
      }
    }
    if (s.kind == Source::Kind::grant_custom && s.custom.contains(p)) {
      local_allow = true;
      local_allows.push_back(make_reason(E::allow, "grant_custom", fmt::format("custom permission of {}", s.label), s.span));
    }
    if (s.template_) {
      const ir::GrantTemplate& t = policy_[*s.template_];
      for (const auto& d : t.denies)
        if (d.permissions.contains(p) && may_apply(d.when, in)) {
          local_deny = true;
          local_denies.push_back(make_reason(E::deny, "template_deny", fmt::format("`deny {}` in template `{}` ({})", d.pattern, t.name, s.label), d.span));
        }
      if (local_allow && options_.ceiling && t.ceiling_grantor && !grantor_allows(s, p)) {
        local_allow = false;
        denies.push_back(make_reason(E::deny, "above_grantor_access",
                                     fmt::format("{} would give {}, but its grantor does not hold it now (ceiling grantor)", s.label, pname), t.span));
      }
    }
    if (permissive) {
      if (local_allow && !local_deny) {
        any_allow = true;
        allows.insert(allows.end(), local_allows.begin(), local_allows.end());
      } else if (local_allow) {
        denies.insert(denies.end(), local_denies.begin(), local_denies.end());
      }
    } else {
      any_allow |= local_allow;
      any_deny |= local_deny;
      allows.insert(allows.end(), local_allows.begin(), local_allows.end());
      denies.insert(denies.end(), local_denies.begin(), local_denies.end());
    }
  }

  bool forbidden = false;
  for (const auto& f : policy_.forbids) {
    bool hit = false;
    for (const auto& d : f.denies) hit |= d.permissions.contains(p);
    if (!hit || !forbid_selects(f)) continue;
    ConditionInput in = input(std::nullopt);
    if (!may_apply(f.when, in)) {
      infos.push_back(make_reason(E::info, "condition_false", fmt::format("forbid `{}` does not apply: `{}` is false", f.name, to_text(policy_, *f.when)), f.span));
      continue;
    }
    for (const auto& d : f.denies)
      if (d.permissions.contains(p) && may_apply(d.when, in)) {
        forbidden = true;
        std::string why = f.reason.empty() ? "" : fmt::format(": {}", f.reason);
        denies.push_back(make_reason(E::deny, "forbid", fmt::format("forbid `{}` denies `{}`{}", f.name, d.pattern, why), d.span));
      }
  }

  Decision out;
  out.allow = any_allow && !any_deny && !forbidden;
  if (out.allow) {
    out.reasons = std::move(allows);
  } else {
    if (denies.empty() && !any_allow)
      out.reasons.push_back(make_reason(E::deny, "no_rule", fmt::format("nothing the principal holds at `{}` allows {} (deny by default)", request_.target_org, pname)));
    out.reasons.insert(out.reasons.end(), denies.begin(), denies.end());
    // Overridden allows stay visible to the auditor as information.
    for (auto& a : allows) {
      a.effect = E::info;
      a.code = "overridden_" + a.code;
      out.reasons.push_back(std::move(a));
    }
  }
  out.reasons.insert(out.reasons.end(), infos.begin(), infos.end());
  out.reasons.insert(out.reasons.end(), notes_.begin(), notes_.end());
  return out;
}

}  // namespace writ::eval
