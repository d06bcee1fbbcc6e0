// Word pools for readable names. A name that repeats gets a number, so any count works.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace writ::gen {

inline const std::vector<std::string_view> kModuleWords = {
    "billing", "portal", "workspaces", "analytics", "inventory", "crm", "payroll", "identity", "storage", "network",
    "catalog", "orders", "shipping", "finance", "legal", "marketing", "devices", "monitoring", "integrations", "messaging"};
inline const std::vector<std::string_view> kSectionWords = {
    "settings", "users", "projects", "reports", "jobs", "accounts", "policies", "invoices", "alerts", "records",
    "pipelines", "assets", "contracts", "tickets", "schedules", "exports", "templates", "keys", "quotas", "audits"};
inline const std::vector<std::string_view> kItemWords = {
    "details", "history", "members", "notes", "files", "comments", "rules", "tags", "owners", "versions", "links",
    "limits", "labels", "logs"};
inline const std::vector<std::string_view> kReadActions = {"view", "list", "export", "download"};
inline const std::vector<std::string_view> kWriteActions = {"create", "edit", "delete", "approve", "run", "publish", "cancel", "assign"};
inline const std::vector<std::string_view> kRoleWords = {
    "analyst", "operator", "manager", "auditor", "engineer", "admin", "clerk", "lead", "planner", "reviewer",
    "supervisor", "agent", "editor", "officer", "owner", "coordinator", "specialist", "steward"};

/// `word` for the first use, then numbered forms in every identifier character class (`word_2`,
/// `Word3`, `_word_4`, `WORD_5`, ...); `counts` remembers the uses.
std::string numbered(std::string_view word, std::vector<int>& counts, std::size_t index);

}  // namespace writ::gen
