// Request scenarios about roles (docs/semantics.md §2-§5): a permission a held role gives, at
// its own organization or below; conditions true and false; requirements met and unmet; denies,
// forbid rules, unrelated organizations, shared accounts, automatic roles.
#include <fmt/format.h>

#include "tools/gen/scenarios.hpp"

namespace writ::gen {
namespace {

Candidate request(Setup setup, int perm, Test::Expect expect, std::string story) {
  Candidate c;
  c.test.setup = std::move(setup);
  c.test.query = Test::Query::request;
  c.test.permission = perm;
  c.test.expect = expect;
  c.story = std::move(story);
  return c;
}

/// A principal holding `role` at `held` (and living there, some of the time), asking at `target`.
Setup holding(Scenes& s, int role, int held, int target) {
  Setup st;
  st.kind = s.holder_kind(role);
  st.roles.push_back(Binding{role, held});
  st.target = target;
  st.at = kDefaultInstant;
  if (s.rng.chance(40)) st.home = held;
  st.context = s.context();
  return st;
}

std::string inherited(Scenes& s, int role, const Drawn& d) {
  if (d.from_role == role) return "";
  return fmt::format(" (inherited from {})", s.m.roles[d.from_role].name);
}

}  // namespace

std::optional<Candidate> scene_permit(Scenes& s) {
  int role = s.staff_role(), org = s.any_org();
  auto d = s.draw(role, 0, true);
  if (!d) return std::nullopt;
  return request(holding(s, role, org, org), d->perm, Test::Expect::allow,
                 fmt::format("{} has `{}`{} at its own organization", s.m.roles[role].name, d->rule, inherited(s, role, *d)));
}

std::optional<Candidate> scene_descendants(Scenes& s) {
  int role = s.staff_role(), org = s.any_org(), target = s.below(org);
  if (target < 0) return std::nullopt;
  auto d = s.draw(role, 1, true);
  if (!d) return std::nullopt;
  return request(holding(s, role, org, target), d->perm, Test::Expect::allow,
                 fmt::format("{} has `{}`{} at descendants of where it is held", s.m.roles[role].name, d->rule, inherited(s, role, *d)));
}

std::optional<Candidate> scene_conditional(Scenes& s) {
  int role = s.staff_role(), org = s.any_org();
  const Cond* cond = nullptr;
  auto d = s.draw(role, 0, false, &cond);
  if (!d) return std::nullopt;
  Setup st = holding(s, role, org, org);
  st.context = s.context_for({cond});
  // Whether the condition holds depends on the context drawn; the judge tells which it is.
  const bool yes = s.rng.chance(50);
  return request(std::move(st), d->perm, yes ? Test::Expect::allow : Test::Expect::deny,
                 fmt::format("{} has `{} when {}` and the context makes it {}", s.m.roles[role].name, d->rule,
                             condition_text(*cond, s.m.attributes), yes ? "true" : "not true"));
}

std::optional<Candidate> scene_requirement(Scenes& s) {
  int role = s.staff_role(), org = s.any_org();
  Requirement req;
  auto d = s.draw_required(role, 0, &req);
  if (!d) return std::nullopt;
  Setup st = holding(s, role, org, org);
  const bool met = s.rng.chance(60);
  std::string story = fmt::format("{} has `{}`, which requires {} >= {}", s.m.roles[role].name, d->rule, s.m.modules[req.module].name,
                                  s.m.levels[req.level].name);
  if (met) {
    // A second role giving the required level (or one above it) at the same organization.
    int level = s.rng.chance(50) ? req.level : s.m.modules[req.module].full;
    int other = s.role_with_level(level, 0, st.kind);
    if (other < 0) return std::nullopt;
    st.roles.push_back(Binding{other, org});
    story += fmt::format("; {} gives {}", s.m.roles[other].name, s.m.level_ref(level));
  }
  return request(std::move(st), d->perm, met ? Test::Expect::allow : Test::Expect::deny, story);
}

std::optional<Candidate> scene_no_rule(Scenes& s) {
  int role = s.staff_role(), org = s.any_org();
  return request(holding(s, role, org, org), s.any_permission(), Test::Expect::deny,
                 fmt::format("a permission {} may not give", s.m.roles[role].name));
}

std::optional<Candidate> scene_role_deny(Scenes& s) {
  int role = s.staff_role(), org = s.any_org();
  auto d = s.draw_denied(role, 0);
  if (!d) return std::nullopt;
  return request(holding(s, role, org, org), d->perm, Test::Expect::deny,
                 fmt::format("{} has `{}`{}", s.m.roles[role].name, d->rule, inherited(s, role, *d)));
}

std::optional<Candidate> scene_forbid(Scenes& s) {
  const Forbid& fb = s.m.forbids[s.rng.below(s.m.forbids.size())];
  const Rule& deny = fb.denies[s.rng.below(fb.denies.size())];
  int perm = s.member_of(deny.pattern);
  if (perm < 0) return std::nullopt;
  const Selector& sel = fb.applies_to.front();
  int org = s.any_org();
  Setup st;
  st.target = org;
  st.at = kDefaultInstant;
  st.context = s.context_for({fb.when ? &*fb.when : nullptr, deny.when ? &*deny.when : nullptr});
  switch (sel.kind) {
    case Selector::Kind::anyone:
    case Selector::Kind::role: {
      int role = sel.kind == Selector::Kind::role ? sel.id : s.staff_role();
      st.kind = s.holder_kind(role);
      st.roles.push_back(Binding{role, org});
      break;
    }
    case Selector::Kind::kind: {
      st.kind = sel.principal_kind;
      int role = s.role_of(RoleClass::grantable);
      if (has(s.m.roles[role].holders, st.kind)) st.roles.push_back(Binding{role, org});
      break;
    }
    case Selector::Kind::template_: {
      const Template& t = s.m.templates[sel.id];
      st.kind = has(t.grantee_kinds, Kind::vendor_support) ? Kind::vendor_support : Kind::external;
      st.grants.push_back(s.live_grant(sel.id, org, st.at));
      break;
    }
    case Selector::Kind::level: {
      int role = s.role_with_level(sel.id, 0, Kind::internal);
      if (role < 0) return std::nullopt;
      st.roles.push_back(Binding{role, org});
      break;
    }
  }
  return request(std::move(st), perm, Test::Expect::deny, fmt::format("forbid {} applies and denies `{}`", fb.name, pattern_text(s.m, deny.pattern)));
}

std::optional<Candidate> scene_unrelated(Scenes& s) {
  int role = s.staff_role(), org = s.any_org(), target = s.unrelated_to(org);
  if (target < 0) return std::nullopt;
  auto d = s.draw(role, 0, true);
  if (!d) return std::nullopt;
  return request(holding(s, role, org, target), d->perm, Test::Expect::deny,
                 fmt::format("{} gives `{}` at {} and below; the target is elsewhere", s.m.roles[role].name, d->rule, s.m.orgs[org].name));
}

std::optional<Candidate> scene_self_only(Scenes& s) {
  int role = s.staff_role(), org = s.any_org(), target = s.below(org);
  if (target < 0) return std::nullopt;
  auto d = s.draw(role, 0, true);
  if (!d) return std::nullopt;
  return request(holding(s, role, org, target), d->perm, Test::Expect::deny,
                 fmt::format("{} gives `{}` at its own organization only", s.m.roles[role].name, d->rule));
}

std::optional<Candidate> scene_shared_account(Scenes& s) {
  for (int tries = 0; tries < 20; ++tries) {
    int role = s.staff_role();
    if (!s.m.roles[role].named_accounts) continue;
    int org = s.any_org();
    auto d = s.draw(role, 0, true);
    if (!d) return std::nullopt;
    Setup st = holding(s, role, org, org);
    st.named = false;
    return request(std::move(st), d->perm, Test::Expect::deny,
                   fmt::format("{} is for named accounts only and the principal is a shared account", s.m.roles[role].name));
  }
  return std::nullopt;
}

std::optional<Candidate> scene_automatic(Scenes& s) {
  int role = s.role_of(RoleClass::automatic);
  auto d = s.draw(role, 0, true);
  if (!d) return std::nullopt;
  Setup st;
  st.kind = s.holder_kind(role);
  st.target = s.any_org();
  st.at = kDefaultInstant;
  st.context = s.context();
  return request(std::move(st), d->perm, Test::Expect::allow,
                 fmt::format("every {} principal holds automatic role {}", kind_name(st.kind), s.m.roles[role].name));
}

std::optional<Candidate> scene_archive(Scenes& s) {
  Setup st;
  int role = s.staff_role();
  st.kind = s.holder_kind(role);
  st.target = s.any_org();
  st.roles.push_back(Binding{role, -1});
  st.at = kDefaultInstant;
  return request(std::move(st), s.archive_permission(), Test::Expect::deny, "no rule of the policy names the archive module");
}

}  // namespace writ::gen
