// Conflicts: A030 (a level declared `above` another without giving its unconditional
// permissions: `above` orders levels for requirements but adds nothing, semantics.md §3.2) and
// A031 (an unconditional deny in a role's closure always removes part of one of its permits: the
// deny wins under both combining rules, so that part of the permit is dead for every holder of
// the permit's role). The witness of A031 is a holder of the role denied the permission.
#include <algorithm>

#include "compiler/analysis/checks.hpp"
#include "compiler/analysis/witness.hpp"

namespace writ::analysis {
namespace {

void above_lacks(const CheckContext& c) {
  const auto& p = c.policy;
  for (std::uint32_t li = 0; li < p.levels.size(); ++li) {
    const auto& l = p.levels[li];
    ir::PermissionSet may;
    for (const auto& lp : c.facts.level_permits(ir::LevelId{li})) may |= lp.permissions;
    for (auto lower : l.above) {
      if (std::find(l.includes.begin(), l.includes.end(), lower) != l.includes.end()) continue;
      ir::PermissionSet sure;
      if (c.facts.level_requirements(lower).empty())
        for (const auto& lp : c.facts.level_permits(lower))
          if (lp.requirements.empty() && p[lp.rule].when.always()) sure |= lp.permissions;
      auto missing = sure - may;
      if (missing.empty()) continue;
      Finding f;
      f.check = Check::above_lacks_permissions;
      f.primary = l.span;
      f.related = {{p[lower].span, "the level it is declared above"}};
      f.args = {p[l.module].name + "." + l.name, p[p[lower].module].name + "." + p[lower].name, std::to_string(missing.count()),
                first_name(p, missing)};
      f.permissions = std::move(missing);
      c.add(std::move(f));
    }
  }
}

void dead_permits(const CheckContext& c) {
  const auto& p = c.policy;
  for (std::uint32_t ri = 0; ri < p.roles.size(); ++ri) {
    const ir::RoleId role{ri};
    for (auto s : ir::all_of<ir::OrgScope>()) {
      for (const auto& permit : c.facts.own(role, s).contributions) {
        if (permit.kind != facts::Contribution::Kind::permit) continue;
        c.facts.for_each_in_closure(role, [&](std::uint32_t q) {
          for (const auto& deny : c.facts.own(ir::RoleId{q}, s).contributions) {
            if (deny.kind != facts::Contribution::Kind::deny || deny.when != ir::kTrue) continue;
            auto dead = *permit.permissions & *deny.permissions;
            if (dead.empty()) continue;
            const std::string perm = first_name(p, dead);
            Query qy{Query::Kind::decide, make_request(p, first_kind(p[role].holders), {role}, s, perm), "", {}, false, ""};
            Finding f;
            f.check = Check::permit_dead_by_deny;
            f.primary = p[permit.rule].span;
            f.related = {{p[deny.rule].span, "the deny that removes it"}};
            const auto& pr = p[permit.rule];
            const auto& dr = p[deny.rule];
            f.args = {pr.name.empty() ? pr.key : pr.name, p[role].name, std::to_string(dead.count()), perm,
                      dr.name.empty() ? dr.key : dr.name};
            f.witness.chain = {{Step::Kind::hold, p[role].name, "", p[role].span}};
            f.witness.queries = {qy};
            f.permissions = std::move(dead);
            c.add(std::move(f));
          }
        });
      }
    }
  }
}

}  // namespace

void check_conflicts(const CheckContext& c) {
  above_lacks(c);
  dead_permits(c);
}

}  // namespace writ::analysis
