// Redundancy: A020 (roles nobody can hold), A021 (levels nothing uses), A022 (attributes no
// condition reads). Exact by construction: each is a property of the declarations alone (no edge,
// no use), decided by one pass over the IR; A020's witness also asks the interpreter that nobody
// may assign the role.
#include <algorithm>

#include "compiler/analysis/checks.hpp"
#include "compiler/analysis/witness.hpp"

namespace writ::analysis {

void check_redundancy(const CheckContext& c) {
  const auto& p = c.policy;
  // A020: not automatic, no authorizer, not grantable, not given by an implicit grant, not extended.
  std::vector<bool> reachable(p.roles.size(), false);
  for (const auto& r : p.roles)
    for (auto e : r.extends) reachable[e.value] = true;
  for (const auto& t : p.templates)
    for (auto r : t.grantable_roles) reachable[r.value] = true;
  for (const auto& ig : p.implicit_grants)
    for (auto r : ig.grants_roles) reachable[r.value] = true;
  for (std::uint32_t i = 0; i < p.roles.size(); ++i) {
    const auto& r = p.roles[i];
    if (reachable[i] || r.automatic || !r.assigned_by.empty()) continue;
    Finding f;
    f.check = Check::role_never_held;
    f.primary = r.span;
    f.args = {r.name};
    f.witness.chain = {{Step::Kind::hold, r.name, "", r.span}};
    f.witness.queries = {{Query::Kind::assign, make_request(p, ir::PrincipalKind::internal, {}, ir::OrgScope::self, ""), r.name, {}, false, ""}};
    c.add(std::move(f));
  }
  // A021: a level is used when assigned, included, derived from, required or selected.
  std::vector<bool> used(p.levels.size(), false);
  for (const auto& r : p.roles)
    for (const auto& s : r.at)
      for (const auto& la : s.levels) used[la.level.value] = true;
  for (const auto& l : p.levels) {
    for (auto i : l.includes) used[i.value] = true;
    if (l.readonly_of) used[l.readonly_of->value] = true;
  }
  for (const auto& rq : p.requirements) used[rq.level.value] = true;
  auto select = [&](const ir::Selector& s) {
    if (s.kind == ir::Selector::Kind::level) used[s.level.value] = true;
  };
  for (const auto& fb : p.forbids)
    for (const auto& s : fb.applies_to) select(s);
  for (const auto& a : p.assertions) select(a.subject);
  for (std::uint32_t i = 0; i < p.levels.size(); ++i) {
    if (used[i]) continue;
    const auto& l = p.levels[i];
    Finding f;
    f.check = Check::unused_level;
    f.primary = l.span;
    f.args = {p[l.module].name + "." + l.name};
    c.add(std::move(f));
  }
  // A022: attributes no atom reads (every condition of the policy is in the store).
  std::vector<bool> read(p.attributes.size(), false);
  for (std::uint32_t a = 0; a < p.conditions.atom_count(); ++a) {
    const auto& in = p.conditions.atom_of(ir::AtomId{a}).input;
    if (in.kind == ir::InputKind::attribute && in.attribute.value < read.size()) read[in.attribute.value] = true;
  }
  for (std::uint32_t i = 0; i < p.attributes.size(); ++i) {
    if (read[i]) continue;
    Finding f;
    f.check = Check::unused_attribute;
    f.primary = p.attributes[i].span;
    f.args = {p.attributes[i].name};
    c.add(std::move(f));
  }
}

}  // namespace writ::analysis
