// See view.hpp. Section numbers refer to docs/semantics.md.
#include "compiler/eval/view.hpp"

#include <algorithm>
#include <limits>

#include "compiler/core/checked.hpp"

namespace writ::eval {
namespace {

ir::OrgScope scope_of(Relation r) { return r == Relation::self ? ir::OrgScope::self : ir::OrgScope::descendants; }

bool kind_allowed(const std::vector<ir::PrincipalKind>& kinds, ir::PrincipalKind k) {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

const std::string& or_target(const std::string& org, const Place& place) { return org.empty() ? place.name() : org; }

Reason reason(Effect e, ReasonCode c) {
  Reason r;
  r.effect = e;
  r.code = c;
  return r;
}

}  // namespace

ir::Principal grantor_of(const ir::GrantInstance& g) {
  ir::Principal p;
  p.kind = g.grantor_kind;
  p.named = g.grantor_named;
  p.roles = g.grantor_roles;
  return p;
}

GrantWindow grant_window(const ir::GrantTemplate& t, const ir::GrantInstance& g) {
  GrantWindow w;
  w.start = g.valid_from;
  w.end = g.valid_to;
  if (!w.end && g.valid_from && t.default_duration) w.end = core::checked_add(*g.valid_from, *t.default_duration);  // overflow: unbounded
  if (!t.max_duration) return w;
  // §6.1: the maximum binds at every decision. Counted from valid_from; a grant recorded without
  // one counts back from its end, so no recorded window gives more than the maximum.
  if (w.start) {
    auto cap = core::checked_add(*w.start, *t.max_duration);
    if (cap && (!w.end || *cap < *w.end)) {
      w.end = cap;
      w.cut_by_max = true;
    }
  } else if (w.end) {
    w.start = core::checked_sub(*w.end, *t.max_duration);
    w.cut_by_max = true;
    if (!w.start) w.start = std::numeric_limits<std::int64_t>::min();  // the window reaches the beginning of time: no cut below
  } else {
    w.unbounded_under_max = true;
  }
  return w;
}

GrantStatus grant_status(const ir::Policy& policy, const ir::Request& request, const Place& place, const ir::Principal& grantee,
                         const ir::GrantInstance& grant, bool check_instance) {
  GrantStatus st;
  auto tid = policy.find(policy.template_by_name, grant.template_name);
  if (!tid) {
    st.code = ReasonCode::unknown_template;
    return st;
  }
  st.template_ = tid;
  const ir::GrantTemplate& t = policy[*tid];
  st.org = or_target(grant.org, place);
  st.relation = place.of(st.org);
  if (check_instance) {
    auto fail = [&](ReasonCode code, std::optional<std::int64_t> at = std::nullopt) {
      st.code = code;
      st.instant = at;
      return st;
    };
    if (grant.revoked) return fail(ReasonCode::grant_revoked);
    if (grant.valid_from && request.at < *grant.valid_from) return fail(ReasonCode::grant_not_yet_valid, grant.valid_from);
    if (!grant.valid_to && t.valid_to == ir::Presence::required) return fail(ReasonCode::grant_missing_valid_to);
    const GrantWindow w = grant_window(t, grant);
    if (w.unbounded_under_max) return fail(ReasonCode::grant_beyond_max_duration);
    if (w.start && request.at < *w.start) return fail(ReasonCode::grant_beyond_max_duration, w.start);
    if (w.end && request.at >= *w.end)
      return fail(w.cut_by_max && (!grant.valid_to || *w.end < *grant.valid_to) ? ReasonCode::grant_beyond_max_duration : ReasonCode::grant_expired, w.end);
    if (!kind_allowed(t.grantee_kinds, grantee.kind)) return fail(ReasonCode::grantee_kind_not_allowed);
  }
  // Scope last: forbid rules selecting a template match grants that are live apart from scope.
  st.live_but_scope = true;
  const bool in_scope = t.org_scope == ir::OrgScope::self ? st.relation == Relation::self : st.relation != Relation::unrelated;
  if (!in_scope) {
    st.code = ReasonCode::grant_out_of_scope;
    return st;
  }
  st.live = true;
  return st;
}

View::View(const facts::Facts& facts, const ir::Request& request, const ir::Principal& principal, Place place, Options options)
    : facts_(facts), policy_(facts.policy()), request_(request), principal_(principal), place_(std::move(place)), options_(options) {
  if (options_.grants) {
    for (const auto& g : principal_.grants) {
      grant_status_.push_back(grant_status(policy_, request_, place_, principal_, g, options_.check_grants));
      has_grant_ = has_grant_ || grant_status_.back().live;
    }
  }
  collect_bindings();
  if (options_.automatic) collect_automatic();
  if (options_.grants) collect_grants();
  if (options_.implicit) collect_implicit();
  effective_.assign(policy_.levels.size(), 0);
  grantors_.resize(principal_.grants.size());
  grantor_principals_.resize(principal_.grants.size());
}

View::~View() = default;

// §2.2: holders bind every source: a role the principal's kind (or account type) may not hold
// gives nothing, however it was reached.
bool View::holder_ok(ir::RoleId role, bool note) {
  const ir::Role& r = policy_[role];
  ReasonCode code = ReasonCode::no_rule;
  if (!kind_allowed(r.holders, principal_.kind)) code = ReasonCode::holder_kind_not_allowed;
  else if (r.named_accounts && !principal_.named) code = ReasonCode::named_account_required;
  else return true;
  if (note) {
    Reason n = reason(Effect::info, code);
    n.role = role;
    notes_.push_back(n);
  }
  return false;
}

void View::add_source(SourceRef s, ir::PermissionSet custom) {
  sources_.push_back(std::move(s));
  custom_.push_back(std::move(custom));
  const SourceRef& src = sources_.back();
  if (!src.role || src.relation == Relation::unrelated) return;
  // §3.4: the levels a reaching source assigns at its scope, through the closure.
  const auto scope = scope_of(src.relation);
  facts_.for_each_in_closure(*src.role, [&](std::uint32_t q) {
    for (const auto& la : facts_.own(ir::RoleId{q}, scope).levels)
      if (std::find(held_levels_.begin(), held_levels_.end(), la.level) == held_levels_.end()) held_levels_.push_back(la.level);
  });
}

// §2.2: a binding counts only if the role exists and the principal may hold it.
void View::collect_bindings() {
  for (const auto& b : principal_.roles) {
    auto role = facts_.role(b.role);
    if (!role) {
      Reason n = reason(Effect::info, ReasonCode::unknown_role);
      n.name = b.role;
      notes_.push_back(n);
      continue;
    }
    if (!holder_ok(*role, true)) continue;
    const std::string& at = or_target(b.org, place_);
    SourceRef s{SourceRef::Kind::binding, role, at, place_.of(at), std::nullopt, std::nullopt, std::nullopt};
    if (s.relation == Relation::unrelated) {
      Reason n = reason(Effect::info, ReasonCode::unrelated_org);
      n.role = role;
      n.source = sources_.size();
      n.name = at;
      notes_.push_back(n);
    }
    add_source(std::move(s));
  }
}

// §2.3: automatic roles are held at the principal's home organization by every allowed principal.
void View::collect_automatic() {
  for (ir::RoleId r : facts_.automatic_roles()) {
    if (!holder_ok(r, false)) continue;
    const std::string& at = or_target(principal_.org, place_);
    add_source(SourceRef{SourceRef::Kind::automatic, r, at, place_.of(at), std::nullopt, std::nullopt, std::nullopt});
  }
}

// §6.1: a live grant whose scope condition, preconditions and grantee requirement hold gives its
// roles at its organization and its custom permissions throughout its scope.
void View::collect_grants() {
  for (std::size_t i = 0; i < principal_.grants.size(); ++i) {
    const ir::GrantInstance& g = principal_.grants[i];
    const GrantStatus& st = grant_status_[i];
    auto note = [&](ReasonCode code) -> Reason& {
      Reason n = reason(Effect::info, code);
      n.grant = i;
      n.template_ = st.template_;
      notes_.push_back(n);
      return notes_.back();
    };
    if (!st.live) {
      Reason& n = note(st.code);
      n.instant = st.instant;
      if (st.code == ReasonCode::unknown_template) n.name = g.template_name;
      if (st.code == ReasonCode::grant_out_of_scope) n.name = st.org;
      continue;
    }
    const ir::GrantTemplate& t = policy_[*st.template_];
    if (options_.check_grants) {
      if (evaluate(t.scope_when.id, st.relation) != ir::Truth::true_) {
        note(ReasonCode::grant_scope_condition).condition = t.scope_when.id;
        continue;
      }
      bool ok = true;
      for (const auto& pre : t.preconditions)
        if (evaluate(pre.id, std::nullopt) != ir::Truth::true_) {
          note(ReasonCode::grant_precondition).condition = pre.id;
          ok = false;
        }
      if (!ok) continue;
      if (!t.grantee_requires.empty() &&
          std::none_of(t.grantee_requires.begin(), t.grantee_requires.end(), [&](ir::RoleId r) { return holds_role(r, true); })) {
        note(ReasonCode::grantee_role_missing);
        continue;
      }
    }
    for (const auto& name : g.roles) {
      auto role = facts_.role(name);
      if (!role) {
        note(ReasonCode::unknown_role).name = name;
        continue;
      }
      if (std::find(t.grantable_roles.begin(), t.grantable_roles.end(), *role) == t.grantable_roles.end()) {
        note(ReasonCode::role_not_grantable).role = role;
        continue;
      }
      if (!holder_ok(*role, true)) {
        notes_.back().grant = i;
        notes_.back().template_ = st.template_;
        continue;
      }
      add_source(SourceRef{SourceRef::Kind::grant_role, role, st.org, st.relation, i, st.template_, std::nullopt});
    }
    if (g.custom.empty()) continue;
    if (!t.custom) {
      note(ReasonCode::custom_not_allowed);
      continue;
    }
    ir::PermissionSet set;
    const ir::CustomPattern* bad = nullptr;
    for (const auto& c : g.custom) {
      if (!c.permissions || c.permissions->empty()) {
        bad = &c;
        break;
      }
      set |= *c.permissions;
    }
    if (bad) {
      note(ReasonCode::unknown_permission).name = bad->text;
      continue;
    }
    // Custom permissions apply throughout the grant's scope, so wherever the grant reaches they
    // count as held there.
    add_source(SourceRef{SourceRef::Kind::grant_custom, std::nullopt, st.org, Relation::self, i, st.template_, std::nullopt}, std::move(set));
  }
}

// §6.3: an implicit grant applies at the organization of a trigger the request names for it.
// Walked from the request's triggers, so the cost is the triggers', not the policy's implicit grants'.
void View::collect_implicit() {
  for (const auto& trig : principal_.triggers) {
    auto id = facts_.implicit(trig.implicit);
    auto note = [&](ReasonCode code) -> Reason& {
      Reason n = reason(Effect::info, code);
      n.implicit = id;
      n.name = id ? or_target(trig.org, place_) : trig.implicit;
      notes_.push_back(n);
      return notes_.back();
    };
    if (!id) {
      note(ReasonCode::unknown_implicit);
      continue;
    }
    const ir::ImplicitGrant& ig = policy_[*id];
    if (!kind_allowed(ig.grantee_kinds, principal_.kind)) continue;
    if (!ig.grantee_roles.empty() &&
        std::none_of(ig.grantee_roles.begin(), ig.grantee_roles.end(), [&](ir::RoleId r) { return holds_role(r, true); }))
      continue;
    const std::string& at = or_target(trig.org, place_);
    const Relation rel = place_.of(at);
    if (rel == Relation::unrelated) {
      note(ReasonCode::implicit_not_triggered);
      continue;
    }
    if (evaluate(ig.when.id, rel) != ir::Truth::true_) {
      note(ReasonCode::implicit_condition).condition = ig.when.id;
      continue;
    }
    for (ir::RoleId r : ig.grants_roles) {
      if (!holder_ok(r, true)) {
        notes_.back().implicit = id;
        continue;
      }
      add_source(SourceRef{SourceRef::Kind::implicit, r, at, rel, std::nullopt, std::nullopt, id});
    }
  }
}

ir::Truth View::evaluate(ir::CondId c, std::optional<Relation> relation) const {
  // §5.1: what each input reads; a missing or ill-typed value is unknown.
  auto read = [&](const ir::Input& in) -> std::optional<ir::Value> {
    switch (in.kind) {
      case ir::InputKind::attribute: {
        if (in.attribute.value >= policy_.attributes.size()) return std::nullopt;
        const ir::Attribute& a = policy_[in.attribute];
        std::optional<ir::Value> v;
        if (auto it = request_.context.find(a.name); it != request_.context.end()) v = it->second;
        else v = a.default_value;
        if (!v) return std::nullopt;
        switch (a.type) {
          case ir::AttributeType::boolean: return std::holds_alternative<bool>(*v) ? v : std::nullopt;
          case ir::AttributeType::integer: return std::holds_alternative<std::int64_t>(*v) ? v : std::nullopt;
          case ir::AttributeType::string: return std::holds_alternative<std::string>(*v) ? v : std::nullopt;
          case ir::AttributeType::enumeration:
            if (const auto* s = std::get_if<std::string>(&*v); s && std::find(a.enum_values.begin(), a.enum_values.end(), *s) != a.enum_values.end())
              return v;
            return std::nullopt;
        }
        return std::nullopt;
      }
      case ir::InputKind::principal_kind: return ir::Value{std::string(ir::name(principal_.kind))};
      case ir::InputKind::principal_named: return ir::Value{principal_.named};
      case ir::InputKind::principal_has_grant: return ir::Value{has_grant_};
      case ir::InputKind::principal_is_owner:
        // Unknown unless both sides are known: an anonymous principal is neither owner nor not.
        if (!request_.resource_owner || principal_.id.empty()) return std::nullopt;
        return ir::Value{*request_.resource_owner == principal_.id};
      case ir::InputKind::target_relation:
        if (!relation || *relation == Relation::unrelated) return std::nullopt;
        return ir::Value{std::string(relation_name(*relation))};
    }
    return std::nullopt;
  };
  return policy_.conditions.evaluate(c, read);
}

bool View::holds_role(ir::RoleId role, bool assigned_only) const {
  for (const auto& s : sources_) {
    if (!s.role) continue;
    if (assigned_only && s.kind != SourceRef::Kind::binding && s.kind != SourceRef::Kind::automatic) continue;
    if (facts_.reaches(*s.role, role)) return true;
  }
  return false;
}

// §3.4: a level counts ("effective") when its level-wide requirements hold; requirements are met
// by effective levels only. A level that would depend on itself is not effective (fail closed).
bool View::effective(ir::LevelId l, std::vector<std::uint8_t>& state) const {
  auto& s = state[l.value];
  if (s == 3) return true;
  if (s == 2 || s == 1) return false;
  s = 1;
  bool ok = true;
  for (auto req : facts_.level_requirements(l)) {
    const ir::Requirement& r = policy_[req];
    bool met = false;
    for (ir::LevelId held : held_levels_)
      if (policy_[held].module == r.module && facts_.at_least(held, r.level) && effective(held, state)) {
        met = true;
        break;
      }
    if (!met) {
      ok = false;
      break;
    }
  }
  state[l.value] = ok ? 3 : 2;
  return ok;
}

bool View::level_effective(ir::LevelId l) const { return effective(l, effective_); }

bool View::requirement_holds(ir::RequirementId req) const {
  const ir::Requirement& r = policy_[req];
  for (ir::LevelId held : held_levels_)
    if (policy_[held].module == r.module && facts_.at_least(held, r.level) && level_effective(held)) return true;
  return false;
}

const View& View::grantor(std::size_t grant) const {
  if (!grantors_[grant]) {
    // §6.2: the grantor as a principal of its own, with its current roles, automatic roles, no
    // grants and no implicit grants, at the same place, context and instant.
    grantor_principals_[grant] = std::make_unique<ir::Principal>(grantor_of(principal_.grants[grant]));
    Options o;
    o.grants = false;
    o.implicit = false;
    grantors_[grant] = std::make_unique<View>(facts_, request_, *grantor_principals_[grant], place_, o);
  }
  return *grantors_[grant];
}

// §5.3: selectors of forbid rules match widely (any organization, any source): fail closed.
bool View::forbid_selects(const ir::Forbid& f) const {
  for (const auto& sel : f.applies_to) {
    switch (sel.kind) {
      case ir::Selector::Kind::anyone: return true;
      case ir::Selector::Kind::principal_kind:
        if (sel.principal_kind == principal_.kind) return true;
        break;
      case ir::Selector::Kind::role:
        if (holds_role(sel.role)) return true;
        break;
      case ir::Selector::Kind::template_:
        for (const auto& st : grant_status_)
          if (st.template_ == sel.template_ && st.live_but_scope) return true;
        break;
      case ir::Selector::Kind::level:
        if (std::find(held_levels_.begin(), held_levels_.end(), sel.level) != held_levels_.end()) return true;
        break;
    }
  }
  return false;
}

struct View::Outcome {
  bool allow = false;
  std::vector<Reason> reasons;
};

View::Outcome View::judge(ir::PermissionId p, bool with_reasons) const {
  const bool permissive = policy_.combining == ir::Combining::permissive;
  std::vector<Reason> allows, denies, infos, beaten;
  bool any_allow = false, any_deny = false;
  auto keep = [&](std::vector<Reason>& into, Reason r) {
    if (with_reasons) into.push_back(std::move(r));
  };

  for (std::size_t si = 0; si < sources_.size(); ++si) {
    const SourceRef& s = sources_[si];
    if (s.relation == Relation::unrelated) continue;
    bool local_allow = false, local_deny = false;
    std::vector<Reason> local_allows, local_denies;
    if (s.role) {
      const ir::OrgScope scope = scope_of(s.relation);
      facts_.for_each_in_closure(*s.role, [&](std::uint32_t q) {
        const facts::ScopeFacts& own = facts_.own(ir::RoleId{q}, scope);
        if (!own.may_allow.contains(p) && !own.may_deny.contains(p)) return;
        for (const auto& c : own.contributions) {
          if (!c.permissions->contains(p)) continue;
          Reason r;
          r.source = si;
          r.rule = c.rule;
          r.role = ir::RoleId{q};
          r.level = c.level;
          const ir::Truth t = evaluate(c.when, s.relation);
          if (c.kind == facts::Contribution::Kind::deny) {
            if (t != ir::Truth::false_) {
              local_deny = true;
              r.effect = Effect::deny;
              r.code = ReasonCode::role_deny;
              keep(local_denies, r);
            } else {
              r.code = ReasonCode::condition_false;
              r.condition = c.when;
              r.truth = t;
              keep(infos, r);
            }
            continue;
          }
          if (t != ir::Truth::true_) {
            r.code = ReasonCode::condition_false;
            r.condition = c.when;
            r.truth = t;
            keep(infos, r);
            continue;
          }
          std::optional<ir::RequirementId> unmet;
          for (auto req : c.requirements)
            if (!requirement_holds(req)) {
              unmet = req;
              break;
            }
          if (!unmet && c.level && !level_effective(*c.level))
            for (auto req : facts_.level_requirements(*c.level))
              if (!requirement_holds(req)) {
                unmet = req;
                break;
              }
          if (unmet) {
            r.code = ReasonCode::requirement_unmet;
            r.requirement = unmet;
            keep(infos, r);
            continue;
          }
          local_allow = true;
          r.effect = Effect::allow;
          r.code = c.kind == facts::Contribution::Kind::level ? ReasonCode::level : ReasonCode::permit;
          keep(local_allows, r);
        }
      });
    }
    // Reasons about a grant source cite the source, its grant and its template.
    auto about_grant = [&](Effect e, ReasonCode code) {
      Reason r = reason(e, code);
      r.source = si;
      r.grant = s.grant;
      r.template_ = s.template_;
      return r;
    };
    if (s.kind == SourceRef::Kind::grant_custom && custom_[si].contains(p)) {
      local_allow = true;
      keep(local_allows, about_grant(Effect::allow, ReasonCode::grant_custom));
    }
    if (s.template_) {
      const ir::GrantTemplate& t = policy_[*s.template_];
      for (auto d : t.denies) {
        const ir::Rule& rule = policy_[d];
        if (!rule.permissions.contains(p) || evaluate(rule.when.id, s.relation) == ir::Truth::false_) continue;
        local_deny = true;
        Reason r = about_grant(Effect::deny, ReasonCode::template_deny);
        r.rule = d;
        keep(local_denies, r);
      }
      if (local_allow && options_.ceiling && t.ceiling_grantor && !grantor(*s.grant).allows(p)) {
        // The cut allows are no allows: under deny_overrides they would otherwise be reported
        // as the reasons of an allow that another source gave.
        local_allow = false;
        local_allows.clear();
        keep(denies, about_grant(Effect::deny, ReasonCode::above_grantor_access));
      }
    }
    if (permissive) {
      if (local_allow && !local_deny) {
        any_allow = true;
        if (with_reasons) allows.insert(allows.end(), local_allows.begin(), local_allows.end());
      } else if (local_allow && with_reasons) {
        // Beaten inside its own source (a role's deny subtracts from that role only).
        denies.insert(denies.end(), local_denies.begin(), local_denies.end());
        beaten.insert(beaten.end(), local_allows.begin(), local_allows.end());
      }
    } else {
      any_allow = any_allow || local_allow;
      any_deny = any_deny || local_deny;
      if (with_reasons) {
        allows.insert(allows.end(), local_allows.begin(), local_allows.end());
        denies.insert(denies.end(), local_denies.begin(), local_denies.end());
      }
    }
  }

  bool forbidden = false;
  for (std::uint32_t fi = 0; fi < policy_.forbids.size(); ++fi) {
    const ir::Forbid& f = policy_.forbids[fi];
    if (!f.covers.contains(p) || !forbid_selects(f)) continue;
    const ir::Truth ft = evaluate(f.when.id, std::nullopt);
    if (ft == ir::Truth::false_) {
      Reason r = reason(Effect::info, ReasonCode::condition_false);
      r.forbid = ir::ForbidId{fi};
      r.condition = f.when.id;
      r.truth = ft;
      keep(infos, r);
      continue;
    }
    for (auto d : f.denies) {
      const ir::Rule& rule = policy_[d];
      if (!rule.permissions.contains(p) || evaluate(rule.when.id, std::nullopt) == ir::Truth::false_) continue;
      forbidden = true;
      Reason r = reason(Effect::deny, ReasonCode::forbid);
      r.forbid = ir::ForbidId{fi};
      r.rule = d;
      keep(denies, r);
    }
  }

  Outcome out;
  out.allow = any_allow && !any_deny && !forbidden;
  if (!with_reasons) return out;
  auto overridden = [&](Reason a) {
    a.effect = Effect::info;
    a.code = a.code == ReasonCode::permit ? ReasonCode::overridden_permit
             : a.code == ReasonCode::level ? ReasonCode::overridden_level
                                           : ReasonCode::overridden_grant_custom;
    out.reasons.push_back(std::move(a));
  };
  if (out.allow) {
    for (auto& a : allows) out.reasons.push_back(std::move(a));
  } else {
    if (denies.empty() && !any_allow) out.reasons.push_back(reason(Effect::deny, ReasonCode::no_rule));
    for (auto& d : denies) out.reasons.push_back(std::move(d));
    // Overridden allows stay visible to the auditor as information.
    for (auto& a : allows) overridden(std::move(a));
  }
  for (auto& a : beaten) overridden(std::move(a));
  out.reasons.insert(out.reasons.end(), infos.begin(), infos.end());
  out.reasons.insert(out.reasons.end(), notes_.begin(), notes_.end());
  return out;
}

Decision View::decide(ir::PermissionId p) const {
  Outcome o = judge(p, true);
  return Decision{o.allow, p, sources_, std::move(o.reasons)};
}

bool View::allows(ir::PermissionId p) const { return judge(p, false).allow; }

ir::PermissionSet View::allowed() const {
  const bool permissive = policy_.combining == ir::Combining::permissive;
  ir::PermissionSet allowed, any_allow, any_deny;
  for (std::size_t si = 0; si < sources_.size(); ++si) {
    const SourceRef& s = sources_[si];
    if (s.relation == Relation::unrelated) continue;
    ir::PermissionSet allow_s, deny_s;
    if (s.role) {
      const ir::OrgScope scope = scope_of(s.relation);
      facts_.for_each_in_closure(*s.role, [&](std::uint32_t q) {
        for (const auto& c : facts_.own(ir::RoleId{q}, scope).contributions) {
          const ir::Truth t = evaluate(c.when, s.relation);
          if (c.kind == facts::Contribution::Kind::deny) {
            if (t != ir::Truth::false_) deny_s |= *c.permissions;
            continue;
          }
          if (t != ir::Truth::true_) continue;
          if (!std::all_of(c.requirements.begin(), c.requirements.end(), [&](ir::RequirementId r) { return requirement_holds(r); })) continue;
          if (c.level && !level_effective(*c.level)) continue;
          allow_s |= *c.permissions;
        }
      });
    }
    if (s.kind == SourceRef::Kind::grant_custom) allow_s |= custom_[si];
    if (s.template_) {
      const ir::GrantTemplate& t = policy_[*s.template_];
      for (auto d : t.denies)
        if (evaluate(policy_[d].when.id, s.relation) != ir::Truth::false_) deny_s |= policy_[d].permissions;
      if (options_.ceiling && t.ceiling_grantor) allow_s &= grantor(*s.grant).allowed();
    }
    if (permissive) allowed |= allow_s - deny_s;
    any_allow |= allow_s;
    any_deny |= deny_s;
  }
  if (!permissive) allowed = any_allow - any_deny;
  for (const ir::Forbid& f : policy_.forbids) {
    if (!forbid_selects(f) || evaluate(f.when.id, std::nullopt) == ir::Truth::false_) continue;
    for (auto d : f.denies)
      if (evaluate(policy_[d].when.id, std::nullopt) != ir::Truth::false_) allowed -= policy_[d].permissions;
  }
  return allowed;
}

}  // namespace writ::eval
