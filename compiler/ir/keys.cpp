// See keys.hpp.
#include "compiler/ir/keys.hpp"

#include <algorithm>
#include <map>

#include "compiler/core/time.hpp"
#include "compiler/ir/print.hpp"

namespace writ::ir {
namespace {

std::string when_text(const Policy& p, const Condition& c) { return c.always() ? "" : " when " + condition_text(p, c.id); }

std::string requirements_text(const Policy& p, const std::vector<RequirementId>& reqs) {
  std::vector<std::string> parts;
  for (auto r : reqs) parts.push_back(requirement_text(p, r));
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : " requires ") + parts[i];
  return out;
}

std::string role_names(const Policy& p, std::vector<RoleId> roles) {
  std::vector<std::string> names;
  for (auto r : roles) names.push_back(p[r].name);
  std::sort(names.begin(), names.end());
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

}  // namespace

std::string rule_base_key(const Policy& p, const Rule& r) {
  if (!r.name.empty()) return "rule " + r.name;
  const std::string body = pattern_text(p, r.pattern) + requirements_text(p, r.requirements) + when_text(p, r.when);
  switch (r.kind) {
    case RuleKind::role_permit: return "role " + p[r.role].name + " at " + std::string(name(r.scope)) + " permit " + body;
    case RuleKind::role_deny: return "role " + p[r.role].name + " at " + std::string(name(r.scope)) + " deny " + body;
    case RuleKind::level_permit: return "level " + level_name(p, r.level) + " permit " + body;
    case RuleKind::forbid_deny: return "forbid " + p[r.forbid].name + " deny " + body;
    case RuleKind::template_deny: return "template " + p[r.template_].name + " deny " + body;
  }
  return body;
}

std::string authorizer_base_key(const Policy& p, const Authorizer& a) {
  std::string who = a.automatic ? "automatic" : a.anyone ? "anyone" : role_names(p, a.roles);
  std::string owner = a.target == Authorizer::Target::assign_role ? "role " + p[a.role].name + " assigned_by "
                                                                   : "template " + p[a.template_].name + " granted_by ";
  return owner + who + when_text(p, a.when);
}

std::string requirement_key(const Policy& p, RequirementId r, const std::string& owner_key) {
  return owner_key + " requires " + requirement_text(p, r);
}

void assign_keys(Policy& p) {
  std::map<std::string, int> seen;
  auto number = [&](std::string base) {
    int n = ++seen[base];
    return n == 1 ? base : base + " #" + std::to_string(n);
  };
  for (Rule& r : p.rules) r.key = number(rule_base_key(p, r));
  for (Authorizer& a : p.authorizers) a.key = number(authorizer_base_key(p, a));
}

std::vector<std::pair<std::string, std::string>> template_constraints(const Policy& p, TemplateId id) {
  const GrantTemplate& t = p[id];
  const std::string k = "template " + t.name + " ";
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back(k + "grantee", kinds_text(t.grantee_kinds));
  if (!t.grantee_requires.empty()) out.emplace_back(k + "grantee_requires", role_names(p, t.grantee_requires));
  for (auto a : t.granted_by) out.emplace_back(p[a].key, "");
  out.emplace_back(k + "valid_from", std::string(name(t.valid_from)));
  out.emplace_back(k + "valid_to", std::string(name(t.valid_to)));
  out.emplace_back(k + "duration default", t.default_duration ? core::format_duration(*t.default_duration) : "none");
  out.emplace_back(k + "duration max", t.max_duration ? core::format_duration(*t.max_duration) : "none");
  out.emplace_back(k + "grants", role_names(p, t.grantable_roles));
  out.emplace_back(k + "grants custom", t.custom ? "yes" : "no");
  out.emplace_back(k + "scope", std::string(name(t.org_scope)));
  out.emplace_back(k + "scope when", t.scope_when.always() ? "true" : condition_text(p, t.scope_when.id));
  out.emplace_back(k + "ceiling grantor", t.ceiling_grantor ? "yes" : "no");
  for (const auto& c : t.preconditions) out.emplace_back(k + "precondition " + condition_text(p, c.id), "");
  out.emplace_back(k + "revocable", t.revocable ? "yes" : "no");
  out.emplace_back(k + "audited", t.audited ? "yes" : "no");
  return out;
}

std::vector<std::optional<PermissionId>> remap(const Policy& from, const Policy& to) {
  std::map<std::string, PermissionId> by_name;
  for (std::uint32_t i = 0; i < to.permissions.size(); ++i) by_name.emplace(to.permission_name(PermissionId{i}), PermissionId{i});
  std::vector<std::optional<PermissionId>> out(from.permissions.size());
  for (std::uint32_t i = 0; i < from.permissions.size(); ++i)
    if (auto it = by_name.find(from.permission_name(PermissionId{i})); it != by_name.end()) out[i] = it->second;
  return out;
}

PermissionSet remap_set(const PermissionSet& s, const std::vector<std::optional<PermissionId>>& map) {
  PermissionSet out;
  for (auto p : s.members())
    if (p.value < map.size() && map[p.value]) out.insert(*map[p.value]);
  return out;
}

}  // namespace writ::ir
