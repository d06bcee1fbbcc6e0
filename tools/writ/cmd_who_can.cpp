// `writ who-can POLICY MODULE/RESOURCE:ACTION`: every role, principal kind, grant template and
// implicit grant through which the permission can be held, with its conditions.
#include <fmt/format.h>

#include <iostream>

#include "compiler/eval/interpreter.hpp"
#include "compiler/eval/who_can.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/report/answers.hpp"
#include "tools/writ/commands.hpp"
#include "tools/writ/terminal.hpp"

namespace writ::cli {
namespace {

struct WhoCanOptions {
  std::string policy;
  std::string permission;
  std::string format = "text";
};

int run_who_can(const WhoCanOptions& o) {
  auto c = compile_or_report(o.policy, std::cerr, false);
  if (!c) return kExitUsage;
  const ir::Policy& policy = *c->policy;
  ir::Request r;
  if (!eval::set_permission(r, o.permission)) {
    std::cerr << fmt::format("writ: error: `{}` is not MODULE/RESOURCE:ACTION (e.g. billing/services:view)\n", o.permission);
    return kExitUsage;
  }
  eval::Reason why;
  auto p = eval::resolve_permission(policy, r, &why);
  if (!p) {
    const eval::Decision none{false, std::nullopt, {}, {why}};
    std::cerr << fmt::format("writ: error: {}\n", report::message(report::Context{policy, c->sources, r}, none, why));
    return kExitUsage;
  }
  const facts::Facts facts(policy);
  const auto w = eval::who_can(facts, *p);
  std::cout << (o.format == "json" ? report::who_can_json(policy, c->sources, w) + "\n" : report::who_can_text(policy, c->sources, w));
  return kExitOk;
}

}  // namespace

void add_who_can(CLI::App& app, int& status) {
  auto o = std::make_shared<WhoCanOptions>();
  auto* sub = app.add_subcommand("who-can",
                                 "List every way a permission can be held: each role (at its own organization or below),\n"
                                 "grant template and implicit grant that gives it, with who may hold or obtain it and the\n"
                                 "conditions (requirements, when, time window, ceiling, preconditions), and the denies and\n"
                                 "forbid rules that may take it away.\n"
                                 "Example: writ who-can policies/partner_accounts billing/services:delete");
  sub->add_option("policy", o->policy, "Policy root file")->required();
  sub->add_option("permission", o->permission, "MODULE/RESOURCE/PATH:ACTION")->required();
  sub->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}))->default_str("text");
  sub->callback([o, &status] { status = run_who_can(*o); });
}

}  // namespace writ::cli
