// Grant templates (docs/language.md §9). Every template has `ceiling grantor` and a maximum
// duration; what varies is everything else: grantee kinds, grantee identifier, fields, window
// presence, scope and scope condition, preconditions, custom permissions, template denies, and
// who may grant (an admin role, other roles under conditions, sometimes `anyone when`).
//
// The ceiling is made satisfiable on purpose: each template gets an *admin*, a staff role given
// the `full` level of every module its grantable roles touch, at its own organization and below.
// Grantable roles stay out of the sensitive zone, where all denies and forbids are, so whatever a
// grant gives its admin holds, and validation tests can be valid by construction.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "tools/gen/build.hpp"
#include "tools/gen/gen_conditions.hpp"
#include "tools/gen/gen_patterns.hpp"
#include "tools/gen/names.hpp"

namespace writ::gen {
namespace {

constexpr std::int64_t kDay = 86400;

const std::vector<std::string_view> kTemplateWords = {"support_access", "partner_access", "audit_access", "vendor_access",
                                                      "contractor_access", "incident_access", "migration_access"};

std::vector<int> roles_of(const Model& m, RoleClass cls) {
  std::vector<int> out;
  for (std::size_t i = 0; i < m.roles.size(); ++i)
    if (m.roles[i].cls == cls) out.push_back(static_cast<int>(i));
  return out;
}

void modules_touched(const Model& m, int role, std::set<int>& out) {
  for (const auto& block : m.roles[role].at) {
    for (const auto& r : block.permits) out.insert(r.pattern.module);
    for (const auto& l : block.levels) out.insert(l.module);
  }
}

}  // namespace

void build_templates(Model& m, const Plan& plan, Rng& rng) {
  const std::vector<int> grantable = roles_of(m, RoleClass::grantable);
  std::vector<int> staff;
  for (int r : roles_of(m, RoleClass::staff))
    if (r != 0 && has(m.roles[r].holders, Kind::internal)) staff.push_back(r);  // not the read-only viewer
  std::vector<int> counts;
  std::set<int> admins;
  for (int t = 0; t < plan.templates; ++t) {
    Template tp;
    std::size_t w = static_cast<std::size_t>(t) % kTemplateWords.size();
    tp.name = numbered(kTemplateWords[w], counts, w);
    tp.title = fmt::format("Temporary access {}", t + 1);
    int k = static_cast<int>(rng.below(100));
    tp.grantee_kinds = k < 50 ? bit(Kind::vendor_support) : k < 80 ? bit(Kind::external) : bit(Kind::external) | bit(Kind::vendor_support);
    // Grantable roles the grantees may hold (holders bind grants too, if the language says so).
    std::vector<int> fit;
    for (int r : grantable)
      if ((m.roles[r].holders & tp.grantee_kinds) == tp.grantee_kinds) fit.push_back(r);
    // The second template (every policy has two) and some later ones admit only grantees who hold
    // a role of their kinds already; the tests give them a binding of it elsewhere.
    if ((t == 1 || (t > 1 && rng.chance(40))) && !fit.empty()) tp.grantee_requires.push_back(fit[rng.below(fit.size())]);
    const int n = std::min<int>(static_cast<int>(fit.size()), rng.between(1, 3));
    for (int i = 0; i < n; ++i) {
      int r = fit[rng.below(fit.size())];
      if (std::find(tp.grantable.begin(), tp.grantable.end(), r) == tp.grantable.end()) tp.grantable.push_back(r);
    }
    // The admin: a staff role not yet admin of another template when there are enough.
    int admin = staff[rng.below(staff.size())];
    for (int tries = 0; tries < 16 && admins.count(admin); ++tries) admin = staff[rng.below(staff.size())];
    admins.insert(admin);
    tp.admin = admin;
    std::set<int> mods;
    for (int r : tp.grantable) modules_touched(m, r, mods);
    // The first template has every optional part and the second none of the scope ones, so even
    // the smallest policy has both kinds; the others draw.
    const bool first = t == 0, second = t == 1;
    tp.custom = first || (!second && rng.chance(50));
    if (tp.custom) mods.insert(random_module(m, rng));  // custom grants draw from the admin's modules
    for (int mi : mods)
      for (auto& block : m.roles[admin].at) {
        LevelAssign full{mi, m.modules[mi].full};
        if (std::none_of(block.levels.begin(), block.levels.end(), [&](const LevelAssign& l) { return l.level == full.level; }))
          block.levels.push_back(full);
      }
    tp.granted_by.push_back(Authorizer{false, {admin}, std::nullopt});
    if (rng.chance(50)) {
      Authorizer a;
      const int extra = rng.between(1, 3);
      for (int i = 0; i < extra; ++i) {
        int r = staff[rng.below(staff.size())];
        if (r != admin && std::find(a.roles.begin(), a.roles.end(), r) == a.roles.end()) a.roles.push_back(r);
      }
      if (rng.chance(40)) a.when = random_condition(m, rng, CondUse::authorizer);
      if (!a.roles.empty()) tp.granted_by.push_back(std::move(a));
    }
    if (t == 0 || rng.chance(10)) {
      Authorizer a;
      a.anyone = true;
      a.when = atom(Cond::Input::attribute, Cond::Cmp::truthy, {}, m.attribute("allow_delegation"));
      tp.granted_by.push_back(std::move(a));
    }
    if (rng.chance(50)) tp.grantee_id = "grantee_user";
    if (rng.chance(50)) tp.fields.push_back(Field{"reason", false});
    if (rng.chance(35)) tp.fields.push_back(Field{"ticket", true});
    tp.valid_from_required = rng.chance(20);
    tp.valid_to_required = rng.chance(80);
    static const std::int64_t defaults[] = {1, 2, 5, 7}, maxima[] = {14, 30, 90, 180};
    tp.default_duration = defaults[rng.below(4)] * kDay;
    tp.max_duration = maxima[rng.below(4)] * kDay;
    tp.scope_descendants = first || (!second && rng.chance(50));
    if (first || (!second && rng.chance(30))) tp.scope_when = random_condition(m, rng, CondUse::scope);
    if (first || rng.chance(50)) tp.preconditions.push_back(random_condition(m, rng, CondUse::precondition));
    if (first || rng.chance(70)) {
      int mi = mods.empty() ? random_module(m, rng) : *std::next(mods.begin(), static_cast<long>(rng.below(mods.size())));
      Rule d{random_deny_pattern(m, mi, rng), std::nullopt, {}};
      if (rng.chance(20)) d.when = random_condition(m, rng, CondUse::deny);
      tp.denies.push_back(std::move(d));
    }
    tp.revocable = rng.chance(80);
    tp.audited = rng.chance(80);
    m.templates.push_back(std::move(tp));
  }
}

}  // namespace writ::gen
