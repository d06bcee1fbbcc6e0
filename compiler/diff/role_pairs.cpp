// Access changes of two roles held together that neither role explains alone. Holding A and B
// is decided as "A or B" (docs/semantics.md §2) except where their rules interact: a requirement
// of one met by a level of the other (§3.4), a deny of one against what the other allows under
// deny_overrides, or a forbid that selects one (by role or level, §5.3) against what the other
// allows. Only such pairs can change in a way no single role shows, and only when something
// either of them, an automatic role or a forbid decides with changed (Unchanged); those pairs are
// asked like a single role, with A alone, B alone and no role as baselines, so what a single
// role already reports is not repeated.
// Three roles can change together where no pair does: a rule of one under a requirement that a
// level of a second meets, and a third that denies or selects (a forbid) what the first two give,
// or that meets a level-wide requirement of the second's level; and four, when that third role
// completes the second's level and a fourth denies or selects. Those combinations are asked the
// same way, with every smaller part of them as a baseline. Beyond that (several requirements on
// one rule, a longer chain of level-wide requirements) the diff says it did not compare. Covered by tests/unit/diff/role_pairs_test.cpp and the pair and triple sweeps of
// tests/unit/diff/generated_test.cpp.
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
  bool level_requirements = false; ///< some level it assigns counts only under level-wide requirements
  std::vector<ir::LevelId> required;  ///< levels its rules' requirements name
  std::vector<ir::LevelId> levels;    ///< levels it assigns
  std::vector<ir::LevelId> level_wide;  ///< levels the level-wide requirements of its levels name
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
      for (auto rq : c.requirements) s.required.push_back(p[rq].level);
      if (c.level)
        for (auto rq : f.level_requirements(*c.level)) s.required.push_back(p[rq].level);
    }
  });
  s.has_levels = !levels.empty();
  for (auto l : levels) {
    s.levels.push_back(ir::LevelId{l});
    for (auto rq : f.level_requirements(ir::LevelId{l})) s.level_wide.push_back(p[rq].level);
  }
  s.level_requirements = !s.level_wide.empty();
  // Only membership is asked (meets), once per pair of roles: each level once, not once per rule.
  for (auto* v : {&s.required, &s.level_wide}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
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

/// A level `b` assigns may meet one of `required`.
bool meets(const facts::Facts& f, const Shape& b, const std::vector<ir::LevelId>& required) {
  for (auto held : b.levels)
    for (auto req : required)
      if (f.at_least(held, req)) return true;
  return false;
}
/// A level `b` assigns may meet a requirement of `a`'s rules.
bool meets(const facts::Facts& f, const Shape& b, const Shape& a) { return meets(f, b, a.required); }

/// `c` denies (under deny_overrides) or makes a forbid select what `x` may allow.
bool stops(const Shape& c, const Shape& x, bool deny_overrides) {
  return c.selected.intersects(x.allow) || (deny_overrides && c.deny.intersects(x.allow));
}

/// Roles a, b, c held together may decide something no two of them show: b meets a requirement
/// of a, and c stops what a or b allows, or c meets a level-wide requirement of b's levels.
bool interact3(const facts::Facts& f, const std::vector<Shape>& s, std::size_t a, std::size_t b, std::size_t c,
               bool deny_overrides) {
  if (!s[a].present || !s[b].present || !s[c].present || !meets(f, s[b], s[a])) return false;
  return stops(s[c], s[a], deny_overrides) || stops(s[c], s[b], deny_overrides) || meets(f, s[c], s[b].level_wide);
}

/// The four-role case: b meets a's requirement only while c meets b's level-wide one, and d stops
/// what a, b or c allows.
bool interact4(const facts::Facts& f, const std::vector<Shape>& s, std::size_t a, std::size_t b, std::size_t c,
               std::size_t d, bool deny_overrides) {
  if (!s[a].present || !s[b].present || !s[c].present || !s[d].present) return false;
  if (!meets(f, s[b], s[a]) || !meets(f, s[c], s[b].level_wide)) return false;
  return stops(s[d], s[a], deny_overrides) || stops(s[d], s[b], deny_overrides) || stops(s[d], s[c], deny_overrides);
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
    std::vector<std::size_t> roles;  ///< two or three, ascending
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
        candidates.push_back({{std::min(a, b), std::max(a, b)}, scope});
        if (candidates.size() > v.options.max_pairs) {
          v.out.incomplete.push_back("pairs of roles: more than " + std::to_string(v.options.max_pairs) +
                                     " pairs whose rules interact and changed; no pair compared");
          return;
        }
      }
    }
    // Triples and quadruples: a under a requirement, b meeting it, c completing the change (and d
    // stopping what a level c completes gives); at least one of them changed.
    const bool any_changed = std::find(changed.begin(), changed.end(), true) != changed.end();
    // Who may complete what is listed once per role, so the search stays near the pairs' cost.
    std::vector<std::vector<std::size_t>> stoppers(roles.size());
    std::vector<bool> listed(roles.size(), false);
    auto stoppers_of = [&](std::size_t x) -> const std::vector<std::size_t>& {
      if (!listed[x]) {
        listed[x] = true;
        for (std::size_t c = 0; c < roles.size(); ++c)
          if (c != x && (stops(os[c], os[x], old_do) || stops(ns[c], ns[x], new_do))) stoppers[x].push_back(c);
      }
      return stoppers[x];
    };
    std::vector<std::size_t> level_roles;
    for (std::size_t c = 0; c < roles.size(); ++c)
      if (os[c].has_levels || ns[c].has_levels) level_roles.push_back(c);
    std::set<std::vector<std::size_t>> combos;
    bool over = false;
    auto add = [&](std::vector<std::size_t> t) {
      std::sort(t.begin(), t.end());
      if (!combos.insert(t).second) return;
      candidates.push_back({std::move(t), scope});
      over = over || candidates.size() > v.options.max_pairs;
    };
    // Every combination asked and every line said below needs a changed role: with none (a
    // question about other roles' rules, as an assertion's forbid can be) there is nothing to look for.
    for (std::size_t a = 0; a < roles.size() && !over && any_changed; ++a) {
      if (!(os[a].has_requirements || ns[a].has_requirements)) continue;
      for (std::size_t b : level_roles) {
        if (over) break;
        if (b == a || !(meets(v.old_f, os[b], os[a]) || meets(v.new_f, ns[b], ns[a]))) continue;
        const bool chain = os[b].level_requirements || ns[b].level_requirements;
        std::set<std::size_t> thirds(stoppers_of(a).begin(), stoppers_of(a).end());
        thirds.insert(stoppers_of(b).begin(), stoppers_of(b).end());
        if (chain) thirds.insert(level_roles.begin(), level_roles.end());
        for (std::size_t c : thirds) {
          if (c == a || c == b) continue;
          const bool completes = chain && (meets(v.old_f, os[c], os[b].level_wide) || meets(v.new_f, ns[c], ns[b].level_wide));
          if ((changed[a] || changed[b] || changed[c]) &&
              (interact3(v.old_f, os, a, b, c, old_do) || interact3(v.new_f, ns, a, b, c, new_do)))
            add({a, b, c});
          if (!completes) continue;
          // c completes b's level: a fourth role may stop what the three give.
          if (!said_many && any_changed && (os[c].level_requirements || ns[c].level_requirements)) {
            v.out.incomplete.push_back("holders of five or more roles together: role `" + roles[c].new_name +
                                       "` meets a level-wide requirement with a level under level-wide requirements "
                                       "of its own; combinations beyond four roles are not compared");
            said_many = true;
          }
          std::set<std::size_t> fourths(stoppers_of(a).begin(), stoppers_of(a).end());
          fourths.insert(stoppers_of(b).begin(), stoppers_of(b).end());
          fourths.insert(stoppers_of(c).begin(), stoppers_of(c).end());
          for (std::size_t d : fourths) {
            if (d == a || d == b || d == c || !(changed[a] || changed[b] || changed[c] || changed[d])) continue;
            if (interact4(v.old_f, os, a, b, c, d, old_do) || interact4(v.new_f, ns, a, b, c, d, new_do)) add({a, b, c, d});
          }
        }
      }
    }
    if (over) {
      v.out.incomplete.push_back("combinations of roles: more than " + std::to_string(v.options.max_pairs) +
                                 " pairs, triples and quadruples whose rules interact and changed; none compared");
      return;
    }
  }
  for (const auto& c : candidates) {
    SubjectQuestion q;
    const auto& first = roles[c.roles[0]];
    q.subject = Subject{first.new_name, first.old_name, {}};
    q.scope = c.scope;
    for (auto i : c.roles) {
      q.old_roles.push_back(roles[i].old_name);
      q.new_roles.push_back(roles[i].new_name);
      if (i != c.roles[0]) q.subject.with.push_back(roles[i].new_name);
    }
    // Baselines: every proper part of the combination, the empty one included.
    const std::size_t n = c.roles.size();
    for (std::size_t mask = 0; mask + 1 < (std::size_t{1} << n); ++mask) {
      std::vector<std::string> o, nn;
      for (std::size_t i = 0; i < n; ++i)
        if (mask >> i & 1u) o.push_back(q.old_roles[i]), nn.push_back(q.new_roles[i]);
      q.old_baselines.push_back(std::move(o));
      q.new_baselines.push_back(std::move(nn));
    }
    const auto to = touch(v.old_f, q.old_roles, c.scope);
    const auto tn = touch(v.new_f, q.new_roles, c.scope);
    std::string names;
    for (const auto& r : q.new_roles) names += (names.empty() ? "`" : " + `") + r + "`";
    if (!compare_touched(v, std::move(q), to, tn, v.out.access))
      v.out.incomplete.push_back("roles " + names + ": the inputs their rules read have more combinations than the bound; not compared");
  }
}

}  // namespace writ::diff
