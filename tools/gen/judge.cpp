// See judge.hpp. The sources of a principal are gathered as docs/semantics.md §2 lists them
// (bindings §2.2, automatic roles §2.3, live grants §6.1, implicit grants §6.3); each proof then
// reads them. Section numbers below are those of semantics.md.
#include "tools/gen/judge.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace writ::gen {

struct Judge::Source {
  enum class Kind : std::uint8_t { binding, automatic, grant_role, grant_custom, implicit };
  Kind kind = Kind::binding;
  int role = -1;
  Facts::Closure closure;
  int held = -1;
  Relation rel = Relation::unrelated;
  int grant = -1;  ///< index into View::grants
  int tmpl = -1;
};

struct Judge::View {
  gen::Kind kind = gen::Kind::internal;
  bool named = true;
  std::optional<bool> is_owner;  ///< §5: unknown unless both the id and the resource's owner are given
  int home = -1;
  std::vector<Binding> roles;
  std::vector<GrantInstance> grants;
  int target = 0;
  int fake_parent = -1;
  std::int64_t at = 0;
  const Context* context = nullptr;
  const std::vector<Attribute>* attributes = nullptr;
  Reach reach;
  bool has_grant = false;
  std::vector<Source> sources;
  std::vector<int> levels;  ///< levels held at the target (§3.4), from every reaching role source

  [[nodiscard]] Env env(std::optional<Relation> rel) const {
    return Env{attributes, context, kind_name(kind), named, has_grant, rel, is_owner};
  }
  /// One of `roles` (or a role extending one) is held through a binding or an automatic role, at
  /// any organization: the grantee requirement of templates and implicit grants (§6.1, §6.3).
  [[nodiscard]] bool holds_assigned(const std::vector<int>& roles) const;
};

namespace {

int scope_of(Relation r) { return r == Relation::self ? 0 : 1; }

bool intersects(const std::vector<int>& closure, const std::vector<int>& roles) {
  for (int r : closure)
    if (std::find(roles.begin(), roles.end(), r) != roles.end()) return true;
  return false;
}

}  // namespace

bool Judge::View::holds_assigned(const std::vector<int>& roles) const {
  for (const auto& src : sources)
    if ((src.kind == Source::Kind::binding || src.kind == Source::Kind::automatic) && intersects(*src.closure, roles)) return true;
  return false;
}

namespace {

/// §6.1 checks 1-6: `passes` when checks 1-5 pass (so forbid rules selecting the template
/// match), `live` when the organization is within the template's scope as well.
struct Status {
  bool passes = false;
  bool live = false;
  int org = -1;
  Relation rel = Relation::unrelated;
};

/// §6.1 checks 2-5 (revocation, window, grantee kind); the template exists by construction.
bool passes_checks(const Template& t, const GrantInstance& g, std::int64_t at, Kind kind) {
  std::optional<std::int64_t> end = g.to;
  if (!end && g.from && t.default_duration) end = *g.from + *t.default_duration;
  if (g.revoked || (g.from && at < *g.from) || (!g.to && t.valid_to_required) || (end && at >= *end)) return false;
  if (t.max_duration) {
    // The maximum binds at every decision: [start, start + max), start = valid_from, else
    // valid_to - max; neither bound: nothing. (Generated windows stay far from int64's edges.)
    if (!g.from && !g.to) return false;
    const std::int64_t start = g.from ? *g.from : *g.to - *t.max_duration;
    if (at < start || at >= start + *t.max_duration) return false;
  }
  return t.grantee_kinds == 0 || has(t.grantee_kinds, kind);
}

/// The grantor of a grant as a principal of its own (§6.2): its kind, account type and current
/// roles, in the same instant and context.
Setup grantor_of(const GrantInstance& g, std::int64_t at, const Context& context) {
  Setup s;
  s.kind = g.grantor_kind;
  s.named = g.grantor_named;
  s.roles = g.grantor_roles;
  s.at = at;
  s.context = context;
  return s;
}

}  // namespace

std::string Judge::org_name(int org) const { return org >= 0 ? m_.orgs[org].name : "a new organization below"; }

Relation Judge::relation(int held, int target, int fake_parent) const {
  if (held == target) return Relation::self;
  int up = target == -2 ? fake_parent : m_.orgs[target].parent;
  for (int o = up; o >= 0; o = m_.orgs[o].parent)
    if (o == held) return Relation::descendant;
  return Relation::unrelated;
}

Judge::View Judge::view(const Setup& s, int target, Reach reach, int fake_parent) const {
  View v;
  v.kind = s.kind;
  v.named = s.named;
  if (!s.id.empty() && s.owner) v.is_owner = *s.owner == s.id;
  v.home = s.home;
  v.roles = s.roles;
  v.grants = s.grants;
  v.target = target;
  v.fake_parent = fake_parent;
  v.at = s.at;
  v.context = &s.context;
  v.attributes = &m_.attributes;
  v.reach = reach;

  auto status = [&](const GrantInstance& g) {
    Status st;
    const Template& t = m_.templates[g.template_];
    st.org = g.org >= 0 ? g.org : v.target;
    st.rel = relation(st.org, v.target, v.fake_parent);
    if (v.reach.check_grants && !passes_checks(t, g, v.at, v.kind)) return st;
    st.passes = true;
    st.live = t.scope_descendants ? st.rel != Relation::unrelated : st.rel == Relation::self;
    return st;
  };
  // §2.2: holders bind every source (bindings, automatic roles, grants, implicit grants).
  auto holder_ok = [&](int role) {
    const Role& r = m_.roles[role];
    return has(r.holders, v.kind) && !(r.named_accounts && !v.named);
  };
  auto add = [&](Source::Kind k, int role, int held, Relation rel, int grant, int tmpl) {
    Source src;
    src.kind = k;
    src.role = role;
    if (role >= 0) src.closure = f_.closure(role);
    src.held = held;
    src.rel = rel;
    src.grant = grant;
    src.tmpl = tmpl;
    v.sources.push_back(std::move(src));
  };
  if (v.reach.grants)
    for (const auto& g : v.grants) v.has_grant |= status(g).live;

  // §2.2 bindings: a binding the principal may not hold gives nothing; an unrelated one is kept
  // (it still makes the principal hold the role, for forbid rules and implicit grants).
  for (const auto& b : v.roles) {
    if (!holder_ok(b.role)) continue;
    int held = b.org >= 0 ? b.org : v.target;
    add(Source::Kind::binding, b.role, held, relation(held, v.target, v.fake_parent), -1, -1);
  }
  // §2.3 automatic roles, at the home organization.
  if (v.reach.automatic)
    for (int a : f_.automatic_roles()) {
      if (!holder_ok(a)) continue;
      int held = v.home >= 0 ? v.home : v.target;
      add(Source::Kind::automatic, a, held, relation(held, v.target, v.fake_parent), -1, -1);
    }
  // §6.1 live grants whose scope condition and preconditions hold.
  if (v.reach.grants)
    for (std::size_t gi = 0; gi < v.grants.size(); ++gi) {
      const GrantInstance& g = v.grants[gi];
      Status st = status(g);
      if (!st.live) continue;
      const Template& t = m_.templates[g.template_];
      if (v.reach.check_grants) {
        Env e = v.env(st.rel);
        if (!holds(t.scope_when, e)) continue;
        if (std::any_of(t.preconditions.begin(), t.preconditions.end(), [&](const Cond& c) { return evaluate(c, e) != Truth::true_; }))
          continue;
        if (!t.grantee_requires.empty() && !v.holds_assigned(t.grantee_requires)) continue;
      }
      for (int r : g.roles)
        if (std::find(t.grantable.begin(), t.grantable.end(), r) != t.grantable.end() && holder_ok(r))
          add(Source::Kind::grant_role, r, st.org, st.rel, static_cast<int>(gi), g.template_);
      if (!g.custom.empty() && t.custom) add(Source::Kind::grant_custom, -1, st.org, Relation::self, static_cast<int>(gi), g.template_);
    }
  // §6.3 implicit grants: kind, a trigger role held through a binding or automatic role, and per
  // trigger the request names at an organization H reaching the target, `when` (with
  // target.relation = relation(H, T)); the roles are held at H.
  if (v.reach.implicit)
    for (std::size_t ii = 0; ii < m_.implicits.size(); ++ii) {
      const Implicit& ig = m_.implicits[ii];
      if (ig.grantee_kinds != 0 && !has(ig.grantee_kinds, v.kind)) continue;
      if (!ig.grantee_roles.empty() && !v.holds_assigned(ig.grantee_roles)) continue;
      for (const auto& trig : s.triggers) {
        if (trig.implicit != static_cast<int>(ii)) continue;
        const int held = trig.org >= 0 ? trig.org : v.target;
        const Relation rel = relation(held, v.target, v.fake_parent);
        if (rel == Relation::unrelated || !holds(ig.when, v.env(rel))) continue;
        for (int r : ig.grants)
          if (holder_ok(r)) add(Source::Kind::implicit, r, held, rel, -1, -1);
      }
    }
  for (const auto& src : v.sources) {
    if (src.role < 0 || src.rel == Relation::unrelated) continue;
    for (int r : *src.closure)
      for (const auto& la : m_.roles[r].at[scope_of(src.rel)].levels) v.levels.push_back(la.level);
  }
  return v;
}

Judge::View Judge::grantor_view(const View& of, const GrantInstance& g) const {
  // §6.2: with its automatic roles, no grants, no implicit grants; same place.
  Setup s = grantor_of(g, of.at, {});
  View v = view(s, of.target, Reach{true, false, false, true, true}, of.fake_parent);
  v.context = of.context;
  return v;
}

bool Judge::requirements_surely(const View& v, const std::vector<Requirement>& reqs) const {
  for (const auto& req : reqs) {
    bool met = std::any_of(v.levels.begin(), v.levels.end(), [&](int l) {
      return m_.levels[l].module == req.module && f_.at_least(l, req.level) && f_.level_requirements(l).empty();
    });
    if (!met) return false;
  }
  return true;
}

bool Judge::requirements_maybe(const View& v, const std::vector<Requirement>& reqs) const {
  for (const auto& req : reqs)
    if (std::none_of(v.levels.begin(), v.levels.end(), [&](int l) { return m_.levels[l].module == req.module && f_.at_least(l, req.level); }))
      return false;
  return true;
}

bool Judge::role_gives(const View& v, const std::vector<int>& closure, int scope, const Env& env, int perm, bool sure) const {
  // Surely: requirements met by levels that need nothing else. Maybe: met by any level >= it.
  auto met = [&](const std::vector<Requirement>& reqs) { return sure ? requirements_surely(v, reqs) : requirements_maybe(v, reqs); };
  for (int r : closure) {
    const ScopeBlock& block = m_.roles[r].at[scope];
    for (const auto& p : block.permits)
      if (contains(m_, p.pattern, perm) && holds(p.when, env) && met(p.requires_)) return true;
    for (const auto& la : block.levels) {
      if (!met(f_.level_requirements(la.level))) continue;
      for (const auto& lr : f_.level_rules(la.level))
        if (contains(m_, lr.rule->pattern, perm) && !(lr.read_cut && m_.is_write(perm)) && holds(lr.rule->when, env) && met(lr.rule->requires_))
          return true;
    }
  }
  return false;
}

bool Judge::role_surely_denies(const std::vector<int>& closure, int scope, const Env& env, int perm) const {
  for (int r : closure)
    for (const auto& d : m_.roles[r].at[scope].denies)
      if (contains(m_, d.pattern, perm) && may_apply(d.when, env)) return true;
  return false;
}

bool Judge::surely_allows(const View& v, int perm, std::string* why) const {
  // No deny or forbid anywhere names it, so one source that surely gives it decides (§2).
  if (f_.denied_somewhere(perm)) return false;
  for (const auto& src : v.sources) {
    if (src.rel == Relation::unrelated) continue;
    const Env env = v.env(src.rel);
    bool gives = false;
    if (src.role >= 0) gives = role_gives(v, *src.closure, scope_of(src.rel), env, perm, true);
    else
      for (const auto& p : v.grants[src.grant].custom) gives |= contains(m_, p, perm);
    if (!gives) continue;
    if (src.tmpl >= 0 && v.reach.ceiling && m_.templates[src.tmpl].ceiling &&
        !surely_allows(grantor_view(v, v.grants[src.grant]), perm, nullptr))
      continue;  // §6.2: only what the grantor surely holds now
    if (why) {
      std::string what = src.role >= 0 ? "role " + m_.roles[src.role].name : "custom permission";
      switch (src.kind) {
        case Source::Kind::binding: *why = fmt::format("{} held at {} gives it", what, org_name(src.held)); break;
        case Source::Kind::automatic: *why = fmt::format("automatic {} gives it", what); break;
        case Source::Kind::grant_role:
        case Source::Kind::grant_custom:
          *why = fmt::format("a live grant of {} ({}) gives it, within its grantor's access", m_.templates[src.tmpl].name, what);
          break;
        case Source::Kind::implicit: *why = fmt::format("an implicit grant of {}, triggered at {}, gives it", what, org_name(src.held)); break;
      }
      *why += "; no deny or forbid names it";
    }
    return true;
  }
  return false;
}

bool Judge::forbid_selects(const View& v, const Forbid& f) const {
  for (const auto& sel : f.applies_to) {
    switch (sel.kind) {
      case Selector::Kind::anyone: return true;
      case Selector::Kind::kind:
        if (sel.principal_kind == v.kind) return true;
        break;
      case Selector::Kind::role:  // held through any source, at any organization (§5.3)
        for (const auto& src : v.sources)
          if (src.role >= 0 && std::find(src.closure->begin(), src.closure->end(), sel.id) != src.closure->end()) return true;
        break;
      case Selector::Kind::template_:
        for (const auto& g : v.grants)  // checks 1-5 of §6.1 only, whatever the scope
          if (g.template_ == sel.id && (!v.reach.check_grants || passes_checks(m_.templates[g.template_], g, v.at, v.kind))) return true;
        break;
      case Selector::Kind::level:
        if (std::find(v.levels.begin(), v.levels.end(), sel.id) != v.levels.end()) return true;
        break;
    }
  }
  return false;
}

bool Judge::surely_denies(const View& v, int perm, std::string* why) const {
  // A forbid rule that selects the principal and whose conditions are not false (§5.3).
  const Env none = v.env(std::nullopt);
  for (const auto& f : m_.forbids) {
    bool hit = std::any_of(f.denies.begin(), f.denies.end(), [&](const Rule& d) { return contains(m_, d.pattern, perm) && may_apply(d.when, none); });
    if (!hit || !may_apply(f.when, none) || !forbid_selects(v, f)) continue;
    if (why) *why = fmt::format("forbid {} applies to the principal and names it", f.name);
    return true;
  }
  // Otherwise every source that might give it must take it away again (§2 combining).
  bool blocked = true, any_deny = false, any_maybe = false;
  for (const auto& src : v.sources) {
    if (src.rel == Relation::unrelated) continue;
    const Env env = v.env(src.rel);
    const int scope = scope_of(src.rel);
    bool may = false, denies = false;
    if (src.role >= 0) {
      may = role_gives(v, *src.closure, scope, env, perm, false);
      denies = role_surely_denies(*src.closure, scope, env, perm);
    } else {
      for (const auto& p : v.grants[src.grant].custom) may |= contains(m_, p, perm);
    }
    if (src.tmpl >= 0) {
      const Template& t = m_.templates[src.tmpl];
      for (const auto& d : t.denies) denies |= contains(m_, d.pattern, perm) && may_apply(d.when, env);
      if (may && v.reach.ceiling && t.ceiling && surely_denies(grantor_view(v, v.grants[src.grant]), perm, nullptr)) may = false;
    }
    any_deny |= denies;
    any_maybe |= may;
    if (may && !denies) blocked = false;
  }
  if (m_.deny_overrides && any_deny) {
    if (why) *why = "a deny of a role the principal holds applies (deny_overrides)";
    return true;
  }
  if (blocked && why) *why = any_maybe ? "every role that gives it also denies it" : "nothing the principal holds gives it";
  return blocked;
}

Verdict Judge::request(const Setup& s, int perm, std::string* why) const {
  View v = view(s, s.target, Reach{});
  std::string a, d;
  bool allow = surely_allows(v, perm, &a);
  bool deny = surely_denies(v, perm, &d);
  if (allow && deny) ++conflicts_;
  if (allow == deny) return Verdict::unknown;
  if (why) *why = allow ? a : d;
  return allow ? Verdict::allow : Verdict::deny;
}

Verdict Judge::assign(const Setup& s, int role, int org, std::string* why) const {
  // §8: exact, since the sources are.
  const Role& r = m_.roles[role];
  if (r.automatic) {
    if (why) *why = "automatic roles are assigned by nobody";
    return Verdict::deny;
  }
  View v = view(s, org >= 0 ? org : s.target, Reach{});
  for (const auto& a : r.assigned_by) {
    if (a.anyone) {
      if (holds(a.when, v.env(std::nullopt))) return Verdict::allow;
      continue;
    }
    for (const auto& src : v.sources)
      if (src.role >= 0 && src.rel != Relation::unrelated && intersects(*src.closure, a.roles) && holds(a.when, v.env(src.rel))) {
        if (why) *why = fmt::format("role {} held at {} may assign it", m_.roles[src.role].name, org_name(src.held));
        return Verdict::allow;
      }
  }
  if (why) *why = "no role the principal holds there may assign it";
  return Verdict::deny;
}

ValidationVerdict Judge::validate(const Setup& s, const GrantInstance& g) const {
  ValidationVerdict out;
  auto report = [&](const char* code) {
    if (std::find(out.codes.begin(), out.codes.end(), code) == out.codes.end()) out.codes.emplace_back(code);
  };
  const Template& t = m_.templates[g.template_];
  const int G = g.org >= 0 ? g.org : s.target;
  const Reach grantor_reach{true, false, false, true, true};
  const Setup grantor_setup = grantor_of(g, s.at, s.context);
  {
    View gv = view(grantor_setup, G, grantor_reach);
    bool authorized = false;
    for (const auto& a : t.granted_by) {
      if (a.anyone) {
        authorized |= holds(a.when, gv.env(std::nullopt));
        continue;
      }
      for (const auto& src : gv.sources)
        if (src.role >= 0 && src.rel != Relation::unrelated && intersects(*src.closure, a.roles) && holds(a.when, gv.env(src.rel)))
          authorized = true;
    }
    if (!authorized) report("grantor_not_allowed");
  }
  if (t.grantee_kinds != 0 && !has(t.grantee_kinds, s.kind)) report("grantee_kind_not_allowed");
  if (!t.grantee_id.empty() && g.grantee_id.empty()) report("missing_field");
  for (int r : g.roles) {
    if (std::find(t.grantable.begin(), t.grantable.end(), r) == t.grantable.end()) report("role_not_grantable");
    if (m_.roles[r].named_accounts && !s.named) report("named_account_required");
  }
  if (!g.custom.empty()) {
    if (!t.custom) report("custom_not_allowed");
    else
      for (const auto& d : t.denies)
        for (const auto& c : g.custom)
          for (int p : members(m_, c))
            if (contains(m_, d.pattern, p)) report("forbidden_permission");
  }
  if (g.roles.empty() && g.custom.empty()) report("nothing_granted");
  if (t.valid_from_required && !g.from) report("missing_valid_from");
  if (t.valid_to_required && !g.to) report("missing_valid_to");
  if (g.from && g.to && *g.to <= *g.from) report("window_inverted");
  else if (t.max_duration) {
    std::int64_t start = g.from.value_or(s.at);
    std::optional<std::int64_t> end = g.to;
    if (!end && t.default_duration) end = start + *t.default_duration;
    if (!end || *end - start > *t.max_duration) report("duration_above_max");
  }
  for (const auto& fd : t.fields) {
    auto it = g.fields.find(fd.name);
    if (fd.required && (it == g.fields.end() || it->second.empty())) report("missing_field");
  }
  for (const auto& [name, value] : g.fields)
    if (std::none_of(t.fields.begin(), t.fields.end(), [&](const Field& fd) { return fd.name == name; })) report("unknown_field");
  {
    // Conditions are about the grantee's account now, without the grant (has_grant false).
    Setup grantee = s;
    grantee.grants.clear();
    View ev = view(grantee, G, Reach{true, false, false, true, true});
    for (const auto& c : t.preconditions)
      if (evaluate(c, ev.env(std::nullopt)) != Truth::true_) report("precondition_failed");
    if (!t.grantee_requires.empty() && !ev.holds_assigned(t.grantee_requires)) report("grantee_role_missing");
    if (t.scope_when && !holds(t.scope_when, ev.env(Relation::self))) report("scope_outside_template");
  }
  if (g.org >= 0) {
    Relation rel = relation(g.org, s.target);
    if (t.scope_descendants ? rel == Relation::unrelated : rel != Relation::self) report("scope_outside_template");
  }
  if (!t.ceiling) return out;
  // §7 above_grantor_access: what the grant alone gives at G (and below G for `scope
  // descendants`) must be held by the grantor there.
  bool above = false;
  for (int pass = 0; pass < (t.scope_descendants ? 2 : 1) && !above; ++pass) {
    const int target = pass == 0 ? G : -2;
    const int fake = pass == 0 ? -1 : G;
    Setup only;
    only.kind = s.kind;
    only.named = s.named;
    only.at = s.at;
    only.context = s.context;
    GrantInstance g2 = g;
    g2.org = G;
    only.grants.push_back(g2);
    View ov = view(only, target, Reach{false, true, false, false, false}, fake);
    ov.context = &s.context;
    View gv = view(grantor_setup, target, grantor_reach, fake);
    gv.context = &s.context;
    std::vector<char> seen(m_.permissions.size(), 0);
    auto consider = [&](const Pattern& p, bool cut) {
      for (int perm = p.lo; perm < p.hi && !above; ++perm) {
        if (seen[perm] || !contains(m_, p, perm) || (cut && m_.is_write(perm))) continue;
        seen[perm] = 1;
        bool held = false;
        if (!f_.denied_somewhere(perm))
          for (const auto& src : gv.sources)
            if (src.role >= 0 && src.rel != Relation::unrelated && f_.sure_set(src.role, scope_of(src.rel)).test(perm)) held = true;
        if (held || surely_allows(gv, perm, nullptr)) continue;
        if (surely_allows(ov, perm, nullptr) && surely_denies(gv, perm, nullptr)) above = true;
        else if (!surely_denies(ov, perm, nullptr)) out.ceiling_known = false;
      }
    };
    for (const auto& src : ov.sources) {
      if (src.rel == Relation::unrelated) continue;
      if (src.role < 0) {
        for (const auto& c : ov.grants[src.grant].custom) consider(c, false);
        continue;
      }
      for (int r : *src.closure) {
        const ScopeBlock& block = m_.roles[r].at[scope_of(src.rel)];
        for (const auto& p : block.permits) consider(p.pattern, false);
        for (const auto& la : block.levels)
          for (const auto& lr : f_.level_rules(la.level)) consider(lr.rule->pattern, lr.read_cut);
      }
    }
  }
  if (above) {
    report("above_grantor_access");
    out.ceiling_known = true;
  }
  return out;
}

}  // namespace writ::gen
