// `writ explain POLICY --role R | --principal FILE.json`: a role's effective permission set per
// organization scope (static, with how each permission is given and what may remove it), or a
// concrete principal's decisions at every organization it can reach, as a table.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "compiler/eval/explain.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/report/answers.hpp"
#include "compiler/request/request_json.hpp"
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

int explain_principal(const driver::Compilation& c, const facts::Facts& facts, const ExplainOptions& o) {
  std::string error;
  auto doc = eval::read_request_document(o.principal, error);  // names the file and the JSON path
  if (!doc) {
    std::cerr << "writ: error: " << error << '\n';
    return kExitUsage;
  }
  eval::resolve_patterns(*c.policy, *doc);
  if (!doc->request.org_parents) doc->request.org_parents = c.suite.organizations;
  const auto grid = eval::explain_principal(facts, doc->request);
  std::cout << (o.format == "json" ? report::explain_grid_json(*c.policy, grid, doc->request.at) + "\n" : report::explain_grid_text(*c.policy, grid));
  return kExitOk;
}

int run_explain(const ExplainOptions& o) {
  if (o.role.empty() == o.principal.empty()) {
    std::cerr << "writ: error: give exactly one of --role and --principal\n";
    return kExitUsage;
  }
  auto c = compile_or_report(o.policy, std::cerr, false);
  if (!c) return kExitUsage;
  const facts::Facts facts(*c->policy);
  if (!o.principal.empty()) return explain_principal(*c, facts, o);
  auto role = c->policy->find(c->policy->role_by_name, o.role);
  if (!role) {
    std::cerr << fmt::format("writ: error: the policy declares no role `{}`\n", o.role);
    return kExitUsage;
  }
  std::cout << report::explain_role_text(*c->policy, eval::explain_role(facts, *role));
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
