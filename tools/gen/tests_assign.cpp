// Assignment scenarios (docs/semantics.md §8): a holder of an authorizing role assigns at its
// organization or below; other roles, unrelated organizations and automatic roles cannot.
#include <fmt/format.h>

#include "tools/gen/scenarios.hpp"

namespace writ::gen {
namespace {

Candidate assign(Setup setup, int role, int org, Test::Expect expect, std::string story) {
  Candidate c;
  c.test.setup = std::move(setup);
  c.test.query = Test::Query::assign;
  c.test.assign_role = role;
  c.test.assign_org = org;
  c.test.expect = expect;
  c.story = std::move(story);
  return c;
}

/// A role with an `assigned_by` naming roles, one of its authorizers, and one role it names.
bool pick_authorizer(Scenes& s, int& role, const Authorizer*& a, int& assigner) {
  for (int tries = 0; tries < 20; ++tries) {
    role = static_cast<int>(s.rng.below(s.m.roles.size()));
    const Role& r = s.m.roles[role];
    if (r.assigned_by.empty()) continue;
    a = &r.assigned_by[s.rng.below(r.assigned_by.size())];
    if (a->roles.empty()) continue;
    assigner = a->roles[s.rng.below(a->roles.size())];
    return true;
  }
  return false;
}

Setup holding(Scenes& s, int role, int org) {
  Setup st;
  st.kind = s.holder_kind(role);
  st.roles.push_back(Binding{role, org});
  st.target = org;
  st.at = kDefaultInstant;
  return st;
}

}  // namespace

std::optional<Candidate> scene_assign(Scenes& s) {
  int role = 0, assigner = 0;
  const Authorizer* a = nullptr;
  if (!pick_authorizer(s, role, a, assigner)) return std::nullopt;
  int org = s.any_org();
  int at = s.rng.chance(40) ? s.below(org) : org;
  if (at < 0) at = org;
  Setup st = holding(s, assigner, org);
  st.context = s.context_for({a->when ? &*a->when : nullptr});
  return assign(std::move(st), role, at, a->when ? (s.rng.chance(60) ? Test::Expect::allow : Test::Expect::deny) : Test::Expect::allow,
                fmt::format("{} is assigned by {}{}", s.m.roles[role].name, s.m.roles[assigner].name,
                            a->when ? " when " + condition_text(*a->when, s.m.attributes) : ""));
}

std::optional<Candidate> scene_assign_other(Scenes& s) {
  int role = static_cast<int>(s.rng.below(s.m.roles.size()));
  if (s.m.roles[role].automatic) return std::nullopt;
  int holder = s.staff_role(), org = s.any_org();
  Setup st = holding(s, holder, org);
  st.context = s.context();
  return assign(std::move(st), role, org, Test::Expect::deny,
                fmt::format("nothing {} holds is among the roles that assign {}", s.m.roles[holder].name, s.m.roles[role].name));
}

std::optional<Candidate> scene_assign_unrelated(Scenes& s) {
  int role = 0, assigner = 0;
  const Authorizer* a = nullptr;
  if (!pick_authorizer(s, role, a, assigner)) return std::nullopt;
  int org = s.any_org(), elsewhere = s.unrelated_to(org);
  if (elsewhere < 0) return std::nullopt;
  Setup st = holding(s, assigner, org);
  st.context = s.context_for({a->when ? &*a->when : nullptr});
  return assign(std::move(st), role, elsewhere, Test::Expect::deny,
                fmt::format("{} may assign {} only at {} and below", s.m.roles[assigner].name, s.m.roles[role].name, s.m.orgs[org].name));
}

std::optional<Candidate> scene_assign_automatic(Scenes& s) {
  int role = s.role_of(RoleClass::automatic);
  int holder = s.staff_role(), org = s.any_org();
  return assign(holding(s, holder, org), role, org, Test::Expect::deny,
                fmt::format("{} is automatic: nobody assigns it", s.m.roles[role].name));
}

}  // namespace writ::gen
