// Access changes of two roles held together that neither role explains alone. Holding A and B
// is decided as "A or B" (docs/semantics.md §2) except where their rules interact: a requirement
// of one met by a level of the other (§3.4), a deny of one against what the other allows under
// deny_overrides, or a forbid that selects one (by role or level, §5.3) against what the other
// allows. Only such pairs can change in a way no single role shows, and only when something
// either of them, an automatic role or a forbid decides with changed (Unchanged); those pairs are
// asked like a single role, with A alone, B alone and no role as baselines, so what a single
// role already reports is not repeated. Covered by tests/unit/diff/role_pairs_test.cpp and the
// pair sweep of tests/unit/diff/generated_test.cpp.
#include <algorithm>
#include <map>
#include <set>

#include "compiler/diff/engine.hpp"

namespace writ::diff {

namespace {

/// What one role's closure brings to an interaction, at one scope, in one version's ids.
struct Shape {
  bool present = false;
  bool has_levels = false;     ///< assigns some level
  bool has_requirements = false;  ///< some permit or level of it is under a requirement
  bool many_requirements = false; ///< some permit or level of it is under two or more
  ir::PermissionSet allow;     ///< may allow, whatever the conditions
  ir::PermissionSet deny;      ///< may deny
  ir::PermissionSet selected;  ///< covered by forbids selecting the role, a role it extends, or a level it holds
};

Shape shape(const facts::Facts& f, const std::string& name, ir::OrgScope scope) {
  Shape s;
  const auto id = f.role(name);
  if (!id) return s;
  s.present = true;
  const auto& p = f.policy();
  std::set<std::uint32_t> closure, levels;
  f.for_each_in_closure(*id, [&](std::uint32_t q) {
    closure.insert(q);
    const auto& own = f.own(ir::RoleId{q}, scope);
    s.allow |= own.may_allow;
    s.deny |= own.may_deny;
    for (const auto& la : own.levels) levels.insert(la.level.value);
    for (const auto& c : own.contributions) {
      const std::size_t n = c.requirements.size() + (c.level ? f.level_requirements(*c.level).size() : 0);
      s.has_requirements = s.has_requirements || n > 0;
      s.many_requirements = s.many_requirements || n > 1;
    }
  });
  s.has_levels = !levels.empty();
  for (const auto& fb : p.forbids)
    for (const auto& sel : fb.applies_to)
      if ((sel.kind == ir::Selector::Kind::role && closure.count(sel.role.value)) ||
          (sel.kind == ir::Selector::Kind::level && levels.count(sel.level.value)))
        s.selected |= fb.covers;
  return s;
}

bool interact(const Shape& a, const Shape& b, bool deny_overrides) {
  if (!a.present || !b.present) return false;
  if ((a.has_requirements && b.has_levels) || (b.has_requirements && a.has_levels)) return true;
  if (deny_overrides && (a.deny.intersects(b.allow) || b.deny.intersects(a.allow))) return true;
  return a.selected.intersects(b.allow) || b.selected.intersects(a.allow);
}

struct Named {
  std::string old_name, new_name;
};

}  // namespace

void compare_role_pairs(const Pair& v, const std::map<std::string, std::string>& renamed) {
  const auto& op = v.old_f.policy();
  const auto& np = v.new_f.policy();
  std::vector<Named> roles;
  std::map<std::string, std::string> old_name_of;  // NEW name -> OLD name of a renamed role
  for (const auto& [o, n] : renamed) old_name_of[n] = o;
  for (const auto& r : np.roles) {
    const auto it = old_name_of.find(r.name);
    roles.push_back({it == old_name_of.end() ? r.name : it->second, r.name});
  }
  for (const auto& r : op.roles)
    if (!np.role_by_name.count(r.name) && !renamed.count(r.name)) roles.push_back({r.name, r.name});
  const bool old_do = op.combining == ir::Combining::deny_overrides;
  const bool new_do = np.combining == ir::Combining::deny_overrides;

  struct Candidate {
    std::size_t a, b;
    ir::OrgScope scope;
  };
  std::vector<Candidate> candidates;
  bool said_many = false;
  for (auto scope : ir::all_of<ir::OrgScope>()) {
    std::vector<Shape> os, ns;
    for (const auto& r : roles) {
      os.push_back(shape(v.old_f, r.old_name, scope));
      ns.push_back(shape(v.new_f, r.new_name, scope));
    }
    // A pair can only change where one of its roles does, or what every holder reads does.
    const bool everything = !v.unchanged.same_globals() || v.unchanged.automatic_changed(scope);
    const auto& forbids = v.unchanged.forbids_changed();
    std::vector<bool> changed(roles.size(), everything);
    for (std::size_t i = 0; i < roles.size() && !everything; ++i) {
      changed[i] = v.unchanged.role_changed(roles[i].old_name, roles[i].new_name, scope);
      if (!changed[i] && !forbids.empty())
        changed[i] = v.unchanged.to_new(os[i].allow | os[i].selected).intersects(forbids) ||
                     (ns[i].allow | ns[i].selected).intersects(forbids);
    }
    // A rule under several requirements can be completed by levels of several other roles
    // together: three or more roles, which pairs do not cover. Said, never passed over.
    bool any_level_changed = false;
    for (std::size_t i = 0; i < roles.size(); ++i)
      any_level_changed = any_level_changed || (changed[i] && (os[i].has_levels || ns[i].has_levels));
    for (std::size_t i = 0; i < roles.size() && !said_many; ++i)
      if ((os[i].many_requirements || ns[i].many_requirements) && (changed[i] || any_level_changed)) {
        v.out.incomplete.push_back("holders of three or more roles together: role `" + roles[i].new_name +
                                   "` has a rule under several requirements that levels of several other roles may "
                                   "meet together; combinations beyond pairs are not compared");
        said_many = true;
      }
    for (std::size_t a = 0; a < roles.size(); ++a) {
      if (!changed[a]) continue;
      for (std::size_t b = 0; b < roles.size(); ++b) {
        if (b == a || (changed[b] && b < a)) continue;
        if (!interact(os[a], os[b], old_do) && !interact(ns[a], ns[b], new_do)) continue;
        candidates.push_back({std::min(a, b), std::max(a, b), scope});
        if (candidates.size() > v.options.max_pairs) {
          v.out.incomplete.push_back("pairs of roles: more than " + std::to_string(v.options.max_pairs) +
                                     " pairs whose rules interact and changed; no pair compared");
          return;
        }
      }
    }
  }
  for (const auto& c : candidates) {
    const auto& a = roles[c.a];
    const auto& b = roles[c.b];
    SubjectQuestion q;
    q.subject = Subject{a.new_name, a.old_name, b.new_name};
    q.scope = c.scope;
    q.old_roles = {a.old_name, b.old_name};
    q.new_roles = {a.new_name, b.new_name};
    q.old_baselines = {{a.old_name}, {b.old_name}, {}};
    q.new_baselines = {{a.new_name}, {b.new_name}, {}};
    const auto to = touch(v.old_f, q.old_roles, c.scope);
    const auto tn = touch(v.new_f, q.new_roles, c.scope);
    if (!compare_touched(v, std::move(q), to, tn, v.out.access))
      v.out.incomplete.push_back("roles `" + a.new_name + "` + `" + b.new_name +
                                 "`: the inputs their rules read have more combinations than the bound; not compared");
  }
}

}  // namespace writ::diff
