// See report_text.hpp.
#include "compiler/eval/report_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/eval/conditions.hpp"
#include "compiler/eval/effective_access.hpp"

namespace writ::eval {

std::string location(const SourceMap& sources, const Span& span) {
  if (span.file == 0 || span.file > sources.size()) return {};
  return fmt::format("{}:{}:{}", sources.path(span.file), span.line, span.col);
}

std::string reasons_text(const SourceMap& sources, const std::vector<Reason>& reasons, std::string_view indent) {
  std::string out;
  for (const auto& r : reasons) {
    std::string loc = location(sources, r.span);
    out += fmt::format("{}{:<5} {}: {}{}\n", indent, effect_name(r.effect), r.code, r.message, loc.empty() ? "" : "  (" + loc + ")");
  }
  return out;
}

std::string violations_text(const SourceMap& sources, const std::vector<Violation>& vs, std::string_view indent) {
  std::string out;
  for (const auto& v : vs) {
    std::string loc = location(sources, v.span);
    out += fmt::format("{}{}: {}{}\n", indent, v.code, v.message, loc.empty() ? "" : "  (" + loc + ")");
  }
  return out;
}

std::string who_can_text(const SourceMap& sources, std::string_view permission, const std::vector<WhoCanPath>& paths) {
  if (paths.empty()) return fmt::format("Nobody can hold {}: no role, grant template or implicit grant gives it.\n", permission);
  std::string out = fmt::format("{} can be held through {} path{}:\n", permission, paths.size(), paths.size() == 1 ? "" : "s");
  for (const auto& p : paths) {
    std::string loc = location(sources, p.span);
    out += fmt::format("\n- {}{}\n", p.via, loc.empty() ? "" : "  (" + loc + ")");
    out += fmt::format("    where:    {}\n", p.scope);
    out += fmt::format("    holders:  {}\n", p.holders);
    out += fmt::format("    obtained: {}\n", p.obtained);
    for (const auto& c : p.conditions) out += fmt::format("    if:       {}\n", c);
    for (const auto& r : p.removed_by) out += fmt::format("    unless:   {}\n", r);
  }
  return out;
}

std::string explain_role_text(const SourceMap& sources, const ir::Policy& policy, ir::RoleId role) {
  const ir::Role& r = policy[role];
  std::string out = fmt::format("role {}{}\n", r.name, r.title.empty() ? "" : " \"" + r.title + "\"");
  std::string holders;
  for (auto k : r.holders) holders += (holders.empty() ? "" : ", ") + std::string(kind_name(k));
  out += fmt::format("  holders: {}{}\n", holders.empty() ? "internal" : holders, r.named_accounts ? " (named accounts only)" : "");
  auto closure = extends_closure(policy, role);
  if (closure.size() > 1) {
    std::string ext;
    for (std::size_t i = 1; i < closure.size(); ++i) ext += (i > 1 ? ", " : "") + chain_text(policy, closure[i]);
    out += fmt::format("  extends: {}\n", ext);
  }
  for (auto scope : {ir::OrgScope::self, ir::OrgScope::descendants}) {
    auto contribs = role_contributions(policy, role, scope);
    out += fmt::format("\n  at {} ({}):\n", scope == ir::OrgScope::self ? "self" : "descendants",
                       scope == ir::OrgScope::self ? "the organization where the role is held" : "every organization strictly below it");
    // Per permission: how it is allowed and what denies it.
    std::map<std::uint32_t, std::pair<std::vector<std::string>, std::vector<std::string>>> rows;
    for (const auto& c : contribs)
      for (auto p : c.permissions.members()) {
        std::string how;
        if (c.kind == Contribution::Kind::level) how = fmt::format("level {}", level_name(policy, *c.level));
        else how = fmt::format("{} {}", c.kind == Contribution::Kind::deny ? "deny" : "permit", c.rule->pattern);
        if (c.chain.size() > 1) how += fmt::format(" [from {}]", policy[c.chain.back()].name);
        for (const auto& req : c.rule->requirements) how += fmt::format(" requires {} >= {}", policy[req.module].name, policy[req.level].name);
        if (c.level)
          for (const auto& req : level_requirements(policy, *c.level)) how += fmt::format(" requires {} >= {}", policy[req.module].name, policy[req.level].name);
        if (c.rule->when) how += fmt::format(" when {}", to_text(policy, *c.rule->when));
        auto& row = rows[p.value];
        (c.kind == Contribution::Kind::deny ? row.second : row.first).push_back(how);
      }
    if (rows.empty()) {
      out += "    (nothing)\n";
      continue;
    }
    std::size_t width = 10;
    for (const auto& [p, row] : rows) width = std::max(width, policy.permission_name(ir::PermissionId{p}).size());
    out += fmt::format("    {:<{}}  {:<5}  {}\n", "PERMISSION", width, "", "THROUGH (requirements, conditions)");
    for (const auto& [p, row] : rows) {
      const auto& [allows, denies] = row;
      std::string status = allows.empty() ? "deny" : denies.empty() ? "allow" : "deny*";
      std::string through;
      for (const auto& a : allows) through += (through.empty() ? "" : "; ") + a;
      for (const auto& d : denies) through += (through.empty() ? "" : "; ") + d;
      out += fmt::format("    {:<{}}  {:<5}  {}\n", policy.permission_name(ir::PermissionId{p}), width, status, through);
    }
  }
  out += "\n  allow: given when its conditions hold; deny*: allowed but removed by a deny of the role when the deny applies.\n";
  (void)sources;
  return out;
}

}  // namespace writ::eval
