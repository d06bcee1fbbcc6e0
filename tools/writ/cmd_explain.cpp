// `writ explain POLICY --role R | --principal FILE.json`: a role's effective permission set per
// organization scope (static, with how each permission is given and what may remove it), or a
// concrete principal's decisions at every organization it can reach, as a table.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "compiler/eval/evaluator.hpp"
#include "compiler/eval/report_text.hpp"
#include "compiler/eval/request_json.hpp"
#include "tools/writ/commands.hpp"
#include "tools/writ/terminal.hpp"

namespace writ::cli {
namespace {

struct ExplainOptions {
  std::string policy;
  std::string role;
  std::string principal;
  std::string format = "text";
};

int explain_principal(const driver::Compilation& c, const ExplainOptions& o) {
  const ir::Policy& policy = *c.policy;
  std::ostringstream ss;
  if (o.principal == "-") ss << std::cin.rdbuf();
  else {
    std::ifstream in(o.principal, std::ios::binary);
    if (!in) {
      std::cerr << fmt::format("writ: error: cannot read `{}`\n", o.principal);
      return kExitUsage;
    }
    ss << in.rdbuf();
  }
  std::string error;
  auto doc = eval::request_from_json(ss.str(), error);
  if (!doc) {
    std::cerr << fmt::format("writ: error: invalid principal document `{}`: {}\n", o.principal, error);
    return kExitUsage;
  }
  ir::Request base = doc->request;
  if (base.org_parents.empty()) base.org_parents = policy.organizations;
  // Every organization the request knows of, plus where the principal's roles and grants are held.
  std::set<std::string> orgs{base.target_org};
  for (const auto& [o2, parent] : base.org_parents) orgs.insert(o2);
  for (const auto& b : base.principal.roles)
    if (!b.org.empty()) orgs.insert(b.org);
  for (const auto& g : base.principal.grants)
    if (!g.org.empty()) orgs.insert(g.org);
  std::vector<std::string> cols(orgs.begin(), orgs.end());
  std::vector<std::vector<bool>> grid(policy.permission_count(), std::vector<bool>(cols.size()));
  for (std::size_t j = 0; j < cols.size(); ++j) {
    ir::Request r = base;
    r.target_org = cols[j];
    eval::Evaluator ev(policy, r, r.principal);
    for (std::uint32_t p = 0; p < policy.permission_count(); ++p) grid[p][j] = ev.decide(ir::PermissionId{p}).allow;
  }
  if (o.format == "json") {
    nlohmann::json out = nlohmann::json::object();
    for (std::size_t j = 0; j < cols.size(); ++j) {
      nlohmann::json perms = nlohmann::json::array();
      for (std::uint32_t p = 0; p < policy.permission_count(); ++p)
        if (grid[p][j]) perms.push_back(policy.permission_name(ir::PermissionId{p}));
      out[cols[j]] = perms;
    }
    std::cout << nlohmann::json{{"at", base.at}, {"organizations", out}}.dump(2) << '\n';
    return kExitOk;
  }
  std::size_t width = 10;
  for (std::uint32_t p = 0; p < policy.permission_count(); ++p) width = std::max(width, policy.permission_name(ir::PermissionId{p}).size());
  std::string header = fmt::format("{:<{}}", "PERMISSION", width);
  for (const auto& col : cols) header += "  " + col;
  std::cout << header << '\n';
  std::size_t rows = 0;
  for (std::uint32_t p = 0; p < policy.permission_count(); ++p) {
    bool any = false;
    for (bool b : grid[p]) any |= b;
    if (!any) continue;
    ++rows;
    std::string line = fmt::format("{:<{}}", policy.permission_name(ir::PermissionId{p}), width);
    for (std::size_t j = 0; j < cols.size(); ++j) line += fmt::format("  {:^{}}", grid[p][j] ? "allow" : ".", cols[j].size());
    std::cout << line << '\n';
  }
  std::cout << fmt::format("{} of {} permissions allowed at some organization; \".\" is deny. Use `writ eval` for the reasons of one cell.\n", rows,
                           policy.permission_count());
  return kExitOk;
}

int run_explain(const ExplainOptions& o) {
  if (o.role.empty() == o.principal.empty()) {
    std::cerr << "writ: error: give exactly one of --role and --principal\n";
    return kExitUsage;
  }
  auto c = compile_or_report(o.policy, std::cerr, false);
  if (!c) return kExitUsage;
  if (!o.principal.empty()) return explain_principal(*c, o);
  const ir::Policy& policy = *c->policy;
  auto role = eval::find_role(policy, o.role);
  if (!role) {
    std::cerr << fmt::format("writ: error: the policy declares no role `{}`\n", o.role);
    return kExitUsage;
  }
  std::cout << eval::explain_role_text(c->sources, policy, *role);
  return kExitOk;
}

}  // namespace

void add_explain(CLI::App& app, int& status) {
  auto o = std::make_shared<ExplainOptions>();
  auto* sub = app.add_subcommand("explain",
                                 "Show an effective permission set as a table.\n"
                                 "--role R: what role R gives at the organization where it is held (self) and at the\n"
                                 "organizations below it (descendants): each permission, the permit, level or inherited\n"
                                 "role it comes through, its requirements and conditions, and the denies that remove it.\n"
                                 "--principal FILE.json: a concrete principal (request format, docs/request-format.md,\n"
                                 "without a question) decided at every organization it knows of.\n"
                                 "Example: writ explain policies/multi_org --role partner_admin");
  sub->add_option("policy", o->policy, "Policy root file")->required();
  sub->add_option("--role", o->role, "Role to explain");
  sub->add_option("--principal", o->principal, "Principal JSON file (or -)");
  sub->add_option("--format", o->format, "Output format (json only with --principal)")->check(CLI::IsMember({"text", "json"}))->default_str("text");
  sub->callback([o, &status] { status = run_explain(*o); });
}

}  // namespace writ::cli
