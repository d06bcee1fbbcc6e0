// Forbid rules (docs/language.md §7): at least one per selector kind (anyone, kind, role,
// template, level), then more with random selectors, some under conditions. Their denies aim at
// the sensitive zone and at `archive` only (see gen_modules.cpp).
#include <fmt/format.h>

#include "tools/gen/build.hpp"
#include "tools/gen/gen_conditions.hpp"
#include "tools/gen/gen_patterns.hpp"

namespace writ::gen {
namespace {

Selector random_selector(const Model& m, Rng& rng, int which) {
  Selector s;
  switch (which % 6) {
    case 0: s.kind = Selector::Kind::anyone; break;
    case 1: s.kind = Selector::Kind::kind; s.principal_kind = Kind::external; break;
    case 2: s.kind = Selector::Kind::kind; s.principal_kind = Kind::vendor_support; break;
    case 3: {
      s.kind = Selector::Kind::role;
      do s.id = static_cast<int>(rng.below(m.roles.size()));
      while (m.roles[s.id].cls != RoleClass::staff);
      break;
    }
    case 4: s.kind = Selector::Kind::template_; s.id = static_cast<int>(rng.below(m.templates.size())); break;
    default: {
      s.kind = Selector::Kind::level;
      const Module& mod = m.modules[random_module(m, rng)];
      s.id = rng.chance(60) ? mod.full : mod.standard;
      break;
    }
  }
  return s;
}

}  // namespace

void build_forbids(Model& m, const Plan& plan, Rng& rng) {
  const int archive = static_cast<int>(m.modules.size()) - 1;
  for (int i = 0; i < plan.forbids; ++i) {
    Forbid f;
    f.name = fmt::format("forbid_{}", i + 1);
    f.title = fmt::format("Absolute rule {}", i + 1);
    f.applies_to.push_back(random_selector(m, rng, i < 6 ? i : static_cast<int>(rng.below(6))));
    if (i >= 6 && rng.chance(30)) f.applies_to.push_back(random_selector(m, rng, static_cast<int>(rng.below(6))));
    if (i == 0) {
      f.denies.push_back(Rule{module_pattern(m, archive, Pattern::Filter::write), std::nullopt, {}});
      f.reason = "The archive is read-only for everyone";
    } else {
      const int mi = random_module(m, rng);
      f.denies.push_back(Rule{random_deny_pattern(m, mi, rng), std::nullopt, {}});
      if (rng.chance(30)) f.denies.push_back(Rule{random_deny_pattern(m, mi, rng), random_condition(m, rng, CondUse::forbid), {}});
      f.reason = fmt::format("Sensitive data of {} stays protected", m.modules[mi].name);
      if (rng.chance(30)) f.when = random_condition(m, rng, CondUse::forbid);
    }
    m.forbids.push_back(std::move(f));
  }
}

}  // namespace writ::gen
