// Administrative closure per principal kind (A003): the least fixpoint of the roles a principal of
// kind K can come to hold when it uses every automatic role, assignment rule, template and
// implicit grant open to it — then every role reserved to other kinds that such a principal may
// assign. Naive iteration to the fixpoint is enough: each round adds a role or stops, so at most
// roles + 1 rounds, each linear in the edges. The first rule deriving each role is kept, so the
// witness chain falls out; the last step (the assignment of the reserved role) is replayed.
#include <algorithm>

#include "compiler/analysis/checks.hpp"
#include "compiler/analysis/witness.hpp"

namespace writ::analysis {
namespace {

bool allows(const std::vector<ir::PrincipalKind>& kinds, ir::PrincipalKind k) {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

struct Derivation {
  Step step;
  std::uint32_t from = ~0U;  ///< the held role whose closure enabled it; ~0U: nothing needed
};

}  // namespace

void check_closure(const CheckContext& c) {
  const auto& p = c.policy;
  const auto n = static_cast<std::uint32_t>(p.roles.size());
  for (auto k : {ir::PrincipalKind::external, ir::PrincipalKind::vendor_support}) {
    std::vector<std::optional<Derivation>> held(n);
    facts::Bits heldc(n);  // every role in the closure of a held role
    std::vector<std::uint32_t> holder_of(n, ~0U);  // heldc member -> the held role giving it
    auto hold = [&](std::uint32_t r, Derivation d) {
      if (held[r] || !allows(p.roles[r].holders, k)) return false;
      held[r] = std::move(d);
      c.facts.for_each_in_closure(ir::RoleId{r}, [&](std::uint32_t q) {
        if (!heldc.contains(q)) holder_of[q] = r;
        heldc.insert(q);
      });
      return true;
    };
    // The role (held, or ~0U for "nothing needed") that enables an authorizer; nullopt: none.
    auto enabled = [&](const ir::Authorizer& a) -> std::optional<std::uint32_t> {
      if (a.anyone) return ~0U;
      for (auto r : a.roles)
        if (heldc.contains(r.value)) return holder_of[r.value];
      return std::nullopt;
    };
    for (auto a : c.facts.automatic_roles()) hold(a.value, {{Step::Kind::hold, p[a].name, "", p[a].span}, ~0U});
    for (bool changed = true; changed;) {
      changed = false;
      for (const auto& a : p.authorizers) {
        if (a.automatic) continue;
        auto e = enabled(a);
        if (!e) continue;
        if (a.target == ir::Authorizer::Target::assign_role) {
          changed |= hold(a.role.value, {{Step::Kind::assign, p[a.role].name, "", a.span}, *e});
        } else {
          const auto& t = p[a.template_];
          if (!allows(t.grantee_kinds, k)) continue;
          for (auto r : t.grantable_roles) changed |= hold(r.value, {{Step::Kind::grant, p[r].name, t.name, t.span}, *e});
        }
      }
      for (const auto& ig : p.implicit_grants) {
        if (!allows(ig.grantee_kinds, k)) continue;
        std::optional<std::uint32_t> e;
        if (ig.grantee_roles.empty()) e = ~0U;
        for (auto r : ig.grantee_roles)
          if (!e && heldc.contains(r.value)) e = holder_of[r.value];
        if (!e) continue;
        for (auto r : ig.grants_roles) changed |= hold(r.value, {{Step::Kind::implicit, p[r].name, ig.name, ig.span}, *e});
      }
    }
    for (const auto& a : p.authorizers) {
      if (a.automatic || a.target != ir::Authorizer::Target::assign_role) continue;
      const auto& reserved = p[a.role];
      if (allows(reserved.holders, k)) continue;
      auto e = enabled(a);
      if (!e) continue;
      Finding f;
      f.check = Check::external_reaches_internal;
      f.primary = a.span;
      std::vector<Step> chain;
      for (auto x = *e; x != ~0U; x = held[x]->from) chain.push_back(held[x]->step);
      std::reverse(chain.begin(), chain.end());
      for (const auto& s : chain) f.related.push_back({s.span, "step to `" + s.role + "`"});
      f.related.push_back({reserved.span, "the reserved role"});
      std::vector<ir::RoleId> roles;
      if (*e != ~0U) roles.push_back(ir::RoleId{*e});
      Query q{Query::Kind::assign, make_request(p, k, roles, ir::OrgScope::self, ""), reserved.name, {}, true, ""};
      auto ok = with_context(c.facts, {q}, {a.when.id});
      if (!ok) continue;
      std::string kinds;
      for (auto h : reserved.holders) kinds += (kinds.empty() ? "" : ", ") + std::string(ir::name(h));
      f.args = {std::string(ir::name(k)), *e == ~0U ? std::string("no role") : p.roles[*e].name, reserved.name, kinds};
      chain.push_back({Step::Kind::assign, reserved.name, "", a.span});
      f.witness.chain = std::move(chain);
      f.witness.queries = std::move(*ok);
      c.add(std::move(f));
    }
  }
}

}  // namespace writ::analysis
