// Request scenarios about grants (docs/semantics.md §6): a live grant's roles and custom
// permissions within its grantor's access; grants that give nothing (revoked, expired, not yet
// valid, out of scope, failing a precondition or scope condition); grants cut by the ceiling;
// implicit grants with their condition true or not.
#include <fmt/format.h>

#include "tools/gen/scenarios.hpp"

namespace writ::gen {
namespace {

struct GrantSetup {
  Setup setup;
  int tmpl = 0;
  int org = 0;
  int scope = 0;  ///< where the target is relative to the grant's organization
};

/// A principal of a grantee kind holding a live grant of a random template, asking at the
/// grant's organization or (scope descendants) below it, in a context drawn for the template's
/// conditions.
GrantSetup granted(Scenes& s) {
  GrantSetup g;
  g.tmpl = static_cast<int>(s.rng.below(s.m.templates.size()));
  const Template& t = s.m.templates[g.tmpl];
  g.org = s.any_org();
  Setup& st = g.setup;
  st.kind = has(t.grantee_kinds, Kind::vendor_support) && s.rng.chance(60) ? Kind::vendor_support : Kind::external;
  if (t.grantee_kinds != 0 && !has(t.grantee_kinds, st.kind)) st.kind = Kind::vendor_support;
  st.target = g.org;
  if (t.scope_descendants && s.rng.chance(50)) {
    int below = s.below(g.org);
    if (below >= 0) {
      st.target = below;
      g.scope = 1;
    }
  }
  st.at = kDefaultInstant + kDay * s.rng.between(0, 30);
  std::vector<const Cond*> conds;
  if (t.scope_when) conds.push_back(&*t.scope_when);
  for (const auto& c : t.preconditions) conds.push_back(&c);
  st.context = s.context_for(conds);
  s.meet_grantee_requires(st, g.tmpl);
  st.grants.push_back(s.live_grant(g.tmpl, g.org, st.at));
  return g;
}

Candidate request(Setup setup, int perm, Test::Expect expect, std::string story) {
  Candidate c;
  c.test.setup = std::move(setup);
  c.test.permission = perm;
  c.test.expect = expect;
  c.story = std::move(story);
  return c;
}

}  // namespace

std::optional<Candidate> scene_grant(Scenes& s) {
  GrantSetup g = granted(s);
  int role = g.setup.grants.front().roles.front();
  auto d = s.draw(role, g.scope, true);
  if (!d) return std::nullopt;
  return request(std::move(g.setup), d->perm, Test::Expect::allow,
                 fmt::format("a live grant of {} gives {} (`{}`), which its admin grantor holds", s.m.templates[g.tmpl].name,
                             s.m.roles[role].name, d->rule));
}

std::optional<Candidate> scene_grant_custom(Scenes& s) {
  GrantSetup g = granted(s);
  const Template& t = s.m.templates[g.tmpl];
  if (!t.custom) return std::nullopt;
  auto p = s.custom_pattern(g.tmpl);
  if (!p) return std::nullopt;
  int perm = s.member_of(*p, false, true);
  if (perm < 0) return std::nullopt;
  GrantInstance& gi = g.setup.grants.front();
  gi.custom.push_back(*p);
  if (s.rng.chance(50)) gi.roles.clear();
  return request(std::move(g.setup), perm, Test::Expect::allow,
                 fmt::format("a live grant of {} gives custom `{}`", t.name, pattern_text(s.m, *p)));
}

std::optional<Candidate> scene_grant_dead(Scenes& s) {
  GrantSetup g = granted(s);
  const Template& t = s.m.templates[g.tmpl];
  GrantInstance& gi = g.setup.grants.front();
  int role = gi.roles.front();
  auto d = s.draw(role, g.scope, true);
  if (!d) return std::nullopt;
  std::string why;
  switch (s.rng.below(6)) {
    case 0: gi.revoked = true; why = "is revoked"; break;
    case 1:
      if (!gi.to) return std::nullopt;
      g.setup.at = *gi.to + kDay * s.rng.between(0, 3);
      why = "has expired (valid_to is exclusive)";
      break;
    case 2: gi.from = g.setup.at + kDay; gi.to = *gi.from + kDay; why = "is not valid yet"; break;
    case 3: {
      int elsewhere = s.unrelated_to(g.org);
      if (elsewhere < 0) return std::nullopt;
      g.setup.target = elsewhere;
      why = "is held at an organization that does not reach the target";
      break;
    }
    case 4:
      if (t.preconditions.empty()) return std::nullopt;
      why = "fails its template's precondition";  // the judge checks the context does that
      break;
    default:
      if (!t.scope_when) return std::nullopt;
      why = "fails its template's scope condition";
      break;
  }
  return request(std::move(g.setup), d->perm, Test::Expect::deny, fmt::format("the grant of {} {}", t.name, why));
}

std::optional<Candidate> scene_grant_ceiling(Scenes& s) {
  GrantSetup g = granted(s);
  GrantInstance& gi = g.setup.grants.front();
  int role = gi.roles.front();
  auto d = s.draw(role, g.scope, true);
  if (!d) return std::nullopt;
  int weak = s.staff_role();
  if (weak == s.m.templates[g.tmpl].admin || !has(s.m.roles[weak].holders, Kind::internal)) return std::nullopt;
  gi.grantor_roles = {Binding{weak, g.org}};
  return request(std::move(g.setup), d->perm, Test::Expect::deny,
                 fmt::format("the grant gives {} but its grantor, holding only {}, does not hold it now (ceiling grantor)",
                             s.m.roles[role].name, s.m.roles[weak].name));
}

std::optional<Candidate> scene_implicit(Scenes& s) {
  if (s.m.implicits.empty()) return std::nullopt;
  const int which = static_cast<int>(s.rng.below(s.m.implicits.size()));
  const Implicit& ig = s.m.implicits[which];
  Setup st;
  st.kind = Kind::internal;
  st.target = s.any_org();
  st.at = kDefaultInstant;
  int trigger = ig.grantee_roles.empty() ? s.staff_role() : ig.grantee_roles.front();
  if (!has(s.m.roles[trigger].holders, Kind::internal)) return std::nullopt;
  st.roles.push_back(Binding{trigger, st.target});
  st.context = s.context_for({ig.when ? &*ig.when : nullptr});
  int role = ig.grants[s.rng.below(ig.grants.size())];
  auto d = s.draw(role, 0, true);
  if (!d) return std::nullopt;
  const std::string cond = condition_text(*ig.when, s.m.attributes);
  if (!s.m.triggers) {
    // Without a trigger the implicit grant gives nothing, whatever its condition (§6.3).
    return request(std::move(st), d->perm, Test::Expect::deny,
                   fmt::format("implicit grant {} would give {} while `{}` holds, but the request names no trigger of it", ig.name,
                               s.m.roles[role].name, cond));
  }
  // The event at the target (its roles' own block there), or at an unrelated organization.
  const bool here = s.rng.chance(75);
  int at = here ? st.target : s.unrelated_to(st.target);
  if (at < 0) return std::nullopt;
  st.triggers.push_back(Trigger{which, at});
  const bool on = here && s.rng.chance(60);
  return request(std::move(st), d->perm, on ? Test::Expect::allow : Test::Expect::deny,
                 fmt::format("implicit grant {} gives {} while `{}` holds, triggered at {}{}", ig.name, s.m.roles[role].name, cond,
                             s.m.orgs[at].name, here ? (on ? ", and the context makes it true" : ", and the context makes it not true")
                                                     : ", which the target is not at or below"));
}

}  // namespace writ::gen
