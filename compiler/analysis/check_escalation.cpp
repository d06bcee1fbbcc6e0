// Escalation through assignment: A001 (one edge gives more than the assigner holds, where it
// assigns: at its own organization or below it), A005 (an
// edge marked `contained` does) and A002 (a chain of two or more edges does). An edge marked
// `intended "REASON"` gives more on purpose and is neither reported nor a step of a chain; a
// `contained` edge is checked by A005 instead of A001 and is no step of a chain either. Exact: a
// gained permission is in the assigned role's `sure` bound and outside the assigner's `may` bound
// (access.hpp), so every holder of the assigned role has it and no holder of the assigner alone
// ever does; the witness is the pair of decisions plus the assignment(s), replayed through the
// interpreter (which allows the assignment: it does not bound a `contained` edge, semantics.md §8).
#include <deque>

#include "compiler/analysis/checks.hpp"
#include "compiler/analysis/witness.hpp"

namespace writ::analysis {
namespace {

/// An assignment edge an assigner uses, not marked `intended`: the edges A001 and A005 judge.
bool judged(const ir::Authorizer& a) {
  return a.target == ir::Authorizer::Target::assign_role && !a.automatic && a.intended.empty();
}

/// The edges a chain of A002 may step along: judged, and not bounded by `contained`.
bool counts(const ir::Authorizer& a) { return judged(a) && !a.contained; }

/// What holding `to` gives at scope `s` that holding `from` (with the automatic roles) never
/// gives at scope `from_s` of the same organization.
ir::PermissionSet gained(const CheckContext& c, ir::RoleId to, std::optional<ir::RoleId> from, ir::OrgScope s,
                         ir::OrgScope from_s) {
  ir::PermissionSet g = c.access.of(to, s).sure;
  if (from) g -= c.access.of(*from, from_s).may;
  g -= c.access.automatic_may();
  g -= c.access.could_be_removed();
  return g;
}

ir::PermissionSet gained(const CheckContext& c, ir::RoleId to, std::optional<ir::RoleId> from, ir::OrgScope s) {
  return gained(c, to, from, s, s);
}

std::vector<Query> contrast(const CheckContext& c, ir::RoleId to, ir::RoleId from, ir::OrgScope s, ir::OrgScope from_s,
                            const std::string& perm) {
  const auto& p = c.policy;
  Query allow{Query::Kind::decide, make_request(p, first_kind(p[to].holders), {to}, s, perm), "", {}, true, ""};
  Query deny{Query::Kind::decide, make_request(p, first_kind(p[from].holders), {from}, from_s, perm), "", {}, false, ""};
  return {allow, deny};
}

/// Where an assigned role takes effect, against the assigner's access there: assigning at the
/// assigner's own organization compares scope with scope; assigning at an organization below it
/// (semantics.md §8 allows any organization the assigner's role reaches) puts the role's `self`
/// access where the assigner has only its `descendants` access.
struct Placement {
  ir::OrgScope assigned, assigner;
  const char* label;
};
constexpr Placement kPlacements[] = {
    {ir::OrgScope::self, ir::OrgScope::self, "self"},
    {ir::OrgScope::descendants, ir::OrgScope::descendants, "descendants"},
    {ir::OrgScope::self, ir::OrgScope::descendants, "descendants (assigned below its own organization)"},
};

void one_edge(const CheckContext& c) {
  const auto& p = c.policy;
  for (std::uint32_t ai = 0; ai < p.authorizers.size(); ++ai) {
    const auto& a = p.authorizers[ai];
    if (!judged(a)) continue;
    for (auto from : a.roles) {
      for (const auto& at : kPlacements) {
        auto g = gained(c, a.role, from, at.assigned, at.assigner);
        if (g.empty()) continue;
        const std::string perm = first_name(p, g);
        auto queries = contrast(c, a.role, from, at.assigned, at.assigner, perm);
        // Assigning at the organization the deny query asks about: the assigner's own, or below it.
        queries.push_back({Query::Kind::assign, make_request(p, first_kind(p[from].holders), {from}, at.assigner, ""),
                           p[a.role].name, {}, true, ""});
        auto ok = with_context(c.facts, queries, {a.when.id});
        if (!ok) continue;
        Finding f;
        f.check = a.contained ? Check::contained_exceeds_assigner : Check::assign_exceeds_assigner;
        f.primary = a.span;
        f.related = {{p[from].span, "the assigner role"}, {p[a.role].span, "the assigned role"}};
        f.args = {p[from].name, p[a.role].name, std::to_string(g.count()), p[from].name, at.label, perm};
        f.witness.chain = {{Step::Kind::hold, p[from].name, "", p[from].span}, {Step::Kind::assign, p[a.role].name, "", a.span}};
        f.witness.queries = std::move(*ok);
        f.permissions = std::move(g);
        c.add(std::move(f));
        break;  // one finding per edge: the first scope that gains
      }
    }
  }
}

void chains(const CheckContext& c) {
  const auto& p = c.policy;
  const std::uint32_t n = static_cast<std::uint32_t>(p.roles.size());
  // direct[q]: (authorizer, role assigned) for edges whose assigner list names q.
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> direct(n);
  for (std::uint32_t ai = 0; ai < p.authorizers.size(); ++ai) {
    const auto& a = p.authorizers[ai];
    if (!counts(a)) continue;
    for (auto from : a.roles) direct[from.value].push_back({ai, a.role.value});
  }
  constexpr std::uint32_t kNone = ~0U;
  std::vector<std::uint32_t> depth(n, kNone), parent(n, kNone), via(n, kNone);
  std::vector<std::uint32_t> touched;
  for (std::uint32_t start = 0; start < n; ++start) {
    for (auto t : touched) depth[t] = kNone;
    touched.clear();
    std::deque<std::uint32_t> queue{start};
    depth[start] = 0;
    touched.push_back(start);
    std::optional<std::uint32_t> found;
    while (!queue.empty() && !found) {
      const auto x = queue.front();
      queue.pop_front();
      c.facts.for_each_in_closure(ir::RoleId{x}, [&](std::uint32_t q) {
        for (auto [ai, to] : direct[q]) {
          if (depth[to] != kNone) continue;
          depth[to] = depth[x] + 1;
          parent[to] = x;
          via[to] = ai;
          touched.push_back(to);
          queue.push_back(to);
          if (!found && depth[to] >= 2 && !c.facts.reaches(ir::RoleId{start}, ir::RoleId{to}) &&
              !gained(c, ir::RoleId{to}, ir::RoleId{start}, ir::OrgScope::self).empty())
            found = to;
        }
      });
    }
    if (!found) continue;
    const ir::RoleId from{start}, to{*found};
    auto g = gained(c, to, from, ir::OrgScope::self);
    const std::string perm = first_name(p, g);
    std::vector<std::uint32_t> path;
    for (auto x = *found; x != start; x = parent[x]) path.push_back(x);
    std::reverse(path.begin(), path.end());
    // A chain whose first step already gains all of it says nothing A001 on that step does not
    // (that edge's finding holds under any context the chain's does, with a permission of its own
    // sure set).
    const auto first = gained(c, ir::RoleId{path.front()}, from, ir::OrgScope::self);
    if ((g - first).empty()) continue;
    Finding f;
    f.check = Check::escalation_chain;
    f.primary = p[from].span;
    f.witness.chain.push_back({Step::Kind::hold, p[from].name, "", p[from].span});
    auto queries = contrast(c, to, from, ir::OrgScope::self, ir::OrgScope::self, perm);
    std::vector<ir::CondId> conds;
    std::uint32_t prev = start;
    for (auto x : path) {
      const auto& a = p.authorizers[via[x]];
      f.witness.chain.push_back({Step::Kind::assign, p.roles[x].name, "", a.span});
      f.related.push_back({a.span, "assignment step to `" + p.roles[x].name + "`"});
      queries.push_back({Query::Kind::assign, make_request(p, first_kind(p.roles[prev].holders), {ir::RoleId{prev}}, ir::OrgScope::self, ""),
                         p.roles[x].name, {}, true, ""});
      conds.push_back(a.when.id);
      prev = x;
    }
    auto ok = with_context(c.facts, queries, conds);
    if (!ok) continue;
    f.args = {p[from].name, p[to].name, std::to_string(path.size()), std::to_string(g.count()), perm};
    f.witness.queries = std::move(*ok);
    f.permissions = std::move(g);
    c.add(std::move(f));
  }
}

}  // namespace

void check_escalation(const CheckContext& c) {
  one_edge(c);
  chains(c);
}

}  // namespace writ::analysis
