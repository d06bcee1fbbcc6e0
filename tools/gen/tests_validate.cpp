// Grant validation scenarios (docs/semantics.md §7), all on templates with `ceiling grantor`:
// grants made by the template's admin within every limit (valid), and grants with one defect
// each - too long, above the grantor's access, an unauthorized grantor, a role the template
// cannot grant, a missing or unknown field, a failed precondition, outside the scope, an
// inverted window, a missing end or start, custom permissions the template denies or does not
// allow, a grantee of the wrong kind or without a role the template requires, nothing granted.
#include <fmt/format.h>

#include <algorithm>

#include "tools/gen/scenarios.hpp"

namespace writ::gen {
namespace {

struct Made {
  Setup setup;
  GrantInstance grant;
  int tmpl = 0;
};

/// A grant the template's admin may make: within the duration, fields filled, in a context
/// drawn for the template's conditions (the judge checks they hold when it matters).
Made proposal(Scenes& s) {
  Made p;
  p.tmpl = static_cast<int>(s.rng.below(s.m.templates.size()));
  const Template& t = s.m.templates[p.tmpl];
  const int org = s.any_org();
  Setup& st = p.setup;
  st.kind = has(t.grantee_kinds, Kind::vendor_support) && s.rng.chance(60) ? Kind::vendor_support : Kind::external;
  if (t.grantee_kinds != 0 && !has(t.grantee_kinds, st.kind)) st.kind = Kind::vendor_support;
  st.target = org;
  st.at = kDefaultInstant + kDay * s.rng.between(0, 60);
  std::vector<const Cond*> conds;
  if (t.scope_when) conds.push_back(&*t.scope_when);
  for (const auto& c : t.preconditions) conds.push_back(&c);
  st.context = s.context_for(conds);
  s.meet_grantee_requires(st, p.tmpl);
  p.grant = s.live_grant(p.tmpl, org, st.at);
  GrantInstance& g = p.grant;
  if (!t.valid_from_required && s.rng.chance(40)) g.from.reset();
  if (g.from && *g.from < st.at) g.from = st.at;  // made now: it starts now
  if (g.to) g.to = g.from.value_or(st.at) + std::min(*t.max_duration, *t.default_duration * s.rng.between(1, 2));
  if (t.grantable.size() > 1 && s.rng.chance(40)) {
    int other = t.grantable[s.rng.below(t.grantable.size())];
    if (other != g.roles.front()) g.roles.push_back(other);
  }
  if (t.custom && s.rng.chance(40))
    if (auto c = s.custom_pattern(p.tmpl)) g.custom.push_back(*c);
  return p;
}

Candidate validation(Made p, Test::Expect expect, std::vector<std::string> codes, std::string story) {
  Candidate c;
  c.test.setup = std::move(p.setup);
  c.test.query = Test::Query::validate;
  c.test.validate = std::move(p.grant);
  c.test.expect = expect;
  c.test.codes = std::move(codes);
  c.story = std::move(story);
  return c;
}

}  // namespace

std::optional<Candidate> scene_validate_valid(Scenes& s) {
  Made p = proposal(s);
  const Template& t = s.m.templates[p.tmpl];
  return validation(std::move(p), Test::Expect::valid, {},
                    fmt::format("the admin of {} grants within every limit, and holds everything the grant gives", t.name));
}

std::optional<Candidate> scene_validate_invalid(Scenes& s) {
  Made p = proposal(s);
  const Template& t = s.m.templates[p.tmpl];
  GrantInstance& g = p.grant;
  std::string code, story;
  switch (s.rng.below(15)) {
    case 0: {
      // A grantor among the template's authorizers (not its admin) who lacks what the grant gives.
      std::vector<int> others;
      for (const auto& a : t.granted_by)
        for (int r : a.roles)
          if (r != t.admin) others.push_back(r);
      int weak = others.empty() ? s.staff_role() : others[s.rng.below(others.size())];
      g.grantor_roles = {Binding{weak, g.org}};
      code = "above_grantor_access";
      story = fmt::format("{} grants what it does not hold itself", s.m.roles[weak].name);
      break;
    }
    case 1:
      g.from = p.setup.at;
      g.to = *g.from + *t.max_duration + kDay * s.rng.between(1, 10);
      code = "duration_above_max";
      story = "the window is longer than the template's maximum";
      break;
    case 2: {
      int other = s.staff_role();
      g.grantor_roles = {Binding{other, g.org}};
      code = "grantor_not_allowed";
      story = fmt::format("{} is not among the template's grantors", s.m.roles[other].name);
      break;
    }
    case 3: {
      int r = static_cast<int>(s.rng.below(s.m.roles.size()));
      if (std::find(t.grantable.begin(), t.grantable.end(), r) != t.grantable.end()) return std::nullopt;
      g.roles.push_back(r);
      code = "role_not_grantable";
      story = fmt::format("the template cannot grant {}", s.m.roles[r].name);
      break;
    }
    case 4:
      if (!t.grantee_id.empty()) g.grantee_id.clear();
      else if (std::any_of(t.fields.begin(), t.fields.end(), [](const Field& f) { return f.required; })) g.fields.erase("ticket");
      else return std::nullopt;
      code = "missing_field";
      story = "a required field (or the grantee identifier) is missing";
      break;
    case 5:
      g.fields["bogus"] = "x";
      code = "unknown_field";
      story = "the grant sets a field the template does not declare";
      break;
    case 6:
      if (t.preconditions.empty()) return std::nullopt;
      code = "precondition_failed";
      story = "the account does not meet the template's precondition";
      break;
    case 7: {
      int elsewhere = s.unrelated_to(g.org);
      if (elsewhere < 0) return std::nullopt;
      p.setup.target = elsewhere;
      code = "scope_outside_template";
      story = "the grant's organization does not reach the account";
      break;
    }
    case 8:
      g.from = p.setup.at;
      g.to = *g.from - kDay * s.rng.between(0, 2);
      code = "window_inverted";
      story = "valid_to is not after valid_from";
      break;
    case 9:
      if (!t.valid_to_required) return std::nullopt;
      g.to.reset();
      code = "missing_valid_to";
      story = "the template requires valid_to";
      break;
    case 10:
      if (!t.valid_from_required) return std::nullopt;
      g.from.reset();
      code = "missing_valid_from";
      story = "the template requires valid_from";
      break;
    case 11:
      if (!t.custom || t.denies.empty()) return std::nullopt;
      g.custom.push_back(t.denies.front().pattern);
      code = "forbidden_permission";
      story = "custom permissions include what the template denies";
      break;
    case 12:
      if (t.custom) {
        p.setup.kind = Kind::internal;
        code = "grantee_kind_not_allowed";
        story = "an internal principal cannot receive it";
      } else {
        auto c = s.draw(s.staff_role(), 0, true);
        if (!c) return std::nullopt;
        g.custom.push_back(exact_pattern(s.m, c->perm));
        code = "custom_not_allowed";
        story = "the template does not allow custom permissions";
      }
      break;
    case 13:
      if (t.grantee_requires.empty()) return std::nullopt;
      p.setup.roles.clear();  // the binding proposal() gave for the requirement
      code = "grantee_role_missing";
      story = fmt::format("the grantee holds no role the template requires ({})", s.m.roles[t.grantee_requires.front()].name);
      break;
    default:
      g.roles.clear();
      g.custom.clear();
      code = "nothing_granted";
      story = "the grant names no role and no custom permission";
      break;
  }
  if (p.setup.kind == Kind::internal && code != "grantee_kind_not_allowed") return std::nullopt;
  return validation(std::move(p), Test::Expect::invalid, {code}, story);
}

std::optional<Candidate> scene_validate_nothing(Scenes& s) {
  Made p = proposal(s);
  p.grant.roles.clear();
  p.grant.custom.clear();
  return validation(std::move(p), Test::Expect::invalid, {"nothing_granted"}, "the grant names no role and no custom permission");
}

}  // namespace writ::gen
