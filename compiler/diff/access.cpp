// Access changes: per subject (holders of a role, of nothing but automatic roles), per scope, per
// permission either version's rules for that subject mention, every assignment of the inputs
// those rules read is decided by both interpreters. Cells a baseline subject changes alike are
// left to the baseline (a change of an automatic role is reported once, under "every principal",
// not under every role). docs/diff.md §"What is compared".
#include <algorithm>
#include <map>

#include "compiler/diff/engine.hpp"
#include "compiler/eval/interpreter.hpp"

namespace writ::diff {

namespace {

void add_role_closure(const facts::Facts& f, ir::RoleId role, ir::OrgScope scope, ir::PermissionSet& perms, Touch& t) {
  const auto& p = f.policy();
  f.for_each_in_closure(role, [&](auto q) {
    for (const auto& c : f.own(ir::RoleId{static_cast<std::uint32_t>(q)}, scope).contributions) {
      if (!c.permissions) continue;
      // Only what something allows can change: without an allow both versions deny.
      if (c.kind != facts::Contribution::Kind::deny) perms |= *c.permissions;
      t.conditional.push_back({c.permissions, c.when});
      t.conditional.push_back({c.permissions, p[c.rule].when.id});
    }
  });
}

/// Automatic roles and forbids: read by every subject.
void add_everyones(const facts::Facts& f, ir::OrgScope scope, ir::PermissionSet& perms, Touch& t) {
  const auto& p = f.policy();
  for (auto r : f.automatic_roles()) {
    t.reads.named |= p[r].named_accounts;
    add_role_closure(f, r, scope, perms, t);
  }
  for (const auto& fb : p.forbids) {
    t.conditional.push_back({&fb.covers, fb.when.id});
    for (auto d : fb.denies) t.conditional.push_back({&p[d].permissions, p[d].when.id});
  }
}

std::set<std::string> names_of(const ir::Policy& p, const ir::PermissionSet& s) {
  std::set<std::string> out;
  for (auto id : s.members()) out.insert(p.permission_name(id));
  return out;
}

}  // namespace

std::optional<ir::PermissionId> permission_id(const ir::Policy& p, const std::string& name) {
  ir::Request r;
  if (!eval::set_permission(r, name)) return std::nullopt;
  return eval::resolve_permission(p, r, nullptr);
}

std::vector<ir::CondId> Touch::conditions_of(const ir::Policy& p, const std::string& permission) const {
  std::vector<ir::CondId> out;
  auto id = permission_id(p, permission);
  if (!id) return out;
  for (const auto& c : conditional)
    if (c.when != ir::kTrue && c.permissions->contains(*id)) out.push_back(c.when);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Touch touch(const facts::Facts& f, const std::vector<std::string>& roles, ir::OrgScope scope) {
  const auto& p = f.policy();
  Touch t;
  ir::PermissionSet perms;
  for (const auto& name : roles) {
    auto id = f.role(name);
    if (!id) continue;
    const auto& r = p[*id];
    t.reads.kinds.insert(t.reads.kinds.end(), r.holders.begin(), r.holders.end());
    t.reads.named |= r.named_accounts;
    add_role_closure(f, *id, scope, perms, t);
  }
  add_everyones(f, scope, perms, t);
  t.permissions = std::move(perms);
  return t;
}

Touch touch_automatic(const facts::Facts& f, ir::OrgScope scope) {
  Touch t;
  ir::PermissionSet perms;
  add_everyones(f, scope, perms, t);
  t.permissions = std::move(perms);
  return t;  // reads.kinds empty: every kind
}

ir::Request base_request(const std::vector<std::string>& roles, ir::OrgScope scope, const std::string& permission) {
  ir::Request r;
  r.principal.id = kPrincipalId;
  r.principal.org = "root";
  for (const auto& role : roles) r.principal.roles.push_back({role, "root"});
  r.org_parents = ir::OrgTree{{"root", {}}, {"child", "root"}};
  r.target_org = scope == ir::OrgScope::self ? "root" : "child";
  if (!permission.empty()) eval::set_permission(r, permission);
  return r;
}

std::vector<Span> cited(const ir::Policy& p, const eval::Decision& d) {
  std::vector<Span> out;
  auto add = [&](const Span& s) {
    if (s.known() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  for (const auto& r : d.reasons) {
    if (r.effect == eval::Effect::info) continue;
    if (r.rule) add(p[*r.rule].span);
    if (r.forbid) add(p[*r.forbid].span);
    if (r.authorizer) add(p[*r.authorizer].span);
  }
  return out;
}

std::vector<std::vector<Atom>> regions(const Space& space, const std::vector<std::size_t>& changed,
                                       std::vector<std::size_t>* representatives) {
  const std::set<std::size_t> in(changed.begin(), changed.end());
  // 1. Drop every input the set does not depend on (saturated: any value of it stays in the set).
  std::vector<bool> keep(space.dims.size(), true);
  for (std::size_t d = 0; d < space.dims.size(); ++d) {
    const auto n = space.dims[d].size();
    if (n == 1) {
      keep[d] = false;  // one value: nothing to say (kinds are listed apart)
      continue;
    }
    keep[d] = !std::all_of(changed.begin(), changed.end(), [&](std::size_t a) {
      for (std::size_t v = 0; v < n; ++v)
        if (!in.count(space.with(a, d, v))) return false;
      return true;
    });
  }
  // 2. Project onto what remains, then merge regions that differ in one input only into a set of
  // values for it (a product of value sets is still exactly a part of the changed set).
  struct Box {
    std::vector<std::set<std::size_t>> values;  ///< per dimension; unkept ones stay empty
    std::size_t representative = 0;
  };
  std::vector<Box> boxes;
  std::set<std::vector<std::size_t>> seen;
  for (auto a : changed) {
    std::vector<std::size_t> key;
    for (std::size_t d = 0; d < space.dims.size(); ++d) key.push_back(keep[d] ? space.digit(a, d) : 0);
    if (!seen.insert(key).second) continue;
    Box b;
    b.values.resize(space.dims.size());
    for (std::size_t d = 0; d < space.dims.size(); ++d)
      if (keep[d]) b.values[d].insert(key[d]);
    b.representative = a;
    boxes.push_back(std::move(b));
  }
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < boxes.size() && !merged; ++i)
      for (std::size_t j = i + 1; j < boxes.size() && !merged; ++j) {
        std::size_t differing = 0, at = 0;
        for (std::size_t d = 0; d < space.dims.size(); ++d)
          if (boxes[i].values[d] != boxes[j].values[d]) ++differing, at = d;
        if (differing != 1) continue;
        boxes[i].values[at].insert(boxes[j].values[at].begin(), boxes[j].values[at].end());
        boxes.erase(boxes.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
      }
  }
  std::vector<std::vector<Atom>> out;
  for (const auto& b : boxes) {
    std::vector<Atom> atoms;
    for (std::size_t d = 0; d < space.dims.size(); ++d) {
      if (!keep[d]) continue;
      Atom atom{space.dims[d].input(), {}};
      for (auto v : b.values[d]) atom.values.push_back(space.dims[d].label(v));
      atoms.push_back(std::move(atom));
    }
    out.push_back(std::move(atoms));
    if (representatives) representatives->push_back(b.representative);
  }
  return out;
}

std::vector<ir::PrincipalKind> take_kinds(const Space& space, std::vector<Atom>& region) {
  for (auto it = region.begin(); it != region.end(); ++it)
    if (it->input == "principal.kind") {
      std::vector<ir::PrincipalKind> out;
      for (const auto& v : it->values)
        if (auto k = ir::parse_name<ir::PrincipalKind>(v)) out.push_back(*k);
      region.erase(it);  // said by the kinds; "for external, when principal.kind = external" says it twice
      return out;
    }
  for (const auto& d : space.dims)
    if (d.kind == Dim::Kind::principal_kind) return d.kinds;
  return {};
}

bool compare_subject(const Pair& v, const SubjectQuestion& q, std::vector<AccessCube>& cubes) {
  const std::size_t size = q.space.size(v.options.max_assignments);
  if (size > v.options.max_assignments) return false;
  auto decide_on = [&](const facts::Facts& f, const std::vector<std::string>& roles, const std::string& perm,
                       std::size_t a) {
    auto r = base_request(roles, q.scope, perm);
    q.space.apply(a, r);
    return eval::decide(f, r).allow;
  };
  struct Group {
    std::vector<std::string> permissions;
    std::size_t representative = 0;
  };
  std::map<std::pair<Direction, std::vector<Atom>>, Group> groups;
  for (const auto& perm : q.permissions) {
    std::vector<std::size_t> changed[2];
    for (std::size_t a = 0; a < size; ++a) {
      const bool o = decide_on(v.old_f, q.old_roles, perm, a);
      const bool n = decide_on(v.new_f, q.new_roles, perm, a);
      if (o == n) continue;
      bool baseline_alike = false;
      for (std::size_t b = 0; b < q.old_baselines.size() && !baseline_alike; ++b) {
        const bool bo = decide_on(v.old_f, q.old_baselines[b], perm, a);
        const bool bn = decide_on(v.new_f, q.new_baselines[b], perm, a);
        baseline_alike = bo != bn && bn == n;
      }
      if (!baseline_alike) changed[n ? 0 : 1].push_back(a);
    }
    for (int d = 0; d < 2; ++d) {
      if (changed[d].empty()) continue;
      std::vector<std::size_t> reps;
      auto rs = regions(q.space, changed[d], &reps);
      for (std::size_t i = 0; i < rs.size(); ++i) {
        auto& g = groups[{static_cast<Direction>(d), rs[i]}];
        if (g.permissions.empty()) g.representative = reps[i];
        g.permissions.push_back(perm);
      }
    }
  }
  for (auto& [key, g] : groups) {
    AccessCube c;
    c.subject = q.subject;
    c.direction = key.first;
    c.scope = q.scope;
    c.region = key.second;
    c.kinds = take_kinds(q.space, c.region);
    c.permissions = std::move(g.permissions);
    std::sort(c.permissions.begin(), c.permissions.end());
    auto old_req = base_request(q.old_roles, q.scope, c.permissions.front());
    auto new_req = base_request(q.new_roles, q.scope, c.permissions.front());
    q.space.apply(g.representative, old_req);
    q.space.apply(g.representative, new_req);
    c.old_rules = cited(v.old_f.policy(), eval::decide(v.old_f, old_req));
    c.new_rules = cited(v.new_f.policy(), eval::decide(v.new_f, new_req));
    c.example = std::move(new_req);
    cubes.push_back(std::move(c));
  }
  return true;
}

bool compare_touched(const Pair& v, SubjectQuestion q, const Touch& to, const Touch& tn, std::vector<AccessCube>& cubes) {
  // Permissions whose rules read the same conditions share one space.
  std::map<std::pair<std::vector<ir::CondId>, std::vector<ir::CondId>>, std::set<std::string>> groups;
  const auto& op = v.old_f.policy();
  const auto& np = v.new_f.policy();
  auto add = [&](const std::string& perm) {
    groups[{to.conditions_of(op, perm), tn.conditions_of(np, perm)}].insert(perm);
  };
  std::vector<std::pair<std::string, std::string>> held;
  for (std::size_t i = 0; i < q.new_roles.size(); ++i) held.emplace_back(q.old_roles[i], q.new_roles[i]);
  if (const auto may_differ = v.unchanged.may_differ(held, q.scope)) {
    // One permission universe: only what may differ is decided.
    for (auto id : ((v.unchanged.to_new(to.permissions) | tn.permissions) & *may_differ).members()) add(np.permission_name(id));
  } else {
    std::set<std::string> all = names_of(op, to.permissions);
    for (auto id : tn.permissions.members()) all.insert(np.permission_name(id));
    for (const auto& perm : all) add(perm);
  }
  std::vector<AccessCube> found;
  for (auto& [conds, perms] : groups) {
    Reads ro = to.reads, rn = tn.reads;
    ro.conditions = conds.first;
    rn.conditions = conds.second;
    q.space = space_for(v.old_f.policy(), ro, v.new_f.policy(), rn);
    q.permissions = std::move(perms);
    if (!compare_subject(v, q, found)) return false;
  }
  // One cube per region across the groups.
  for (auto& c : found) {
    auto same = std::find_if(cubes.begin(), cubes.end(), [&](const AccessCube& d) {
      return d.subject == c.subject && d.direction == c.direction && d.scope == c.scope && d.region == c.region &&
             d.kinds == c.kinds;
    });
    if (same == cubes.end()) {
      cubes.push_back(std::move(c));
      continue;
    }
    same->permissions.insert(same->permissions.end(), c.permissions.begin(), c.permissions.end());
    std::sort(same->permissions.begin(), same->permissions.end());
    for (const auto& s : c.new_rules)
      if (std::find(same->new_rules.begin(), same->new_rules.end(), s) == same->new_rules.end()) same->new_rules.push_back(s);
    for (const auto& s : c.old_rules)
      if (std::find(same->old_rules.begin(), same->old_rules.end(), s) == same->old_rules.end()) same->old_rules.push_back(s);
  }
  return true;
}

namespace {

std::vector<ir::PrincipalKind> holders(const facts::Facts& f, const std::string& role) {
  auto id = f.role(role);
  return id ? f.policy()[*id].holders : std::vector<ir::PrincipalKind>{};
}

/// One subject over both scopes; false (nothing appended) when a space is above the bound.
bool compare_role(const Pair& v, const Subject& s, std::vector<AccessCube>& cubes) {
  std::vector<AccessCube> found;
  for (auto scope : ir::all_of<ir::OrgScope>()) {
    SubjectQuestion q;
    q.subject = s;
    q.scope = scope;
    q.old_roles = {s.old_role};
    q.new_roles = {s.role};
    q.old_baselines = {{}};
    q.new_baselines = {{}};
    auto to = touch(v.old_f, q.old_roles, scope);
    auto tn = touch(v.new_f, q.new_roles, scope);
    // A role one version lacks is held by nobody there; its holders' kinds are the other's.
    if (!v.old_f.role(s.old_role)) to.reads.kinds = holders(v.new_f, s.role);
    if (!v.new_f.role(s.role)) tn.reads.kinds = holders(v.old_f, s.old_role);
    if (!compare_touched(v, std::move(q), to, tn, found)) return false;
  }
  cubes.insert(cubes.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return true;
}

std::string too_large(const std::string& what) {
  return what + ": the inputs its rules read have more combinations than the bound; not compared";
}

}  // namespace

void compare_access(const Pair& v) {
  const auto& op = v.old_f.policy();
  const auto& np = v.new_f.policy();
  // Every principal, through automatic roles only.
  for (auto scope : ir::all_of<ir::OrgScope>()) {
    SubjectQuestion q;
    q.scope = scope;
    if (!compare_touched(v, std::move(q), touch_automatic(v.old_f, scope), touch_automatic(v.new_f, scope), v.out.access))
      v.out.incomplete.push_back(too_large("every principal (automatic roles)"));
  }
  // Roles that only one version has: renamed when the pair is decided alike everywhere.
  std::vector<std::string> gone, added;
  for (const auto& r : op.roles)
    if (!np.role_by_name.count(r.name)) gone.push_back(r.name);
  for (const auto& r : np.roles)
    if (!op.role_by_name.count(r.name)) added.push_back(r.name);
  std::map<std::string, std::string> renamed_to;  // old -> new
  constexpr std::size_t kMaxRenamePairs = 256;
  if (!gone.empty() && gone.size() * added.size() <= kMaxRenamePairs) {
    std::set<std::string> taken;
    for (const auto& o : gone)
      for (const auto& n : added) {
        if (taken.count(n)) continue;
        if (holders(v.old_f, o) != holders(v.new_f, n)) continue;
        std::vector<AccessCube> probe;
        if (compare_role(v, Subject{n, o, {}}, probe) && probe.empty()) {
          renamed_to[o] = n;
          taken.insert(n);
          v.out.renamed.push_back({o, n});
          break;
        }
      }
  }
  std::set<std::string> renamed_new;
  for (const auto& [o, n] : renamed_to) renamed_new.insert(n);
  for (const auto& r : np.roles) {
    if (renamed_new.count(r.name)) continue;
    if (!compare_role(v, Subject{r.name, r.name, {}}, v.out.access)) v.out.incomplete.push_back(too_large("role `" + r.name + "`"));
  }
  for (const auto& o : gone) {
    if (renamed_to.count(o)) continue;
    if (!compare_role(v, Subject{o, o, {}}, v.out.access)) v.out.incomplete.push_back(too_large("role `" + o + "`"));
  }
  compare_role_pairs(v, renamed_to);
}

}  // namespace writ::diff
