// See who_can.hpp.
#include "compiler/eval/who_can.hpp"

namespace writ::eval {
namespace {

struct Found {
  ir::RoleId declared_in;
  const facts::Contribution* c;
};

class Search {
 public:
  Search(const facts::Facts& f, ir::PermissionId p) : f_(f), p_(p) {
    const ir::Policy& pol = f.policy();
    for (auto s : ir::all_of<ir::OrgScope>()) {
      auto& give = gives_[static_cast<std::size_t>(s)];
      auto& take = takes_[static_cast<std::size_t>(s)];
      for (std::uint32_t q = 0; q < pol.roles.size(); ++q) {
        const auto& own = f.own(ir::RoleId{q}, s);
        if (!own.may_allow.contains(p) && !own.may_deny.contains(p)) continue;
        for (const auto& c : own.contributions)
          if (c.permissions->contains(p)) (c.kind == facts::Contribution::Kind::deny ? take : give).push_back(Found{ir::RoleId{q}, &c});
      }
    }
  }

  /// The paths by which holding `role` at `scope` gives the permission.
  void paths(ir::RoleId role, ir::OrgScope scope, WhoCanPath base, const std::vector<ir::RuleId>& extra_removed, std::vector<WhoCanPath>& out) const {
    const auto si = static_cast<std::size_t>(scope);
    std::vector<ir::RuleId> removed = extra_removed;
    for (const Found& d : takes_[si])
      if (f_.reaches(role, d.declared_in)) removed.push_back(d.c->rule);
    for (const Found& g : gives_[si]) {
      if (!f_.reaches(role, g.declared_in)) continue;
      WhoCanPath path = base;
      path.role = role;
      path.scope = scope;
      path.rule = g.c->rule;
      path.declared_in = g.declared_in;
      path.level = g.c->level;
      path.requirements = g.c->requirements;
      if (g.c->level)
        for (auto r : f_.level_requirements(*g.c->level)) path.requirements.push_back(r);
      path.removed_by = removed;
      out.push_back(std::move(path));
    }
  }

 private:
  const facts::Facts& f_;
  ir::PermissionId p_;
  std::vector<Found> gives_[ir::kOrgScopeCount];
  std::vector<Found> takes_[ir::kOrgScopeCount];
};

}  // namespace

WhoCan who_can(const facts::Facts& f, ir::PermissionId perm) {
  const ir::Policy& p = f.policy();
  WhoCan out;
  out.permission = perm;
  const Search search(f, perm);
  for (std::uint32_t r = 0; r < p.roles.size(); ++r)
    for (auto s : ir::all_of<ir::OrgScope>()) search.paths(ir::RoleId{r}, s, WhoCanPath{}, {}, out.paths);
  for (std::uint32_t ti = 0; ti < p.templates.size(); ++ti) {
    const ir::GrantTemplate& t = p.templates[ti];
    std::vector<ir::RuleId> removed;
    for (auto d : t.denies)
      if (p[d].permissions.contains(perm)) removed.push_back(d);
    WhoCanPath base;
    base.via = WhoCanPath::Via::template_role;
    base.template_ = ir::TemplateId{ti};
    for (ir::RoleId role : t.grantable_roles) {
      search.paths(role, ir::OrgScope::self, base, removed, out.paths);
      if (t.org_scope == ir::OrgScope::descendants) search.paths(role, ir::OrgScope::descendants, base, removed, out.paths);
    }
    if (t.custom) {
      WhoCanPath custom = base;
      custom.via = WhoCanPath::Via::template_custom;
      custom.removed_by = removed;
      out.paths.push_back(std::move(custom));
    }
  }
  for (std::uint32_t ii = 0; ii < p.implicit_grants.size(); ++ii) {
    WhoCanPath base;
    base.via = WhoCanPath::Via::implicit;
    base.implicit = ir::ImplicitId{ii};
    for (ir::RoleId role : p.implicit_grants[ii].grants_roles)
      for (auto s : ir::all_of<ir::OrgScope>()) search.paths(role, s, base, {}, out.paths);
  }
  for (const auto& forbid : p.forbids)
    if (forbid.covers.contains(perm))
      for (auto d : forbid.denies)
        if (p[d].permissions.contains(perm)) out.forbids.push_back(d);
  return out;
}

}  // namespace writ::eval
