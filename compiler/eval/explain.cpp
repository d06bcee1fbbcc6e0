// See explain.hpp.
#include "compiler/eval/explain.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "compiler/eval/view.hpp"

namespace writ::eval {

RoleExplanation explain_role(const facts::Facts& f, ir::RoleId role) {
  RoleExplanation out;
  out.role = role;
  for (auto s : ir::all_of<ir::OrgScope>()) {
    std::map<std::uint32_t, std::vector<ExplainEntry>> rows;
    f.for_each_in_closure(role, [&](std::uint32_t q) {
      for (const auto& c : f.own(ir::RoleId{q}, s).contributions) {
        ExplainEntry e;
        e.kind = c.kind == facts::Contribution::Kind::deny ? ExplainEntry::Kind::deny
                 : c.kind == facts::Contribution::Kind::level ? ExplainEntry::Kind::level
                                                               : ExplainEntry::Kind::permit;
        e.rule = c.rule;
        e.declared_in = ir::RoleId{q};
        e.level = c.level;
        e.requirements = c.requirements;
        if (c.level)
          for (auto r : f.level_requirements(*c.level)) e.requirements.push_back(r);
        e.when = c.when;
        for (const auto& run : c.permissions->runs())
          for (std::uint32_t p = run.first; p < run.last; ++p) rows[p].push_back(e);
      }
    });
    auto& scope = out.scopes[static_cast<std::size_t>(s)];
    for (auto& [p, entries] : rows) {
      // Permits first, then denies, each in closure order: how a reader checks "given, then taken".
      std::stable_partition(entries.begin(), entries.end(), [](const ExplainEntry& e) { return e.kind != ExplainEntry::Kind::deny; });
      scope.push_back(ExplainRow{ir::PermissionId{p}, std::move(entries)});
    }
  }
  return out;
}

PrincipalGrid explain_principal(const facts::Facts& f, const ir::Request& request) {
  static const ir::OrgTree kNoTree;
  const ir::OrgTree& tree = request.org_parents ? *request.org_parents : kNoTree;
  std::set<std::string> orgs{request.target_org};
  for (const auto& [o, parent] : tree) orgs.insert(o);
  for (const auto& b : request.principal.roles)
    if (!b.org.empty()) orgs.insert(b.org);
  for (const auto& g : request.principal.grants)
    if (!g.org.empty()) orgs.insert(g.org);
  for (const auto& t : request.principal.triggers)
    if (!t.org.empty()) orgs.insert(t.org);
  PrincipalGrid out;
  out.organizations.assign(orgs.begin(), orgs.end());
  for (const auto& org : out.organizations) {
    ir::Request r = request;
    r.target_org = org;
    // Bindings and grants without an organization are held at the request's own target.
    for (auto& b : r.principal.roles)
      if (b.org.empty()) b.org = request.target_org;
    for (auto& g : r.principal.grants)
      if (g.org.empty()) g.org = request.target_org;
    for (auto& t : r.principal.triggers)
      if (t.org.empty()) t.org = request.target_org;
    if (r.principal.org.empty()) r.principal.org = request.target_org;
    out.allowed.push_back(View(f, r, r.principal, Place(tree, org)).allowed());
  }
  return out;
}

}  // namespace writ::eval
