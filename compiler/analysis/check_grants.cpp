// Grant templates: A004 (grantable access beyond a permitted grantor, no ceiling), A010 (maximum
// duration above the policy-wide limit), A011/A012 (not revocable / not audited), A013
// (administrative access grantable to external principals). Every admissible grantor role and
// grantable role is visited, not samples; the witness grant sits in a two-second window around
// the request's instant, inside any maximum, and conditions are met by enumerating the classes of
// the attributes the template's `scope when` and preconditions read.
#include <algorithm>

#include "compiler/analysis/checks.hpp"
#include "compiler/core/time.hpp"
#include "compiler/analysis/witness.hpp"

namespace writ::analysis {

ir::PermissionSet template_denied(const ir::Policy& p, const ir::GrantTemplate& t) {
  ir::PermissionSet d;
  for (auto r : t.denies) d |= p[r].permissions;
  return d;
}

namespace {

bool allows(const std::vector<ir::PrincipalKind>& kinds, ir::PrincipalKind k) {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

/// A grantee kind both the template and every given role admit (internal first).
std::optional<ir::PrincipalKind> grantee_kind(const ir::Policy& p, const ir::GrantTemplate& t, const std::vector<ir::RoleId>& roles) {
  for (auto k : ir::all_of<ir::PrincipalKind>()) {
    if (!allows(t.grantee_kinds, k)) continue;
    if (std::all_of(roles.begin(), roles.end(), [&](ir::RoleId r) { return allows(p[r].holders, k); })) return k;
  }
  return std::nullopt;
}

std::vector<ir::CondId> template_conditions(const ir::GrantTemplate& t) {
  std::vector<ir::CondId> out{t.scope_when.id};
  for (const auto& pc : t.preconditions) out.push_back(pc.id);
  return out;
}

/// The request of a grantee holding one grant of `t`, issued by a holder of `grantor` (none: no role).
ir::Request grantee_request(const ir::Policy& p, const ir::GrantTemplate& t, ir::PrincipalKind k, std::optional<ir::RoleId> grantor,
                            std::vector<std::string> roles, std::vector<ir::CustomPattern> custom, ir::OrgScope s, std::string_view perm) {
  std::vector<ir::RoleId> bound;
  if (!t.grantee_requires.empty()) bound.push_back(t.grantee_requires.front());
  ir::Request r = make_request(p, k, bound, s, perm);
  ir::GrantInstance g;
  g.template_name = t.name;
  g.grantee_id = "witness";
  if (grantor) {
    g.grantor_kind = first_kind(p[*grantor].holders);
    g.grantor_roles.push_back({p[*grantor].name, kRootOrg});
  }
  g.roles = std::move(roles);
  g.custom = std::move(custom);
  g.valid_from = r.at - 1;
  g.valid_to = r.at + 1;
  g.org = kRootOrg;
  r.principal.grants.push_back(std::move(g));
  return r;
}

void exceeds_grantor(const CheckContext& c, const ir::GrantTemplate& t) {
  const auto& p = c.policy;
  if (t.ceiling_grantor) return;
  const auto denied = template_denied(p, t) | c.access.automatic_may() | c.access.could_be_removed();
  for (auto ai : t.granted_by) {
    const auto& a = p[ai];
    if (!a.intended.empty()) continue;  // gives more than the grantor holds on purpose (docs/language.md §6)
    std::vector<std::optional<ir::RoleId>> grantors;
    if (a.anyone) grantors.push_back(std::nullopt);
    for (auto r : a.roles) grantors.push_back(r);
    for (const auto& grantor : grantors) {
      const std::string grantor_name = grantor ? p[*grantor].name : std::string("anyone");
      auto report = [&](const std::string& what, ir::PermissionSet g, ir::OrgScope s, std::vector<std::string> roles,
                        std::vector<ir::CustomPattern> custom, std::optional<ir::PrincipalKind> k, const Span& related) {
        if (g.empty() || !k) return false;
        const std::string perm = first_name(p, g);
        std::vector<Query> qs{{Query::Kind::decide, grantee_request(p, t, *k, grantor, roles, custom, s, perm), "", {}, true, ""}};
        std::vector<ir::RoleId> grantor_roles;
        if (grantor) grantor_roles.push_back(*grantor);
        qs.push_back({Query::Kind::decide,
                      make_request(p, grantor ? first_kind(p[*grantor].holders) : ir::PrincipalKind::internal, grantor_roles, s, perm),
                      "", {}, false, ""});
        auto conds = template_conditions(t);
        conds.push_back(a.when.id);
        auto ok = with_context(c.facts, qs, conds);
        if (!ok) return false;
        Finding f;
        f.check = Check::template_exceeds_grantor;
        f.primary = t.span;
        f.related = {{a.span, "who may grant"}, {related, "what it grants"}};
        if (grantor) f.related.push_back({p[*grantor].span, "the grantor role"});
        f.args = {t.name, grantor_name, what, std::to_string(g.count()), perm};
        f.witness.chain = {{Step::Kind::hold, grantor_name, "", grantor ? p[*grantor].span : a.span},
                           {Step::Kind::grant, what, t.name, t.span}};
        f.witness.queries = std::move(*ok);
        f.permissions = std::move(g);
        c.add(std::move(f));
        return true;
      };
      const std::vector<ir::OrgScope> scopes = t.org_scope == ir::OrgScope::self ? std::vector{ir::OrgScope::self}
                                                                               : std::vector{ir::OrgScope::self, ir::OrgScope::descendants};
      for (auto r : t.grantable_roles)
        for (auto s : scopes) {
          auto g = c.access.of(r, s).sure - denied;
          if (grantor) g -= c.access.of(*grantor, s).may;
          if (report(p[r].name, g, s, {p[r].name}, {}, grantee_kind(p, t, {r}), p[r].span)) break;
        }
      if (t.custom) {
        auto g = c.facts.all_permissions() - denied;
        if (grantor) g -= c.access.of(*grantor, ir::OrgScope::self).may;
        if (!g.empty()) {
          auto first = g.members().front();
          ir::CustomPattern cp{p.permission_name(first), ir::PermissionSet::of({first})};
          report("custom permissions", g, ir::OrgScope::self, {}, {cp}, grantee_kind(p, t, {}), t.span);
        }
      }
    }
  }
}

void limits(const CheckContext& c, const ir::GrantTemplate& t) {
  const auto& p = c.policy;
  if (t.max_duration && *t.max_duration > p.grant_duration_limit()) {
    Finding f;
    f.check = Check::grant_max_above_limit;
    f.primary = t.span;
    f.related = {{p.span, "the policy (its `max_grant_duration`)"}};
    auto k = grantee_kind(p, t, {}).value_or(ir::PrincipalKind::internal);
    Query q{Query::Kind::validate, make_request(p, k, {}, ir::OrgScope::self, ""), "", {}, true, "duration_above_max"};
    ir::GrantInstance g;
    g.template_name = t.name;
    g.valid_from = q.request.at;
    g.valid_to = q.request.at + *t.max_duration;
    g.org = kRootOrg;
    if (!t.grantable_roles.empty()) g.roles.push_back(p[t.grantable_roles.front()].name);
    q.grant = g;
    f.args = {t.name, core::format_duration(*t.max_duration), core::format_duration(p.grant_duration_limit())};
    f.witness.chain = {{Step::Kind::grant, "", t.name, t.span}};
    f.witness.queries = {q};
    c.add(std::move(f));
  }
  for (auto [flag, check] : {std::pair{t.revocable, Check::grant_not_revocable}, std::pair{t.audited, Check::grant_not_audited}}) {
    if (flag) continue;
    Finding f;
    f.check = check;
    f.primary = t.span;
    f.args = {t.name};
    f.witness.chain = {{Step::Kind::grant, "", t.name, t.span}};
    c.add(std::move(f));
  }
}

void admin_to_external(const CheckContext& c, const ir::GrantTemplate& t) {
  const auto& p = c.policy;
  constexpr auto k = ir::PrincipalKind::external;
  if (!allows(t.grantee_kinds, k) || t.granted_by.empty()) return;
  const auto& by = p[t.granted_by.front()];
  std::optional<ir::RoleId> grantor;
  if (!by.anyone && !by.roles.empty()) grantor = by.roles.front();
  for (auto r : t.grantable_roles) {
    if (!allows(p[r].holders, k)) continue;
    for (const auto& a : p.authorizers) {
      if (a.automatic || a.target != ir::Authorizer::Target::assign_role) continue;
      if (std::none_of(a.roles.begin(), a.roles.end(), [&](ir::RoleId q) { return c.facts.reaches(r, q); })) continue;
      Query q{Query::Kind::assign, grantee_request(p, t, k, grantor, {p[r].name}, {}, ir::OrgScope::self, ""), p[a.role].name, {}, true, ""};
      auto conds = template_conditions(t);
      conds.push_back(a.when.id);
      conds.push_back(by.when.id);
      auto ok = with_context(c.facts, {q}, conds);
      if (!ok) continue;
      Finding f;
      f.check = Check::admin_grantable_to_external;
      f.primary = t.span;
      f.related = {{p[r].span, "the granted role"}, {a.span, "what holding it lets one assign"}};
      f.args = {t.name, p[r].name, std::string(ir::name(k)), p[a.role].name};
      f.witness.chain = {{Step::Kind::grant, p[r].name, t.name, t.span}, {Step::Kind::assign, p[a.role].name, "", a.span}};
      f.witness.queries = std::move(*ok);
      c.add(std::move(f));
      break;  // one finding per granted role
    }
  }
}

}  // namespace

void check_grants(const CheckContext& c) {
  for (const auto& t : c.policy.templates) exceeds_grantor(c, t);
  for (const auto& t : c.policy.templates) limits(c, t);
  for (const auto& t : c.policy.templates) admin_to_external(c, t);
}

}  // namespace writ::analysis
