// See who_can.hpp.
#include "compiler/eval/who_can.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/eval/conditions.hpp"
#include "compiler/eval/effective_access.hpp"
#include "compiler/lower/lower.hpp"

namespace writ::eval {
namespace {

std::string kinds_text(const std::vector<ir::PrincipalKind>& kinds) {
  if (kinds.empty()) return "any kind";
  std::string out;
  for (auto k : kinds) out += (out.empty() ? "" : ", ") + std::string(kind_name(k));
  return out;
}

std::string authorizers_text(const ir::Policy& p, const std::vector<ir::Authorizer>& as, const char* verb) {
  std::vector<std::string> parts;
  for (const auto& a : as) {
    std::string who;
    if (a.automatic) who = "automatic (every allowed principal)";
    else if (a.anyone) who = fmt::format("{} by anyone", verb);
    else {
      for (auto r : a.roles) who += (who.empty() ? "" : ", ") + p[r].name;
      who = fmt::format("{} by {}", verb, who);
    }
    if (a.when) who += fmt::format(" when {}", to_text(p, *a.when));
    parts.push_back(who);
  }
  if (parts.empty()) return fmt::format("not {} by anyone", verb);
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : "; ") + s;
  return out;
}

std::string selector_text(const ir::Policy& p, const ir::Selector& s) {
  switch (s.kind) {
    case ir::Selector::Kind::anyone: return "anyone";
    case ir::Selector::Kind::principal_kind: return fmt::format("kind {}", kind_name(s.principal_kind));
    case ir::Selector::Kind::role: return fmt::format("role {}", p[s.role].name);
    case ir::Selector::Kind::template_: return fmt::format("template {}", p[s.template_].name);
    case ir::Selector::Kind::level: return fmt::format("level {}", level_name(p, s.level));
  }
  return "?";
}

std::vector<std::string> forbids_on(const ir::Policy& p, ir::PermissionId perm) {
  std::vector<std::string> out;
  for (const auto& f : p.forbids)
    for (const auto& d : f.denies)
      if (d.permissions.contains(perm)) {
        std::string who;
        for (const auto& s : f.applies_to) who += (who.empty() ? "" : ", ") + selector_text(p, s);
        std::string cond = f.when ? fmt::format(" when {}", to_text(p, *f.when)) : "";
        if (d.when) cond += fmt::format(" when {}", to_text(p, *d.when));
        out.push_back(fmt::format("forbid {} (applies to {}){}", f.name, who, cond));
      }
  return out;
}

std::string req_text(const ir::Policy& p, const ir::Requirement& r) { return fmt::format("requires {} >= {}", p[r.module].name, p[r.level].name); }

/// The paths through one role at one scope; `prefix` names how the role is reached.
void role_paths(const ir::Policy& p, ir::RoleId role, ir::OrgScope scope, ir::PermissionId perm, std::vector<WhoCanPath>& out,
                const std::string& via, const std::string& scope_text, const std::string& holders, const std::string& obtained,
                const std::vector<std::string>& extra_conditions, const std::vector<std::string>& extra_removed, Span span) {
  auto contribs = role_contributions(p, role, scope);
  std::vector<std::string> removed = extra_removed;
  for (const auto& c : contribs)
    if (c.kind == Contribution::Kind::deny && c.permissions.contains(perm))
      removed.push_back(fmt::format("deny {} in role {}{}{}", c.rule->pattern, p[c.chain.back()].name,
                                    c.rule->when ? " when " + to_text(p, *c.rule->when) : "",
                                    p.combining == ir::Combining::permissive ? " (this role only)" : " (deny_overrides: whatever else allows it)"));
  for (const auto& c : contribs) {
    if (c.kind == Contribution::Kind::deny || !c.permissions.contains(perm)) continue;
    WhoCanPath path;
    path.via = via;
    if (c.chain.size() > 1) path.via += fmt::format(" (inherited: {})", chain_text(p, c.chain));
    if (c.level) path.via += fmt::format(" through level {}", level_name(p, *c.level));
    path.via += fmt::format(": permit {}", c.rule->pattern);
    path.scope = scope_text;
    path.holders = holders;
    path.obtained = obtained;
    path.conditions = extra_conditions;
    for (const auto& r : c.rule->requirements) path.conditions.push_back(req_text(p, r));
    if (c.level)
      for (const auto& r : level_requirements(p, *c.level)) path.conditions.push_back(fmt::format("level-wide: {}", req_text(p, r)));
    if (c.rule->when) path.conditions.push_back(fmt::format("when {}", to_text(p, *c.rule->when)));
    path.removed_by = removed;
    path.span = span.known() ? span : c.span;
    out.push_back(std::move(path));
  }
}

std::string scope_text(ir::OrgScope s) {
  return s == ir::OrgScope::self ? "at the organization where it is held" : "at every organization strictly below where it is held";
}

}  // namespace

std::vector<WhoCanPath> who_can(const ir::Policy& p, ir::PermissionId perm) {
  std::vector<WhoCanPath> out;
  const auto forbids = forbids_on(p, perm);
  for (std::uint32_t i = 0; i < p.roles.size(); ++i) {
    const ir::Role& r = p.roles[i];
    std::string holders = kinds_text(r.holders) + (r.named_accounts ? ", named accounts only" : "");
    for (auto s : {ir::OrgScope::self, ir::OrgScope::descendants})
      role_paths(p, ir::RoleId{i}, s, perm, out, fmt::format("role {}", r.name), scope_text(s), holders, authorizers_text(p, r.assigned_by, "assigned"), {}, forbids, {});
  }
  for (const auto& t : p.templates) {
    std::vector<std::string> conds;
    if (t.valid_from == ir::Presence::required) conds.push_back("valid_from given (inclusive)");
    conds.push_back(t.valid_to == ir::Presence::required ? "before valid_to (exclusive, required)" : "before valid_to if given (exclusive)");
    if (t.max_duration) conds.push_back(fmt::format("lasting at most {}", lower::format_duration(*t.max_duration)));
    if (t.default_duration) conds.push_back(fmt::format("default duration {}", lower::format_duration(*t.default_duration)));
    conds.push_back("not revoked");
    if (t.ceiling_grantor) conds.push_back("the grantor holds it too, now (ceiling grantor)");
    if (t.scope_when) conds.push_back(fmt::format("scope when {}", to_text(p, *t.scope_when)));
    for (const auto& pre : t.preconditions) conds.push_back(fmt::format("precondition {}", to_text(p, pre)));
    std::vector<std::string> removed = forbids;
    for (const auto& d : t.denies)
      if (d.permissions.contains(perm)) removed.push_back(fmt::format("deny {} in template {}{}", d.pattern, t.name, d.when ? " when " + to_text(p, *d.when) : ""));
    std::string scope = t.org_scope == ir::OrgScope::self ? "at the grant's organization only" : "at the grant's organization and below";
    std::string obtained = authorizers_text(p, t.granted_by, "granted");
    for (ir::RoleId role : t.grantable_roles) {
      auto role_scopes = t.org_scope == ir::OrgScope::self ? std::vector{ir::OrgScope::self} : std::vector{ir::OrgScope::self, ir::OrgScope::descendants};
      for (auto s : role_scopes)
        role_paths(p, role, s, perm, out, fmt::format("template {} -> role {}", t.name, p[role].name),
                   s == ir::OrgScope::self ? "at the grant's organization" : "below the grant's organization", kinds_text(t.grantee_kinds), obtained, conds, removed, t.span);
    }
    if (t.custom) {
      WhoCanPath path{fmt::format("template {}: custom permissions naming it", t.name), scope, kinds_text(t.grantee_kinds), obtained, conds, removed, t.span};
      out.push_back(std::move(path));
    }
  }
  for (const auto& ig : p.implicit_grants) {
    std::vector<std::string> conds;
    if (!ig.grantee_roles.empty()) {
      std::string roles;
      for (auto r : ig.grantee_roles) roles += (roles.empty() ? "" : ", ") + p[r].name;
      conds.push_back(fmt::format("the principal holds {}", roles));
    }
    if (ig.when) conds.push_back(fmt::format("when {}", to_text(p, *ig.when)));
    for (ir::RoleId role : ig.grants_roles)
      role_paths(p, role, ir::OrgScope::self, perm, out, fmt::format("implicit grant {} -> role {}", ig.name, p[role].name), "at the target organization",
                 kinds_text(ig.grantee_kinds), "implicit (an event)", conds, forbids, ig.span);
  }
  return out;
}

}  // namespace writ::eval
