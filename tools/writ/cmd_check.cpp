// `writ check PATH...`: compile every policy found under the paths and report diagnostics.
#include <fmt/format.h>

#include "compiler/core/printable.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "compiler/ir/dump.hpp"
#include "compiler/lower/dump.hpp"
#include "compiler/report/diagnostic_printer.hpp"
#include "tools/writ/commands.hpp"
#include "tools/writ/terminal.hpp"

namespace writ::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string fail_on = "error";
  std::string dump;
  ColorMode color = ColorMode::automatic;
};

int severity_rank(Severity s) { return s == Severity::error ? 2 : s == Severity::warning ? 1 : 0; }

int run_check(const CheckOptions& o) {
  bool color = o.format == "text" && use_color(o.color);
  int threshold = o.fail_on == "never" ? 3 : o.fail_on == "warning" ? 1 : o.fail_on == "note" ? 0 : 2;
  bool input_error = false, findings = false;
  std::size_t errors = 0, warnings = 0, policies = 0;
  nlohmann::json json_policies = nlohmann::json::array();
  nlohmann::json json_diags = nlohmann::json::array();

  for (const auto& path : o.paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      std::cerr << fmt::format("writ: error: `{}`: {}\n", core::printable(path), ec ? ec.message() : "does not exist");
      input_error = true;
      continue;
    }
    for (const auto& root : driver::find_roots(path)) {
      ++policies;
      auto c = driver::compile_file(root, load_options());
      for (const auto& d : c.diags.items()) {
        if (is_input_error(d)) input_error = true;
        if (severity_rank(d.severity) >= threshold) findings = true;
        errors += d.severity == Severity::error;
        warnings += d.severity == Severity::warning;
      }
      if (o.format == "json") {
        for (const auto& d : c.diags.items()) json_diags.push_back(nlohmann::json::parse(report::to_json(c.sources, d)));
        json_policies.push_back({{"root", root.string()}, {"ok", c.ok()}, {"files", c.files.size()}});
      } else {
        print_diagnostics_text(std::cout, c, color);
      }
      if (o.dump == "ast")
        for (const auto& f : c.files) std::cout << lower::dump_ast(f);
      if (o.dump == "ir" && c.policy) std::cout << ir::dump_policy(*c.policy, &c.sources) << ir::dump_suite(*c.policy, c.suite, &c.sources);
    }
  }
  if (o.format == "json") {
    nlohmann::json out{{"policies", json_policies}, {"diagnostics", json_diags},
                       {"summary", {{"policies", policies}, {"errors", errors}, {"warnings", warnings}}}};
    std::cout << out.dump(2) << '\n';
  } else {
    std::cerr << fmt::format("writ check: {} {}, {} {}, {} {}\n", policies, policies == 1 ? "policy" : "policies", errors,
                             errors == 1 ? "error" : "errors", warnings, warnings == 1 ? "warning" : "warnings");
  }
  if (input_error) return kExitUsage;
  return findings ? kExitFindings : kExitOk;
}

}  // namespace

void add_check(CLI::App& app, int& status) {
  auto o = std::make_shared<CheckOptions>();
  auto* sub = app.add_subcommand("check",
                                 "Check policies and print their diagnostics.\n"
                                 "PATH is a policy file or a directory; in a directory every .writ/.yaml file\n"
                                 "not imported by another one is checked as the root of a policy.\n"
                                 "Exit status: 0 clean, 1 diagnostics at or above --fail-on, 2 unreadable input.");
  sub->add_option("paths", o->paths, "Policy files or directories")->required();
  sub->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json"}))->default_str("text");
  sub->add_option("--fail-on", o->fail_on, "Lowest severity that makes the exit status 1")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}))
      ->default_str("error");
  sub->add_option("--dump", o->dump, "Also print a phase's result: ast (per file) or ir (per policy)")
      ->check(CLI::IsMember({"ast", "ir"}));
  add_color_option(*sub, o->color);
  sub->callback([o, &status] { status = run_check(*o); });
}

}  // namespace writ::cli
