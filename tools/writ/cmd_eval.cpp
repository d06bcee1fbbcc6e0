// `writ eval POLICY --request FILE.json|-`: decide one request (or validate one grant, or answer one
// assignment question) and print the answer with its reasons. docs/request-format.md.
#include <fmt/format.h>

#include <iostream>
#include <vector>

#include "compiler/codegen/bridge.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/report/answers.hpp"
#include "compiler/request/request_json.hpp"
#include "tools/writ/commands.hpp"
#include "tools/writ/terminal.hpp"

namespace writ::cli {
namespace {

struct EvalOptions {
  std::string policy;
  std::string table;  ///< --table: answer from a compiled table through the runtime
  std::string request = "-";
  std::string format = "text";
  bool fail_on_deny = false;
};

// --table for a `validate` question: the runtime's violations, printed as `writ eval POLICY`
// prints them (the same first line, the same codes as often, in the registry's order) without the
// messages, which name policy details the table does not render.
int print_violations(const EvalOptions& o, const runtime::Table& table, codegen::TableRequest& tr, const ir::GrantInstance& grant) {
  const runtime::Violations v = runtime::validate_grant(table, tr.request(), tr.grant(grant), tr.proposal(grant));
  std::vector<const char*> codes;
  for (std::uint32_t i = 0; i < runtime::kViolationCount; ++i)
    for (std::uint32_t k = 0; k < v.counts[i]; ++k) codes.push_back(runtime::violation_name(static_cast<runtime::Violation>(i)));
  if (o.format == "json") {
    std::string list;
    for (const char* c : codes) list += fmt::format("{}{{\"code\": \"{}\"}}", list.empty() ? "" : ", ", c);
    std::cout << fmt::format(R"({{"query": "validate", "decision": "{}", "violations": [{}], "limit_exceeded": {}, "content_hash": "{:016x}"}})",
                             v.valid() ? "valid" : "invalid", list, v.limit_exceeded ? "true" : "false", table.content_hash())
              << '\n';
  } else if (v.limit_exceeded) {
    std::cout << "invalid (the request exceeds the runtime's limits)\n";
  } else {
    const auto n = codes.size();
    std::cout << (v.valid() ? std::string("valid\n") : fmt::format("invalid ({} violation{})\n", n, n == 1 ? "" : "s"));
    for (const char* c : codes) std::cout << "  " << c << '\n';
  }
  return (!v.valid() && o.fail_on_deny) ? kExitFindings : kExitOk;
}

// --table: the same question answered by the runtime from a compiled table; prints the decision
// line and the deciding reason's code as `writ eval POLICY` lists it first (violations: above). Custom grant
// permissions must be exact permission names here (the table has no pattern parser); a request
// without an organization tree is decided without one (the policy's fixture is not in the table).
int eval_table(const EvalOptions& o, eval::RequestDocument& doc) {
  std::shared_ptr<const runtime::Table> table;
  const auto st = runtime::load_table_file(o.table, table);
  if (!st.ok()) {
    std::cerr << fmt::format("writ: error: {}: invalid table: {}: {}\n", o.table, runtime::load_error_name(st.error), st.message);
    return kExitUsage;
  }
  ir::Request& req = doc.request;
  const bool validate = doc.query == eval::RequestDocument::Query::validate;
  std::vector<ir::GrantInstance*> grants;
  for (auto& g : req.principal.grants) grants.push_back(&g);
  if (validate) grants.push_back(&doc.validate);
  for (auto* g : grants)
    for (auto& c : g->custom) {
      auto colon = c.text.rfind(':');
      auto slash = c.text.find('/');
      if (colon == std::string::npos || slash == std::string::npos || slash > colon) continue;
      const auto p = table->find_permission(std::string_view(c.text).substr(0, slash), std::string_view(c.text).substr(slash + 1, colon - slash - 1),
                                            std::string_view(c.text).substr(colon + 1));
      if (p != runtime::kNone) c.permissions = ir::PermissionSet::of({ir::PermissionId{p}});
    }
  const ir::OrgTree tree = req.org_parents ? *req.org_parents : ir::OrgTree{};
  codegen::TableRequest tr(*table, req, tree);
  if (validate) return print_violations(o, *table, tr, doc.validate);
  const bool assign = doc.query == eval::RequestDocument::Query::assign;
  runtime::Decision d;
  if (assign) {
    d = runtime::may_assign(*table, tr.request(), table->find_role(doc.assign_role), doc.assign_org.empty() ? runtime::kNone : tr.org(doc.assign_org));
  } else if (tr.request().permission == runtime::kNone) {
    d.code = tr.unresolved();
    d.content_hash = table->content_hash();
  } else {
    d = runtime::decide(*table, tr.request());
  }
  const std::string what = assign ? fmt::format("assign {} at {}", doc.assign_role, doc.assign_org.empty() ? req.target_org : doc.assign_org)
                                   : fmt::format("{}/{}:{} at {}", req.module, req.resource, req.action, req.target_org);
  static const char* const classes[] = {"explicit_allow", "explicit_deny", "default_deny", "error_deny"};
  const char* cls = classes[static_cast<int>(d.reason_class)];
  std::string where;
  if (d.rule != runtime::kNone) {
    const auto span = table->rule_span(d.rule);
    if (span.line) where = fmt::format("  ({}:{}:{})", span.file, span.line, span.column);
  }
  if (o.format == "json") {
    std::cout << fmt::format(R"({{"decision": "{}", "code": "{}", "class": "{}", "rule": {}, "content_hash": "{:016x}"}})", d.allowed() ? "allow" : "deny",
                             runtime::code_name(d.code), cls, d.rule == runtime::kNone ? std::string("null") : std::to_string(d.rule), d.content_hash)
              << '\n';
  } else {
    std::cout << fmt::format("{}  {}\n", d.allowed() ? "allow" : "deny", what);
    std::cout << fmt::format("  {:<5} {}  [{}, table {:016x}]{}\n", d.allowed() ? "allow" : "deny", runtime::code_name(d.code), cls, d.content_hash, where);
  }
  return (!d.allowed() && o.fail_on_deny) ? kExitFindings : kExitOk;
}

int run_eval(const EvalOptions& o) {
  std::string error;
  auto doc = eval::read_request_document(o.request, error);  // names the file and the JSON path
  if (!doc) {
    std::cerr << "writ: error: " << error << '\n';
    return kExitUsage;
  }
  if (doc->query == eval::RequestDocument::Query::none) {
    std::cerr << "writ: error: the request asks nothing: give `permission`, `validate` or `assign` (docs/request-format.md)\n";
    return kExitUsage;
  }
  if (o.policy.empty() == o.table.empty()) {
    std::cerr << "writ: error: give exactly one of POLICY and --table FILE\n";
    return kExitUsage;
  }
  if (!o.table.empty()) return eval_table(o, *doc);
  auto c = compile_or_report(o.policy, std::cerr, false);
  if (!c) return kExitUsage;
  const ir::Policy& policy = *c->policy;
  const facts::Facts facts(policy);
  eval::resolve_patterns(policy, *doc);
  ir::Request& req = doc->request;
  // Without an organization tree in the request, the policy's organization fixture stands in.
  if (!req.org_parents) req.org_parents = c->suite.organizations;
  const report::Context ctx{policy, c->sources, req};

  bool yes = false;
  if (doc->query == eval::RequestDocument::Query::validate) {
    auto vs = eval::validate_grant(facts, req, doc->validate);
    yes = vs.empty();
    if (o.format == "json") {
      std::cout << report::violations_json(ctx, vs) << '\n';
    } else {
      std::cout << (yes ? "valid\n" : fmt::format("invalid ({} violation{})\n", vs.size(), vs.size() == 1 ? "" : "s"));
      std::cout << report::violations_text(ctx, vs, "  ");
    }
  } else {
    const bool assign = doc->query == eval::RequestDocument::Query::assign;
    eval::Decision d = assign ? eval::may_assign(facts, req, doc->assign_role, doc->assign_org) : eval::decide(facts, req);
    yes = d.allow;
    std::string what = assign ? fmt::format("assign {} at {}", doc->assign_role, doc->assign_org.empty() ? req.target_org : doc->assign_org)
                              : fmt::format("{}/{}:{} at {}", req.module, req.resource, req.action, req.target_org);
    if (o.format == "json") {
      std::cout << report::decision_json(ctx, d, assign ? "assign" : "decide") << '\n';
    } else {
      std::cout << fmt::format("{}  {}\n", d.allow ? "allow" : "deny", what);
      std::cout << report::reasons_text(ctx, d, "  ");
    }
  }
  return (!yes && o.fail_on_deny) ? kExitFindings : kExitOk;
}

}  // namespace

void add_eval(CLI::App& app, int& status) {
  auto o = std::make_shared<EvalOptions>();
  auto* sub = app.add_subcommand("eval",
                                 "Decide one request against a policy and print the decision with its reasons.\n"
                                 "The request is JSON (docs/request-format.md): a principal with its roles and grants,\n"
                                 "the target organization, the instant, the context, and one question:\n"
                                 "`permission` (allow/deny), `validate` (a grant instance) or `assign` (a role at an org).\n"
                                 "Example: writ eval policies/partner_accounts --request req.json --format json\n"
                                 "Exit status: 0 answered (even a deny, unless --fail-on-deny), 2 bad policy or request.");
  sub->add_option("policy", o->policy, "Policy root file (or give --table)");
  sub->add_option("--table", o->table, "Answer from a compiled table (writ build) through the runtime");
  sub->add_option("-r,--request", o->request, "Request JSON file, or - for stdin")->default_str("-");
  sub->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}))->default_str("text");
  sub->add_flag("--fail-on-deny", o->fail_on_deny, "Exit 1 when the answer is deny or invalid");
  sub->callback([o, &status] { status = run_eval(*o); });
}

}  // namespace writ::cli
