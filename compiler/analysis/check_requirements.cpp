// A032: a permit under a requirement that no principal allowed to hold its role can meet. A
// requirement `M >= L` holds when the principal holds, from any source reaching the target, an
// effective level of M at least L (docs/semantics.md §3.4); every source is a role, held through a
// binding, an automatic assignment, a grant or an implicit grant, and holders bind every source
// (§2.2). So for a principal of kind K the levels it can hold are those some role whose holders
// admit K assigns, at either scope (a role held at the target gives its `self` levels, one held
// above it its `descendants` levels), counting only when their level-wide requirements can be met
// the same way; holding more roles only adds levels, so each requirement can be met on its own.
// The answer is exact over every request, whatever roles it binds; the witness is a principal
// holding the permit's role and every role of its kind that assigns a level of the module, for
// whom the interpreter still reports the requirement unmet.
#include <algorithm>
#include <map>

#include "compiler/analysis/checks.hpp"
#include "compiler/analysis/witness.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/ir/print.hpp"

namespace writ::analysis {
namespace {

class Reach {
 public:
  explicit Reach(const facts::Facts& f) : f_(f), p_(f.policy()) {}

  /// Some principal of kind `k` can meet requirement `rq`.
  bool meets(ir::RequirementId rq, ir::PrincipalKind k) {
    const auto key = std::make_pair(p_[rq].level.value, static_cast<int>(k));
    if (auto it = meets_.find(key); it != meets_.end()) return it->second;
    bool ok = false;
    for (std::uint32_t y = 0; y < p_.roles.size() && !ok; ++y) {
      if (!allows(p_.roles[y], k)) continue;
      for (auto l : levels_of(ir::RoleId{y}))
        if (f_.at_least(l, p_[rq].level) && effective(l, k)) {
          ok = true;
          break;
        }
    }
    meets_[key] = ok;
    return ok;
  }

  /// Roles a principal of kind `k` may hold that assign a level of `module` (the witness's).
  std::vector<ir::RoleId> level_roles(ir::ModuleId module, ir::PrincipalKind k) {
    std::vector<ir::RoleId> out;
    for (std::uint32_t y = 0; y < p_.roles.size(); ++y) {
      if (!allows(p_.roles[y], k) || p_.roles[y].automatic) continue;
      const auto& ls = levels_of(ir::RoleId{y});
      if (std::any_of(ls.begin(), ls.end(), [&](ir::LevelId l) { return p_[l].module.value == module.value; }))
        out.push_back(ir::RoleId{y});
    }
    return out;
  }

  static bool allows(const ir::Role& r, ir::PrincipalKind k) {
    return std::find(r.holders.begin(), r.holders.end(), k) != r.holders.end();
  }

 private:
  /// Every level the closure of `role` assigns, at either scope.
  const std::vector<ir::LevelId>& levels_of(ir::RoleId role) {
    if (levels_.empty()) levels_.resize(p_.roles.size());
    auto& out = levels_[role.value];
    if (out) return *out;
    out.emplace();
    for (auto s : ir::all_of<ir::OrgScope>())
      f_.for_each_in_closure(role, [&](std::uint32_t q) {
        for (const auto& la : f_.own(ir::RoleId{q}, s).levels)
          if (std::none_of(out->begin(), out->end(), [&](ir::LevelId x) { return x.value == la.level.value; })) out->push_back(la.level);
      });
    return *out;
  }

  /// Level `l` can be effective for a principal of kind `k`. A level met only through itself is
  /// not effective (W023 rejects such cycles; fail closed like the interpreter).
  bool effective(ir::LevelId l, ir::PrincipalKind k) {
    const auto key = std::make_pair(l.value, static_cast<int>(k));
    if (auto it = effective_.find(key); it != effective_.end()) return it->second;
    effective_[key] = false;  // visiting
    bool ok = true;
    for (auto rq : f_.level_requirements(l)) ok = ok && meets(rq, k);
    effective_[key] = ok;
    return ok;
  }

  const facts::Facts& f_;
  const ir::Policy& p_;
  std::vector<std::optional<std::vector<ir::LevelId>>> levels_;
  std::map<std::pair<std::uint32_t, int>, bool> effective_;
  std::map<std::pair<std::uint32_t, int>, bool> meets_;  ///< by (level required, kind)
};

}  // namespace

void check_requirements(const CheckContext& c) {
  const auto& p = c.policy;
  Reach reach(c.facts);
  std::vector<bool> reported(p.rules.size(), false);
  for (std::uint32_t ri = 0; ri < p.roles.size(); ++ri) {
    const ir::RoleId role{ri};
    for (auto s : ir::all_of<ir::OrgScope>())
      for (const auto& con : c.facts.own(role, s).contributions) {
        if (con.kind == facts::Contribution::Kind::deny || reported[con.rule.value]) continue;
        auto reqs = con.requirements;
        if (con.level) {
          const auto& wide = c.facts.level_requirements(*con.level);
          reqs.insert(reqs.end(), wide.begin(), wide.end());
        }
        if (reqs.empty()) continue;
        // Unmet for every kind the role admits: the first requirement no principal of it can meet.
        std::optional<ir::RequirementId> unmet_for_first;
        bool every_kind = true;
        for (auto k : p[role].holders) {
          std::optional<ir::RequirementId> unmet;
          for (auto rq : reqs)
            if (!reach.meets(rq, k)) {
              unmet = rq;
              break;
            }
          if (!unmet) every_kind = false;
          if (!unmet_for_first) unmet_for_first = unmet;
        }
        if (!every_kind || !unmet_for_first) continue;
        const auto rq = *unmet_for_first;
        const auto kind = first_kind(p[role].holders);
        const std::string perm = first_name(p, *con.permissions);
        auto roles = reach.level_roles(p[rq].module, kind);
        if (std::find_if(roles.begin(), roles.end(), [&](ir::RoleId r) { return r.value == ri; }) == roles.end()) roles.insert(roles.begin(), role);
        Query q{Query::Kind::decide, make_request(p, kind, roles, s, perm), "", {}, false, ""};
        // Where the permit's condition holds, the interpreter reports its requirement unmet.
        bool found = false;
        for (const auto& ctx : contexts_for(p, {con.when})) {
          q.request.context = ctx;
          const auto d = eval::decide(c.facts, q.request);
          const bool unmet_here = std::any_of(d.reasons.begin(), d.reasons.end(), [&](const eval::Reason& r) {
            return r.code == eval::ReasonCode::requirement_unmet && r.rule && r.rule->value == con.rule.value;
          });
          if (!unmet_here) continue;
          q.expect_allow = d.allow;  // what else the principal holds may allow it; the claim is the unmet requirement
          found = true;
          break;
        }
        if (!found) continue;
        reported[con.rule.value] = true;
        const auto& rule = p[con.rule];
        const std::string req = p[p[rq].module].name + " >= " + p[p[rq].level].name;
        Finding f;
        f.check = Check::requirement_unsatisfiable;
        f.primary = rule.span;
        f.related = {{p[rq].span, "the requirement"}, {p[p[rq].level].span, "the level required"}};
        f.args = {rule.name.empty() ? rule.key : rule.name, p[role].name, ir::kinds_text(p[role].holders), req};
        f.permissions = *con.permissions;
        f.witness.chain = {{Step::Kind::hold, p[role].name, "", p[role].span}};
        f.witness.queries = {q};
        c.add(std::move(f));
      }
  }
}

}  // namespace writ::analysis
