// Grant validation (docs/semantics.md §7) over a validated table, mirroring the reference
// interpreter's compiler/eval/validate.cpp check by check, in its order, so that the two list the
// same violations as often. Every principal asked about (grantee, grantor, the grant alone) is an
// Engine on the stack: no allocation, no exceptions. Covered by tests/unit/table/validate_test.cpp.
#include "engine.hpp"

namespace writ::runtime {
namespace {

bool kind_in(std::uint32_t mask, PrincipalKind k) { return mask == 0 || (mask >> static_cast<unsigned>(k) & 1u); }

const OrgTree& no_tree() {
  static const OrgTree empty = OrgTree::build({});
  return empty;
}

/// The grantor as a principal of its own at `place` (interpreter: grantor_of, only its own roles):
/// its kind, account type and current bindings; it owns nothing it is asked about.
Request grantor_at(const Request& grantee, const Grant& g, std::uint32_t place) {
  Request r;
  r.kind = g.grantor_kind;
  r.named = g.grantor_named;
  r.is_owner = Tri::unknown;
  r.roles = g.grantor_roles;
  r.role_count = g.grantor_role_count;
  r.target_org = place;
  r.orgs = grantee.orgs;
  r.at = grantee.at;
  r.context = grantee.context;
  return r;
}

// `granted_by`: an authorizer that is `anyone` with a true condition, or whose role the grantor
// holds (or extends) through a source reaching G, with the condition true at that relation.
bool grantor_allowed(const Table::Impl& t, const Engine& grantor, std::uint32_t tmpl) {
  const auto off = t.w(fmt::kTemplates, tmpl, rf::t_granted_by), n = t.w(fmt::kTemplates, tmpl, rf::t_granted_by + 1);
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto a = t.u32(off + i);
    if (t.w(fmt::kAuthorizers, a, rf::a_automatic)) continue;
    const auto when = t.w(fmt::kAuthorizers, a, rf::a_when);
    if (t.w(fmt::kAuthorizers, a, rf::a_anyone)) {
      if (grantor.eval(when, kUnrelated) == Tri::true_) return true;
      continue;
    }
    const auto roff = t.w(fmt::kAuthorizers, a, rf::a_roles), rn = t.w(fmt::kAuthorizers, a, rf::a_roles + 1);
    for (std::uint32_t si = 0; si < grantor.source_count(); ++si) {
      const auto& s = grantor.source(si);
      if (s.role == kNone || s.relation == kUnrelated) continue;
      for (std::uint32_t k = 0; k < rn; ++k)
        if (grantor.reaches(s.role, t.u32(roff + k)) && grantor.eval(when, s.relation) == Tri::true_) return true;
    }
  }
  return false;
}

bool custom_hits(const Table::Impl& t, const Grant& g, std::uint32_t rule) {
  const auto off = t.w(fmt::kRules, rule, rf::r_runs), n = t.w(fmt::kRules, rule, rf::r_runs + 1);
  for (std::uint32_t i = 0; i < g.custom_count; ++i)
    if (t.in_runs(off, n, g.custom[i])) return true;
  return false;
}

bool field_declared(const Table::Impl& t, std::uint32_t off, std::uint32_t n, std::string_view name) {
  for (std::uint32_t i = 0; i < n; ++i)
    if (t.rec_str(fmt::kFields, off + i, 0) == name) return true;
  return false;
}

// Time (§7): valid_from inclusive, valid_to exclusive; the duration runs from valid_from, or
// from the instant the grant is made. An overflowing difference is a window no maximum allows.
void check_window(const Table::Impl& t, std::uint32_t tmpl, const Grant& g, std::int64_t now, Violations& out) {
  if (t.w(fmt::kTemplates, tmpl, rf::t_valid_from) == 0 && !g.has_valid_from) out.add(Violation::missing_valid_from);
  if (t.w(fmt::kTemplates, tmpl, rf::t_valid_to) == 0 && !g.has_valid_to) out.add(Violation::missing_valid_to);
  if (g.has_valid_from && g.has_valid_to && g.valid_to <= g.valid_from) {
    out.add(Violation::window_inverted);
    return;
  }
  if (!t.w(fmt::kTemplates, tmpl, rf::t_has_max)) return;
  const std::int64_t start = g.has_valid_from ? g.valid_from : now;
  bool has_end = g.has_valid_to;
  std::int64_t end = g.valid_to;
  if (!has_end && t.w(fmt::kTemplates, tmpl, rf::t_has_default))
    has_end = !__builtin_add_overflow(start, t.w64(fmt::kTemplates, tmpl, rf::t_default), &end);
  std::int64_t length = 0;
  const bool fits = has_end && !__builtin_sub_overflow(end, start, &length);
  if (!fits || length > t.w64(fmt::kTemplates, tmpl, rf::t_max)) out.add(Violation::duration_above_max);
}

/// Steps of `judge` the ceiling check may take in all before it gives up (limit_exceeded): it asks
/// both engines about every permission the grant could give, and although the loader bounds the
/// permission count by the file's size, a hostile table can still make permissions times steps
/// per judge quadratic in its size (a closure repeating one role, long condition programs). No
/// policy writ compiles comes near it: 20,000 permissions at 2,000 steps each is a seventh of it.
constexpr std::uint64_t kMaxCeilingSteps = std::uint64_t{1} << 28;

// About what one `judge` of `e` reads: every contribution of its sources' closures at their
// scope with its condition program and requirements, and the denies of their templates.
std::uint64_t judge_steps(const Table::Impl& t, const Engine& e) {
  std::uint64_t steps = 1;
  for (std::uint32_t si = 0; si < e.source_count(); ++si) {
    const auto& s = e.source(si);
    ++steps;
    if (s.relation == kUnrelated) continue;
    if (s.role != kNone)
      for_each_contribution(t, s.role, s.relation == kSelf ? 0 : 1, [&](std::uint32_t, std::uint32_t c) {
        steps += 1 + t.w(fmt::kConds, t.w(fmt::kContribs, c, rf::c_cond), 1) + t.w(fmt::kContribs, c, rf::c_reqs + 1);
      });
    if (s.template_id != kNone) steps += 1 + t.w(fmt::kTemplates, s.template_id, rf::t_denies + 1);
  }
  return steps;
}

// Walks every permission the grant alone may allow — those in the runs of its roles' permits and
// levels, and its custom set (a judge allows nothing else) — with repeats, calling `f(p)` on each
// when `call`; returns how many it walked.
template <class F>
std::uint64_t walk_grantable(const Table::Impl& t, const Engine& alone, const Request& rq, bool call, F&& f) {
  std::uint64_t walked = 0;
  for (std::uint32_t si = 0; si < alone.source_count(); ++si) {
    const auto& s = alone.source(si);
    if (s.relation == kUnrelated) continue;
    if (s.kind == Engine::Source::grant_custom) {
      const Grant& g = rq.grants[s.grant];
      walked += g.custom_count;
      for (std::uint32_t i = 0; call && i < g.custom_count; ++i)
        if (g.custom[i] < t.n_permissions) f(g.custom[i]);
    }
    if (s.role == kNone) continue;
    for_each_contribution(t, s.role, s.relation == kSelf ? 0 : 1, [&](std::uint32_t, std::uint32_t c) {
      if (t.w(fmt::kContribs, c, rf::c_kind) == 2) return;  // a deny allows nothing
      const auto roff = t.w(fmt::kContribs, c, rf::c_runs), rn = t.w(fmt::kContribs, c, rf::c_runs + 1);
      for (std::uint32_t i = 0; i < rn; ++i) {
        const auto [first, last] = t.run(roff + i);
        walked += last - first;
        for (std::uint32_t p = first; call && p < last; ++p) f(p);
      }
    });
  }
  return walked;
}

// §6.2 at one place: is some permission the grant alone gives there not held there by the grantor?
enum class Above : std::uint8_t { no, yes, limit };
Above above_grantor(const Table::Impl& t, const Request& alone, const Request& grantor) {
  const Engine grant_alone(t, alone, true, true);
  const Engine grantor_there(t, grantor, false);
  if (grant_alone.overflow() || grantor_there.overflow()) return Above::limit;
  const std::uint64_t per_permission = judge_steps(t, grant_alone) + judge_steps(t, grantor_there);
  auto none = [](std::uint32_t) {};
  if (walk_grantable(t, grant_alone, alone, false, none) > kMaxCeilingSteps / per_permission) return Above::limit;
  bool above = false;
  walk_grantable(t, grant_alone, alone, true, [&](std::uint32_t p) {
    above = above || (grant_alone.judge(p).allowed() && !grantor_there.judge(p).allowed());
  });
  return above ? Above::yes : Above::no;
}

}  // namespace

Violations validate_grant(const Table& table, const Request& grantee, const Grant& grant, const GrantProposal& proposal) {
  const Table::Impl& t = table.impl();
  Violations out;
  if (grant.template_id >= t.n_templates) {
    out.add(Violation::unknown_template);
    return out;
  }
  const std::uint32_t tmpl = grant.template_id;
  const std::uint32_t g_org = grant.org == kNone ? grantee.target_org : grant.org;
  auto W = [&](std::uint32_t field) { return t.w(fmt::kTemplates, tmpl, field); };

  // Who may grant: the grantor with its own roles (no grants, no implicit grants) at G.
  const Request grantor_rq = grantor_at(grantee, grant, g_org);
  const Engine grantor(t, grantor_rq, false);
  // Who may receive it: the grantee as it is now, with its own roles and nothing granted, at G.
  Request grantee_rq = grantee;
  grantee_rq.target_org = g_org;
  grantee_rq.grants = nullptr;
  grantee_rq.grant_count = 0;
  grantee_rq.triggers = nullptr;
  grantee_rq.trigger_count = 0;
  const Engine grantee_view(t, grantee_rq, false);
  if (grantor.overflow() || grantee_view.overflow()) {
    out.limit_exceeded = true;
    return out;
  }
  if (!grantor_allowed(t, grantor, tmpl)) out.add(Violation::grantor_not_allowed);
  if (!kind_in(W(rf::t_kinds), grantee.kind)) out.add(Violation::grantee_kind_not_allowed);
  if (W(rf::t_requires + 1) != 0) {
    bool held = false;
    for (std::uint32_t k = 0; k < W(rf::t_requires + 1) && !held; ++k) held = grantee_view.holds_role(t.u32(W(rf::t_requires) + k), true);
    if (!held) out.add(Violation::grantee_role_missing);
  }
  if (W(rf::t_has_grantee_id) && !proposal.has_grantee_id) out.add(Violation::missing_field);

  for (std::uint32_t i = 0; i < grant.role_count; ++i) {
    const std::uint32_t role = grant.roles[i];
    bool grantable = false;
    for (std::uint32_t k = 0; role < t.n_roles && k < W(rf::t_grantable + 1) && !grantable; ++k)
      grantable = t.u32(W(rf::t_grantable) + k) == role;
    if (role >= t.n_roles) out.add(Violation::unknown_role);
    else if (!grantable) out.add(Violation::role_not_grantable);
    else if (t.w(fmt::kRoles, role, rf::role_named) && !grantee.named) out.add(Violation::named_account_required);
  }
  if (grant.custom_count != 0 || grant.custom_bad) {
    if (!W(rf::t_custom)) {
      out.add(Violation::custom_not_allowed);
    } else if (grant.custom_bad) {
      out.add(Violation::unknown_permission);
    } else {
      for (std::uint32_t k = 0; k < W(rf::t_denies + 1); ++k)
        if (custom_hits(t, grant, t.u32(W(rf::t_denies) + k))) out.add(Violation::forbidden_permission);
    }
  }
  if (grant.role_count == 0 && grant.custom_count == 0 && !grant.custom_bad) out.add(Violation::nothing_granted);

  check_window(t, tmpl, grant, grantee.at, out);

  const auto foff = W(rf::t_fields), fn = W(rf::t_fields + 1);
  for (std::uint32_t i = 0; i < fn; ++i) {
    if (t.w(fmt::kFields, foff + i, 2) != 0) continue;  // optional
    const std::string_view name = t.rec_str(fmt::kFields, foff + i, 0);
    bool given = false;
    for (std::uint32_t k = 0; k < proposal.field_count && !given; ++k) given = proposal.fields[k].name == name && !proposal.fields[k].empty;
    if (!given) out.add(Violation::missing_field);
  }
  for (std::uint32_t k = 0; k < proposal.field_count; ++k)
    if (!field_declared(t, foff, fn, proposal.fields[k].name)) out.add(Violation::unknown_field);

  // Conditions are about the grantee's account, evaluated now.
  const auto poff = W(rf::t_pre), pn = W(rf::t_pre + 1);
  for (std::uint32_t k = 0; k < pn; ++k)
    if (grantee_view.eval(t.u32(poff + k), kUnrelated) != Tri::true_) out.add(Violation::precondition_failed);
  if (W(rf::t_scope_when) != 0 && grantee_view.eval(W(rf::t_scope_when), kSelf) != Tri::true_) out.add(Violation::scope_outside_template);
  if (grant.org != kNone) {
    const std::uint8_t rel = relation_of(grantee, grant.org);
    if (W(rf::t_scope) == 0 ? rel != kSelf : rel == kUnrelated) out.add(Violation::scope_outside_template);
  }

  // Ceiling (§6.2): what the grant alone gives at G and (scope descendants) at a fresh
  // organization below G must be held there by the grantor.
  if (W(rf::t_ceiling)) {
    Grant only = grant;
    only.org = g_org;
    Request alone;
    alone.kind = grantee.kind;
    alone.named = grantee.named;
    alone.is_owner = Tri::unknown;
    alone.grants = &only;
    alone.grant_count = 1;
    alone.target_org = g_org;
    alone.orgs = grantee.orgs;
    alone.at = grantee.at;
    alone.context = grantee.context;
    Above above = above_grantor(t, alone, grantor_rq);
    if (above == Above::no && W(rf::t_scope) == 1) {
      // At a fresh organization below G that no one holds anything at by name: the grantor's
      // bindings and automatic roles without an organization are held there, as at decision time
      // they are held at the target (§6.2); the interpreter's Place::below does the same.
      alone.target_org = g_org | kFreshBelow;
      alone.orgs = grantee.orgs != nullptr ? grantee.orgs : &no_tree();
      Request grantor_below = grantor_rq;
      grantor_below.target_org = alone.target_org;
      grantor_below.orgs = alone.orgs;
      above = above_grantor(t, alone, grantor_below);
    }
    if (above == Above::limit) out.limit_exceeded = true;
    if (above == Above::yes) out.add(Violation::above_grantor_access);
  }
  return out;
}

}  // namespace writ::runtime
