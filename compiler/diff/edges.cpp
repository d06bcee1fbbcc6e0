// Assignment edges: for every role either version lets someone assign, and every role named as
// its assigner (or "anyone"), may_assign is asked of both interpreters over the inputs the
// authorizers' conditions read, at the target itself and below it. A holder of a role that
// extends an assigner role changes with it and is not listed again. docs/diff.md.
#include <algorithm>
#include <map>

#include "compiler/diff/engine.hpp"
#include "compiler/eval/interpreter.hpp"

namespace writ::diff {

namespace {

struct Names {
  std::map<std::string, std::string> to_new, to_old;
  [[nodiscard]] std::string old_of(const std::string& n) const {
    auto it = to_old.find(n);
    return it == to_old.end() ? n : it->second;
  }
  [[nodiscard]] std::string new_of(const std::string& o) const {
    auto it = to_new.find(o);
    return it == to_new.end() ? o : it->second;
  }
};

/// Assigners of `role` in one version (NEW's names), with "" for `anyone`, and the conditions read.
void assigners(const facts::Facts& f, const std::string& role, bool is_old, const Names& names,
               std::set<std::string>& out, Reads& reads) {
  const auto& p = f.policy();
  auto id = f.role(role);
  if (!id) return;
  for (auto a : p[*id].assigned_by) {
    const auto& az = p[a];
    if (az.automatic) continue;
    reads.conditions.push_back(az.when.id);
    if (az.anyone) out.insert("");
    for (auto r : az.roles) out.insert(is_old ? names.new_of(p[r].name) : p[r].name);
  }
}

}  // namespace

void compare_edges(const Pair& v) {
  const auto& op = v.old_f.policy();
  const auto& np = v.new_f.policy();
  Names names;
  for (const auto& r : v.out.renamed) {
    names.to_new[r.old_name] = r.new_name;
    names.to_old[r.new_name] = r.old_name;
  }
  std::set<std::string> roles;  // NEW's names
  for (const auto& r : np.roles) roles.insert(r.name);
  for (const auto& r : op.roles) roles.insert(names.new_of(r.name));
  for (const auto& role : roles) {
    const std::string old_role = names.old_of(role);
    std::set<std::string> who;
    Reads ro, rn;
    assigners(v.old_f, old_role, true, names, who, ro);
    assigners(v.new_f, role, false, names, who, rn);
    for (const auto& assigner : who) {
      const std::string old_assigner = names.old_of(assigner);
      Reads ao = ro, an = rn;
      if (!assigner.empty()) {
        for (const auto* pr : {&v.old_f, &v.new_f}) {
          auto id = pr->role(pr == &v.old_f ? old_assigner : assigner);
          if (!id) continue;
          auto& rd = pr == &v.old_f ? ao : an;
          const auto& h = pr->policy()[*id].holders;
          rd.kinds.insert(rd.kinds.end(), h.begin(), h.end());
          rd.named |= pr->policy()[*id].named_accounts;
        }
        if (ao.kinds.empty()) ao.kinds = an.kinds;
        if (an.kinds.empty()) an.kinds = ao.kinds;
      }
      const Space space = space_for(op, ao, np, an);
      const std::size_t size = space.size(v.options.max_assignments);
      if (size > v.options.max_assignments) {
        v.out.incomplete.push_back("assignment of `" + role + "` by `" + (assigner.empty() ? "anyone" : assigner) +
                                   "`: the inputs its conditions read have more combinations than the bound; not compared");
        continue;
      }
      for (auto scope : ir::all_of<ir::OrgScope>()) {
        auto ask = [&](const facts::Facts& f, const std::string& holder, const std::string& assigned, std::size_t a) {
          auto r = base_request(holder.empty() ? std::vector<std::string>{} : std::vector<std::string>{holder}, scope, "");
          space.apply(a, r);
          return std::pair{eval::may_assign(f, r, assigned, ""), r};
        };
        std::vector<std::size_t> changed[2];
        for (std::size_t a = 0; a < size; ++a) {
          const bool o = ask(v.old_f, old_assigner, old_role, a).first.allow;
          const bool n = ask(v.new_f, assigner, role, a).first.allow;
          if (o == n) continue;
          if (!assigner.empty()) {
            const bool bo = ask(v.old_f, "", old_role, a).first.allow;
            const bool bn = ask(v.new_f, "", role, a).first.allow;
            if (bo != bn && bn == n) continue;  // anyone's change
          }
          changed[n ? 0 : 1].push_back(a);
        }
        for (int d = 0; d < 2; ++d) {
          if (changed[d].empty()) continue;
          std::vector<std::size_t> reps;
          auto rs = regions(space, changed[d], &reps);
          for (std::size_t i = 0; i < rs.size(); ++i) {
            EdgeChange e;
            e.assigner = assigner;
            e.role = role;
            e.direction = static_cast<Direction>(d);
            e.scope = scope;
            e.region = rs[i];
            e.kinds = take_kinds(space, e.region);
            auto [od, oreq] = ask(v.old_f, old_assigner, old_role, reps[i]);
            auto [nd, nreq] = ask(v.new_f, assigner, role, reps[i]);
            e.old_rules = cited(op, od);
            e.new_rules = cited(np, nd);
            e.example = std::move(nreq);
            v.out.edges.push_back(std::move(e));
          }
        }
      }
    }
  }
}

}  // namespace writ::diff
