// The decision engine: docs/semantics.md §2-§6 over a validated table, mirroring the reference
// interpreter (compiler/eval/view.cpp) step by step so the two agree on every answer and on the
// first reason. Everything lives in fixed-size arrays on the stack (no allocation, no recursion
// except the one level of the §6.2 grantor, who holds no grants). A request beyond those bounds
// is an error deny (Code::limit_exceeded), never a partial answer.
#include <limits>

#include "engine.hpp"
#include "fast_path.hpp"

namespace writ::runtime {
namespace {

bool kind_in(std::uint32_t mask, PrincipalKind k) { return mask == 0 || (mask >> static_cast<unsigned>(k) & 1u); }

bool checked_add(std::int64_t a, std::int64_t b, std::int64_t& out) { return !__builtin_add_overflow(a, b, &out); }
bool checked_sub(std::int64_t a, std::int64_t b, std::int64_t& out) { return !__builtin_sub_overflow(a, b, &out); }

}  // namespace

std::uint8_t relation_of(const Request& rq, std::uint32_t held) {
  const std::uint32_t target = rq.target_org;
  if (held == target) return kSelf;
  if (rq.orgs == nullptr) return kUnrelated;
  return rq.orgs->relation(held, target);
}

Engine::Engine(const Table::Impl& t, const Request& rq, bool with_grants, bool grant_alone) : t_(t), rq_(rq), grant_alone_(grant_alone) {
  if (with_grants) {
    if (rq.grant_count > kMaxGrants) {
      overflow_ = true;
      return;
    }
    for (std::uint32_t i = 0; i < rq.grant_count; ++i) {
      grant_live_[i] = grant_status(rq.grants[i], grant_rel_[i], grant_live_but_scope_[i]);
      has_grant_ = has_grant_ || grant_live_[i];
    }
  }
  collect_bindings();
  if (!grant_alone_) collect_automatic();
  if (with_grants) {
    collect_grants();
    if (!grant_alone_) collect_implicit();
  }
  compute_effective();
}

bool Engine::holder_ok(std::uint32_t role) const {
  if (!kind_in(t_.w(fmt::kRoles, role, rf::role_holders), rq_.kind)) return false;
  return !(t_.w(fmt::kRoles, role, rf::role_named) != 0 && !rq_.named);
}

void Engine::add_source(Source::Kind kind, std::uint32_t role, std::uint32_t org, std::uint8_t relation, std::uint32_t grant,
                        std::uint32_t template_id) {
  if (n_sources_ == kMaxSources) {
    overflow_ = true;
    return;
  }
  sources_[n_sources_++] = Source{kind, role, org, relation, grant, template_id};
  const Source& s = sources_[n_sources_ - 1];
  if (s.role == kNone || s.relation == kUnrelated) return;
  // §3.4: the levels a reaching source assigns at its scope, through the closure.
  const std::uint32_t scope = s.relation == kSelf ? 0 : 1;
  const auto coff = t_.w(fmt::kRoles, s.role, rf::role_closure), cn = t_.w(fmt::kRoles, s.role, rf::role_closure + 1);
  for (std::uint32_t i = 0; i < cn; ++i) {
    const auto q = t_.u32(coff + i);
    const auto loff = t_.w(fmt::kRoles, q, rf::role_scope + 4 * scope + 2), ln = t_.w(fmt::kRoles, q, rf::role_scope + 4 * scope + 3);
    for (std::uint32_t k = 0; k < ln; ++k) {
      const auto l = t_.u32(loff + k);
      bool seen = false;
      for (std::uint32_t h = 0; h < n_held_ && !seen; ++h) seen = held_[h] == l;
      if (seen) continue;
      if (n_held_ == kMaxHeldLevels) {
        overflow_ = true;
        return;
      }
      held_[n_held_++] = l;
    }
  }
}

void Engine::collect_bindings() {
  for (std::uint32_t i = 0; i < rq_.role_count; ++i) {
    const Binding& b = rq_.roles[i];
    if (b.role >= t_.n_roles || !holder_ok(b.role)) continue;
    const std::uint32_t at = b.org == kNone ? rq_.target_org : b.org;
    add_source(Source::binding, b.role, at, relation_of(rq_, at), kNone, kNone);
  }
}

void Engine::collect_automatic() {
  const auto off = t_.w(fmt::kPolicy, 0, 14), n = t_.w(fmt::kPolicy, 0, 15);
  const std::uint32_t at = rq_.home_org == kNone ? rq_.target_org : rq_.home_org;
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto r = t_.u32(off + i);
    if (!holder_ok(r)) continue;
    add_source(Source::automatic, r, at, relation_of(rq_, at), kNone, kNone);
  }
}

// §6.1 checks 1-6; `rel` gets the relation of the target to the grant's organization.
bool Engine::grant_status(const Grant& g, std::uint8_t& rel, bool& live_but_scope) const {
  live_but_scope = false;
  rel = kUnrelated;
  if (g.template_id >= t_.n_templates) return false;
  const std::uint32_t t = g.template_id;
  const std::uint32_t org = g.org == kNone ? rq_.target_org : g.org;
  rel = relation_of(rq_, org);
  const std::int64_t at = rq_.at;
  if (grant_alone_) {
    live_but_scope = true;
    return t_.w(fmt::kTemplates, t, rf::t_scope) == 0 ? rel == kSelf : rel != kUnrelated;
  }
  if (g.revoked) return false;
  if (g.has_valid_from && at < g.valid_from) return false;
  if (!g.has_valid_to && t_.w(fmt::kTemplates, t, rf::t_valid_to) == 0 /* required */) return false;
  bool has_start = g.has_valid_from, has_end = g.has_valid_to;
  std::int64_t start = g.valid_from, end = g.valid_to;
  if (!has_end && has_start && t_.w(fmt::kTemplates, t, rf::t_has_default)) has_end = checked_add(start, t_.w64(fmt::kTemplates, t, rf::t_default), end);
  if (t_.w(fmt::kTemplates, t, rf::t_has_max)) {
    const std::int64_t max = t_.w64(fmt::kTemplates, t, rf::t_max);
    if (has_start) {
      std::int64_t cap;
      if (checked_add(start, max, cap) && (!has_end || cap < end)) {
        end = cap;
        has_end = true;
      }
    } else if (has_end) {
      if (!checked_sub(end, max, start)) start = std::numeric_limits<std::int64_t>::min();
      has_start = true;
    } else {
      return false;  // no bound to count the maximum from: gives nothing
    }
  }
  if (has_start && at < start) return false;
  if (has_end && at >= end) return false;
  if (!kind_in(t_.w(fmt::kTemplates, t, rf::t_kinds), rq_.kind)) return false;
  live_but_scope = true;
  return t_.w(fmt::kTemplates, t, rf::t_scope) == 0 ? rel == kSelf : rel != kUnrelated;
}

bool Engine::holds_role(std::uint32_t role, bool assigned_only) const {
  for (std::uint32_t i = 0; i < n_sources_; ++i) {
    const Source& s = sources_[i];
    if (s.role == kNone) continue;
    if (assigned_only && s.kind != Source::binding && s.kind != Source::automatic) continue;
    if (reaches(s.role, role)) return true;
  }
  return false;
}

bool Engine::reaches(std::uint32_t held, std::uint32_t role) const {
  const auto off = t_.w(fmt::kRoles, held, rf::role_closure), n = t_.w(fmt::kRoles, held, rf::role_closure + 1);
  for (std::uint32_t i = 0; i < n; ++i)
    if (t_.u32(off + i) == role) return true;
  return false;
}

bool Engine::any_role_held(std::uint32_t off, std::uint32_t n) const {
  for (std::uint32_t i = 0; i < n; ++i)
    if (holds_role(t_.u32(off + i), true)) return true;
  return false;
}

void Engine::collect_grants() {
  for (std::uint32_t i = 0; i < rq_.grant_count; ++i) {
    if (!grant_live_[i]) continue;
    const Grant& g = rq_.grants[i];
    const std::uint32_t t = g.template_id;
    const std::uint8_t rel = grant_rel_[i];
    if (!grant_alone_) {
      if (eval(t_.w(fmt::kTemplates, t, rf::t_scope_when), rel) != Tri::true_) continue;
      bool ok = true;
      const auto poff = t_.w(fmt::kTemplates, t, rf::t_pre), pn = t_.w(fmt::kTemplates, t, rf::t_pre + 1);
      for (std::uint32_t k = 0; k < pn; ++k)
        if (eval(t_.u32(poff + k), kUnrelated) != Tri::true_) ok = false;
      if (!ok) continue;
      const auto roff = t_.w(fmt::kTemplates, t, rf::t_requires), rn = t_.w(fmt::kTemplates, t, rf::t_requires + 1);
      if (rn != 0 && !any_role_held(roff, rn)) continue;
    }
    const std::uint32_t org = g.org == kNone ? rq_.target_org : g.org;
    const auto goff = t_.w(fmt::kTemplates, t, rf::t_grantable), gn = t_.w(fmt::kTemplates, t, rf::t_grantable + 1);
    for (std::uint32_t k = 0; k < g.role_count; ++k) {
      const auto role = g.roles[k];
      if (role >= t_.n_roles) continue;
      bool grantable = false;
      for (std::uint32_t j = 0; j < gn && !grantable; ++j) grantable = t_.u32(goff + j) == role;
      if (!grantable || !holder_ok(role)) continue;
      add_source(Source::grant_role, role, org, rel, i, t);
    }
    if (g.custom_count == 0 && !g.custom_bad) continue;
    if (!t_.w(fmt::kTemplates, t, rf::t_custom) || g.custom_bad || g.custom_count == 0) continue;
    add_source(Source::grant_custom, kNone, org, kSelf, i, t);
  }
}

void Engine::collect_implicit() {
  for (std::uint32_t i = 0; i < rq_.trigger_count; ++i) {
    const TriggerRef& tr = rq_.triggers[i];
    if (tr.implicit >= t_.n_implicits) continue;
    const std::uint32_t ig = tr.implicit;
    if (!kind_in(t_.w(fmt::kImplicits, ig, rf::i_kinds), rq_.kind)) continue;
    const auto roff = t_.w(fmt::kImplicits, ig, rf::i_roles), rn = t_.w(fmt::kImplicits, ig, rf::i_roles + 1);
    if (rn != 0 && !any_role_held(roff, rn)) continue;
    const std::uint32_t at = tr.org == kNone ? rq_.target_org : tr.org;
    const std::uint8_t rel = relation_of(rq_, at);
    if (rel == kUnrelated) continue;
    if (eval(t_.w(fmt::kImplicits, ig, rf::i_when), rel) != Tri::true_) continue;
    const auto goff = t_.w(fmt::kImplicits, ig, rf::i_grants), gn = t_.w(fmt::kImplicits, ig, rf::i_grants + 1);
    for (std::uint32_t k = 0; k < gn; ++k) {
      const auto r = t_.u32(goff + k);
      if (!holder_ok(r)) continue;
      add_source(Source::implicit, r, at, rel, kNone, kNone);
    }
  }
}

// §5.1: what an atom's input reads; false when missing.
bool Engine::read(std::uint32_t atom, std::uint8_t relation, std::int64_t& v) const {
  switch (t_.w(fmt::kAtoms, atom, rf::atom_input)) {
    case fmt::kInAttribute: {
      const auto a = t_.w(fmt::kAtoms, atom, rf::atom_attr);
      if (rq_.context != nullptr && rq_.context[a].present) {
        if (rq_.context[a].ill_typed) return false;
        v = rq_.context[a].value;
        return true;
      }
      if (!t_.w(fmt::kAttributes, a, rf::at_has_default)) return false;
      v = t_.w64(fmt::kAttributes, a, rf::at_default);
      return true;
    }
    case fmt::kInKind: v = static_cast<std::int64_t>(rq_.kind); return true;
    case fmt::kInNamed: v = rq_.named ? 1 : 0; return true;
    case fmt::kInHasGrant: v = has_grant_ ? 1 : 0; return true;
    case fmt::kInIsOwner:
      if (rq_.is_owner == Tri::unknown) return false;
      v = rq_.is_owner == Tri::true_ ? 1 : 0;
      return true;
    case fmt::kInRelation:
      if (relation == kUnrelated) return false;
      v = relation;
      return true;
  }
  return false;
}

// Postfix evaluation over a fixed stack (the loader proved the program's depth fits).
Tri Engine::eval(std::uint32_t cond, std::uint8_t relation) const {
  if (cond == 0) return Tri::true_;
  if (cond == 1) return Tri::false_;
  const auto off = t_.w(fmt::kConds, cond, 0), n = t_.w(fmt::kConds, cond, 1);
  std::uint8_t st[fmt::kMaxStack];
  std::uint32_t sp = 0;
  for (std::uint32_t k = 0; k < n; ++k) {
    const auto ins = t_.code(off + k), op = ins & 0xFF, arg = ins >> 8;
    switch (op) {
      case fmt::kOpTrue: st[sp++] = 1; break;
      case fmt::kOpFalse: st[sp++] = 0; break;
      case fmt::kOpAtom: {
        std::int64_t v;
        if (!read(arg, relation, v)) {
          st[sp++] = 2;
          break;
        }
        const auto voff = t_.w(fmt::kAtoms, arg, rf::atom_values), vn = t_.w(fmt::kAtoms, arg, rf::atom_values + 1);
        bool in = false;
        for (std::uint32_t i = 0; i < vn && !in; ++i) in = t_.i64(voff + i) == v;
        st[sp++] = in != (t_.w(fmt::kAtoms, arg, rf::atom_negated) != 0) ? 1 : 0;
        break;
      }
      default: {  // and / or over the top `arg` values (Kleene)
        const bool is_and = op == fmt::kOpAnd;
        std::uint8_t out = is_and ? 1 : 0;
        for (std::uint32_t i = sp - arg; i < sp; ++i) {
          if (st[i] == (is_and ? 0 : 1)) out = st[i];
          else if (st[i] == 2 && out != (is_and ? 0 : 1)) out = 2;
        }
        sp -= arg;
        st[sp++] = out;
      }
    }
  }
  return static_cast<Tri>(st[0]);
}

// §3.4 as a least fixpoint over the held levels: a level is effective once every level-wide
// requirement is met by an effective held level at least as strong. Cycles stay not effective.
void Engine::compute_effective() {
  for (std::uint32_t h = 0; h < n_held_; ++h) effective_[h] = false;
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::uint32_t h = 0; h < n_held_; ++h) {
      if (effective_[h]) continue;
      const auto roff = t_.w(fmt::kLevels, held_[h], rf::l_reqs), rn = t_.w(fmt::kLevels, held_[h], rf::l_reqs + 1);
      bool ok = true;
      for (std::uint32_t k = 0; k < rn && ok; ++k) ok = requirement_holds(t_.u32(roff + k));
      if (ok) {
        effective_[h] = true;
        changed = true;
      }
    }
  }
}

bool Engine::at_least(std::uint32_t held, std::uint32_t required) const {
  const auto off = t_.w(fmt::kLevels, held, rf::l_at_least), n = t_.w(fmt::kLevels, held, rf::l_at_least + 1);
  for (std::uint32_t i = 0; i < n; ++i)
    if (t_.u32(off + i) == required) return true;
  return false;
}

bool Engine::requirement_holds(std::uint32_t req) const {
  const auto module = t_.w(fmt::kRequirements, req, 0), level = t_.w(fmt::kRequirements, req, 1);
  for (std::uint32_t h = 0; h < n_held_; ++h)
    if (effective_[h] && t_.w(fmt::kLevels, held_[h], rf::l_module) == module && at_least(held_[h], level)) return true;
  return false;
}

bool Engine::level_effective(std::uint32_t level) const {
  for (std::uint32_t h = 0; h < n_held_; ++h)
    if (held_[h] == level) return effective_[h];
  return false;
}

bool Engine::forbid_selects(std::uint32_t f) const {
  const auto off = t_.w(fmt::kForbids, f, rf::f_selectors), n = t_.w(fmt::kForbids, f, rf::f_selectors + 1);
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto kind = t_.w(fmt::kSelectors, off + i, 0), arg = t_.w(fmt::kSelectors, off + i, 1);
    switch (kind) {
      case 0: return true;
      case 1:
        if (arg == static_cast<std::uint32_t>(rq_.kind)) return true;
        break;
      case 2:
        if (holds_role(arg, false)) return true;
        break;
      case 3:
        for (std::uint32_t g = 0; g < rq_.grant_count && g < kMaxGrants; ++g)
          if (grant_live_but_scope_[g] && rq_.grants[g].template_id == arg) return true;
        break;
      case 4:
        for (std::uint32_t h = 0; h < n_held_; ++h)
          if (held_[h] == arg) return true;
        break;
    }
  }
  return false;
}

bool Engine::custom_contains(const Grant& g, std::uint32_t p) {
  std::uint32_t lo = 0, hi = g.custom_count;
  while (lo < hi) {
    const std::uint32_t mid = (lo + hi) / 2;
    if (g.custom[mid] < p) lo = mid + 1;
    else hi = mid;
  }
  return lo < g.custom_count && g.custom[lo] == p;
}

// §2 for permission p: the answer and the first reason the interpreter would list.
Decision Engine::judge(std::uint32_t p) const {
  Decision d;
  if (overflow_) {
    d.code = Code::limit_exceeded;
    return d;
  }
  const bool permissive = t_.combining == 0;
  bool any_allow = false, any_deny = false;
  Decision first_allow, first_deny;
  bool have_allow = false, have_deny = false;
  auto note_deny = [&](const Decision& r) {
    if (!have_deny) {
      first_deny = r;
      have_deny = true;
    }
  };
  for (std::uint32_t si = 0; si < n_sources_; ++si) {
    const Source& s = sources_[si];
    if (s.relation == kUnrelated) continue;
    bool local_allow = false, local_deny = false;
    Decision la, ld;  // first allow / deny of this source
    bool have_la = false, have_ld = false;
    if (s.role != kNone) {
      for_each_contribution(t_, s.role, s.relation == kSelf ? 0 : 1, [&](std::uint32_t q, std::uint32_t c) {
        if (!t_.in_runs(t_.w(fmt::kContribs, c, rf::c_runs), t_.w(fmt::kContribs, c, rf::c_runs + 1), p)) return;
        const auto kind = t_.w(fmt::kContribs, c, rf::c_kind);
        const Tri tr = eval(t_.w(fmt::kContribs, c, rf::c_cond), s.relation);
        if (kind == 2) {
          if (tr != Tri::false_) {
            local_deny = true;
            if (!have_ld) {
              ld.code = Code::role_deny;
              ld.rule = t_.w(fmt::kContribs, c, rf::c_rule);
              ld.role = q;
              have_ld = true;
            }
          }
          return;
        }
        if (tr != Tri::true_) return;
        bool met = true;
        const auto roff = t_.w(fmt::kContribs, c, rf::c_reqs), rn = t_.w(fmt::kContribs, c, rf::c_reqs + 1);
        for (std::uint32_t k = 0; k < rn && met; ++k) met = requirement_holds(t_.u32(roff + k));
        const auto lv = t_.w(fmt::kContribs, c, rf::c_level);
        if (met && lv != kNone) met = level_effective(lv);
        if (!met) return;
        local_allow = true;
        if (!have_la) {
          la.code = kind == 1 ? Code::level : Code::permit;
          la.rule = t_.w(fmt::kContribs, c, rf::c_rule);
          la.role = q;
          have_la = true;
        }
      });
    }
    if (s.kind == Source::grant_custom && custom_contains(rq_.grants[s.grant], p)) {
      local_allow = true;
      if (!have_la) {
        la.code = Code::grant_custom;
        la.template_id = s.template_id;
        la.grant = s.grant;
        have_la = true;
      }
    }
    if (s.template_id != kNone) {
      const std::uint32_t t = s.template_id;
      const auto doff = t_.w(fmt::kTemplates, t, rf::t_denies), dn = t_.w(fmt::kTemplates, t, rf::t_denies + 1);
      for (std::uint32_t k = 0; k < dn; ++k) {
        const auto rule = t_.u32(doff + k);
        if (!t_.in_runs(t_.w(fmt::kRules, rule, rf::r_runs), t_.w(fmt::kRules, rule, rf::r_runs + 1), p) ||
            eval(t_.w(fmt::kRules, rule, rf::r_cond), s.relation) == Tri::false_)
          continue;
        local_deny = true;
        if (!have_ld) {
          ld.code = Code::template_deny;
          ld.rule = rule;
          ld.template_id = t;
          ld.grant = s.grant;
          have_ld = true;
        }
      }
      if (local_allow && !grant_alone_ && t_.w(fmt::kTemplates, t, rf::t_ceiling) && !grantor_allows(rq_.grants[s.grant], p)) {
        local_allow = false;
        Decision r;
        r.code = Code::above_grantor_access;
        r.template_id = t;
        r.grant = s.grant;
        note_deny(r);
      }
    }
    if (permissive) {
      if (local_allow && !local_deny) {
        any_allow = true;
        if (!have_allow) {
          first_allow = la;
          have_allow = true;
        }
      } else if (local_allow && have_ld) {
        note_deny(ld);
      }
    } else {
      any_allow = any_allow || local_allow;
      any_deny = any_deny || local_deny;
      // The interpreter lists a source's allows even when its ceiling cut them (view.cpp), so
      // the first allow reason may come from such a source; mirrored for equal reasons.
      if (have_la && !have_allow) {
        first_allow = la;
        have_allow = true;
      }
      if (have_ld) note_deny(ld);
    }
  }
  bool forbidden = false;
  for (std::uint32_t f = 0; f < t_.n_forbids; ++f) {
    if (!t_.in_runs(t_.w(fmt::kForbids, f, rf::f_covers), t_.w(fmt::kForbids, f, rf::f_covers + 1), p) || !forbid_selects(f)) continue;
    if (eval(t_.w(fmt::kForbids, f, rf::f_when), kUnrelated) == Tri::false_) continue;
    const auto doff = t_.w(fmt::kForbids, f, rf::f_denies), dn = t_.w(fmt::kForbids, f, rf::f_denies + 1);
    for (std::uint32_t k = 0; k < dn; ++k) {
      const auto rule = t_.u32(doff + k);
      if (!t_.in_runs(t_.w(fmt::kRules, rule, rf::r_runs), t_.w(fmt::kRules, rule, rf::r_runs + 1), p) ||
          eval(t_.w(fmt::kRules, rule, rf::r_cond), kUnrelated) == Tri::false_)
        continue;
      forbidden = true;
      Decision r;
      r.code = Code::forbid;
      r.rule = rule;
      r.forbid = f;
      note_deny(r);
    }
  }
  const bool allow = any_allow && !any_deny && !forbidden;
  if (allow) {
    d = first_allow;
    d.effect = Effect::allow;
    d.reason_class = ReasonClass::explicit_allow;
  } else if (!have_deny && !any_allow) {
    d.code = Code::no_rule;
    d.reason_class = ReasonClass::default_deny;
  } else {
    d = first_deny;
    d.effect = Effect::deny;
    d.reason_class = ReasonClass::explicit_deny;
  }
  return d;
}

// §6.2: the grantor as a principal of its own (current roles, automatic roles, no grants, no
// implicit grants) at the same place, context and instant.
bool Engine::grantor_allows(const Grant& g, std::uint32_t p) const {
  Request gr = rq_;
  gr.kind = g.grantor_kind;
  gr.named = g.grantor_named;
  gr.is_owner = Tri::unknown;
  gr.home_org = kNone;
  gr.roles = g.grantor_roles;
  gr.role_count = g.grantor_role_count;
  gr.grants = nullptr;
  gr.grant_count = 0;
  gr.triggers = nullptr;
  gr.trigger_count = 0;
  gr.permission = p;
  Decision fast;  // a grantor holds no grants: usually the fast path's to answer
  if (fast_decide(t_, gr, fast)) return fast.allowed();
  Engine e(t_, gr, false);
  return e.judge(p).effect == Effect::allow;
}

Decision decide(const Table& table, const Request& request) {
  const Table::Impl& t = table.impl();
  Decision d;
  d.content_hash = t.content_hash;
  if (request.permission >= t.n_permissions) {
    d.code = Code::unknown_action;
    d.reason_class = ReasonClass::error_deny;
    return d;
  }
  if (fast_decide(t, request, d)) return d;
  Engine e(t, request, true);
  d = e.judge(request.permission);
  d.content_hash = t.content_hash;
  if (d.code == Code::limit_exceeded) d.reason_class = ReasonClass::error_deny;
  return d;
}

}  // namespace writ::runtime
