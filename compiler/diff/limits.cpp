// Grant templates and implicit grants, limit by limit: what NEW lets a grantor hand out (or an
// event give) that OLD did not is a loosening, the reverse a tightening. Conditions (scope
// conditions, preconditions, an implicit grant's `when`) are compared by meaning: over the space
// of the inputs both versions' conditions read, loosened when some assignment satisfies NEW's and
// not OLD's. Roles are compared by NEW's names (renames applied). docs/diff.md.
#include <algorithm>
#include <map>

#include "compiler/core/time.hpp"
#include "compiler/diff/engine.hpp"
#include "compiler/ir/print.hpp"

namespace writ::diff {

namespace {

struct Limits {
  const Pair& v;
  std::map<std::string, std::string> to_new;
  LimitChange::Of of = LimitChange::Of::template_;
  std::string name;
  Span old_span, new_span;

  [[nodiscard]] std::string new_of(const std::string& o) const {
    auto it = to_new.find(o);
    return it == to_new.end() ? o : it->second;
  }
  void add(std::string limit, std::string old_value, std::string new_value, bool loosened) const {
    v.out.limits.push_back({of, name, std::move(limit), std::move(old_value), std::move(new_value), loosened, old_span, new_span});
  }
  /// Two sets where more members allow more: one entry per side that has members the other lacks.
  void sets(const std::string& limit, const std::set<std::string>& o, const std::set<std::string>& n, bool more_is_looser) const {
    std::vector<std::string> plus, minus;
    std::set_difference(n.begin(), n.end(), o.begin(), o.end(), std::back_inserter(plus));
    std::set_difference(o.begin(), o.end(), n.begin(), n.end(), std::back_inserter(minus));
    auto join = [](const std::vector<std::string>& xs) {
      std::string s;
      for (const auto& x : xs) s += (s.empty() ? "" : ", ") + x;
      return s;
    };
    if (!plus.empty()) add(limit, "", join(plus), more_is_looser);
    if (!minus.empty()) add(limit, join(minus), "", !more_is_looser);
  }
  void flag(const std::string& limit, bool o, bool n, bool true_is_looser) const {
    if (o != n) add(limit, o ? "yes" : "no", n ? "yes" : "no", n == true_is_looser);
  }
  std::set<std::string> role_names(const ir::Policy& p, const std::vector<ir::RoleId>& ids, bool is_old) const {
    std::set<std::string> out;
    for (auto r : ids) out.insert(is_old ? new_of(p[r].name) : p[r].name);
    return out;
  }
};

std::set<std::string> kind_names(const std::vector<ir::PrincipalKind>& ks) {
  std::set<std::string> out;
  if (ks.empty()) {
    for (auto k : ir::all_of<ir::PrincipalKind>()) out.insert(std::string(ir::name(k)));
  } else {
    for (auto k : ks) out.insert(std::string(ir::name(k)));
  }
  return out;
}

/// All of `conds` at assignment `a` of `s` and target relation `relation`.
ir::Truth all_true(const ir::Policy& p, const std::vector<ir::CondId>& conds, const Space& s, std::size_t a,
                   const char* relation) {
  ir::Request r;
  s.apply(a, r);
  ir::Truth out = ir::Truth::true_;
  for (auto c : conds) {
    auto t = p.conditions.evaluate(c, [&](const ir::Input& in) -> std::optional<ir::Value> {
      switch (in.kind) {
        case ir::InputKind::attribute: {
          auto it = r.context.find(p[in.attribute].name);
          if (it == r.context.end()) return std::nullopt;
          return it->second;
        }
        case ir::InputKind::principal_kind: return ir::Value{std::string(ir::name(r.principal.kind))};
        case ir::InputKind::principal_named: return ir::Value{r.principal.named};
        case ir::InputKind::principal_has_grant: return ir::Value{false};
        case ir::InputKind::principal_is_owner:
          if (!r.resource_owner) return std::nullopt;
          return ir::Value{*r.resource_owner == kPrincipalId};
        case ir::InputKind::target_relation: return ir::Value{std::string(relation)};
      }
      return std::nullopt;
    });
    if (t == ir::Truth::false_) return t;
    if (t == ir::Truth::unknown) out = t;
  }
  return out;
}

std::string conds_text(const ir::Policy& p, const std::vector<ir::CondId>& conds) {
  std::string s;
  for (auto c : conds)
    if (c != ir::kTrue) s += (s.empty() ? "" : " and ") + ir::condition_text(p, c);
  return s.empty() ? "true" : s;
}

/// Compares two conjunctions of conditions by meaning.
void conditions(const Limits& l, const std::string& limit, const ir::Policy& op, const std::vector<ir::CondId>& oc,
                const ir::Policy& np, const std::vector<ir::CondId>& nc) {
  Reads ro{oc, {}, true}, rn{nc, {}, true};
  const Space s = space_for(op, ro, np, rn);
  const std::size_t size = s.size(l.v.options.max_assignments);
  if (size > l.v.options.max_assignments) {
    l.v.out.incomplete.push_back(l.name + " " + limit + ": the conditions read more combinations than the bound; not compared");
    return;
  }
  bool looser = false, tighter = false;
  for (std::size_t a = 0; a < size; ++a)
    for (const char* rel : {"self", "descendant"}) {
      const bool o = all_true(op, oc, s, a, rel) == ir::Truth::true_;
      const bool n = all_true(np, nc, s, a, rel) == ir::Truth::true_;
      looser |= n && !o;
      tighter |= o && !n;
    }
  if (looser || tighter) l.add(limit, conds_text(op, oc), conds_text(np, nc), looser);
}

std::string duration(const std::optional<ir::Seconds>& d) { return d ? core::format_duration(*d) : "none"; }

void compare_template(const Limits& l, const ir::Policy& op, const ir::GrantTemplate& o, const ir::Policy& np,
                      const ir::GrantTemplate& n) {
  // No maximum: the policy-wide limit binds (docs/semantics.md §7).
  const auto om = o.max_duration.value_or(op.grant_duration_limit());
  const auto nm = n.max_duration.value_or(np.grant_duration_limit());
  if (om != nm) l.add("max_duration", core::format_duration(om), core::format_duration(nm), nm > om);
  if (o.default_duration != n.default_duration)
    l.add("default_duration", duration(o.default_duration), duration(n.default_duration),
          n.default_duration.value_or(0) > o.default_duration.value_or(0));
  l.sets("grantable role", l.role_names(op, o.grantable_roles, true), l.role_names(np, n.grantable_roles, false), true);
  l.flag("custom permissions", o.custom, n.custom, true);
  if (o.org_scope != n.org_scope)
    l.add("org_scope", std::string(ir::name(o.org_scope)), std::string(ir::name(n.org_scope)), n.org_scope == ir::OrgScope::descendants);
  conditions(l, "scope condition", op, {o.scope_when.id}, np, {n.scope_when.id});
  l.flag("ceiling grantor", o.ceiling_grantor, n.ceiling_grantor, false);
  std::vector<ir::CondId> opre, npre;
  for (const auto& c : o.preconditions) opre.push_back(c.id);
  for (const auto& c : n.preconditions) npre.push_back(c.id);
  conditions(l, "preconditions", op, opre, np, npre);
  l.sets("grantee kind", kind_names(o.grantee_kinds), kind_names(n.grantee_kinds), true);
  {
    // Holding any of them qualifies; none listed: anyone qualifies.
    auto orq = l.role_names(op, o.grantee_requires, true), nrq = l.role_names(np, n.grantee_requires, false);
    if (orq.empty() != nrq.empty()) l.add("grantee requires", orq.empty() ? "nothing" : "a role", nrq.empty() ? "nothing" : "a role", nrq.empty());
    else l.sets("grantee requires one of", orq, nrq, true);
  }
  {
    std::set<std::string> og, ng;
    for (auto a : o.granted_by) {
      if (op[a].anyone) og.insert("anyone");
      for (auto r : op[a].roles) og.insert(l.new_of(op[r].name));
    }
    for (auto a : n.granted_by) {
      if (np[a].anyone) ng.insert("anyone");
      for (auto r : np[a].roles) ng.insert(np[r].name);
    }
    l.sets("granted by", og, ng, true);
  }
  l.flag("revocable", o.revocable, n.revocable, false);
  l.flag("audited", o.audited, n.audited, false);
  l.flag("valid_from required", o.valid_from == ir::Presence::required, n.valid_from == ir::Presence::required, false);
  l.flag("valid_to required", o.valid_to == ir::Presence::required, n.valid_to == ir::Presence::required, false);
  {
    ir::PermissionSet od, nd;
    for (auto r : o.denies) od |= op[r].permissions;
    for (auto r : n.denies) nd |= np[r].permissions;
    std::set<std::string> on, nn;
    for (auto p : od.members()) on.insert(op.permission_name(p));
    for (auto p : nd.members()) nn.insert(np.permission_name(p));
    l.sets("denied permission", on, nn, false);
  }
}

void compare_implicit(const Limits& l, const ir::Policy& op, const ir::ImplicitGrant& o, const ir::Policy& np,
                      const ir::ImplicitGrant& n) {
  l.sets("grantee kind", kind_names(o.grantee_kinds), kind_names(n.grantee_kinds), true);
  auto org = l.role_names(op, o.grantee_roles, true), nrg = l.role_names(np, n.grantee_roles, false);
  if (org.empty() != nrg.empty()) l.add("grantee roles", org.empty() ? "none needed" : "needed", nrg.empty() ? "none needed" : "needed", nrg.empty());
  else l.sets("grantee role", org, nrg, true);
  conditions(l, "condition", op, {o.when.id}, np, {n.when.id});
  l.sets("granted role", l.role_names(op, o.grants_roles, true), l.role_names(np, n.grants_roles, false), true);
}

}  // namespace

void compare_limits(const Pair& v) {
  const auto& op = v.old_f.policy();
  const auto& np = v.new_f.policy();
  Limits l{v, {}};
  for (const auto& r : v.out.renamed) l.to_new[r.old_name] = r.new_name;
  for (const auto& t : np.templates) {
    l.of = LimitChange::Of::template_;
    l.name = t.name;
    l.new_span = t.span;
    auto it = op.template_by_name.find(t.name);
    if (it == op.template_by_name.end()) {
      l.old_span = {};
      l.add("template", "", "declared", true);
      continue;
    }
    l.old_span = op[it->second].span;
    compare_template(l, op, op[it->second], np, t);
  }
  for (const auto& t : op.templates)
    if (!np.template_by_name.count(t.name)) {
      l.of = LimitChange::Of::template_;
      l.name = t.name;
      l.old_span = t.span;
      l.new_span = {};
      l.add("template", "declared", "", false);
    }
  for (const auto& g : np.implicit_grants) {
    l.of = LimitChange::Of::implicit;
    l.name = g.name;
    l.new_span = g.span;
    auto it = op.implicit_by_name.find(g.name);
    if (it == op.implicit_by_name.end()) {
      l.old_span = {};
      l.add("implicit grant", "", "declared", true);
      continue;
    }
    l.old_span = op[it->second].span;
    compare_implicit(l, op, op[it->second], np, g);
  }
  for (const auto& g : op.implicit_grants)
    if (!np.implicit_by_name.count(g.name)) {
      l.of = LimitChange::Of::implicit;
      l.name = g.name;
      l.old_span = g.span;
      l.new_span = {};
      l.add("implicit grant", "declared", "", false);
    }
}

}  // namespace writ::diff
