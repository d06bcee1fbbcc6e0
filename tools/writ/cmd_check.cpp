// `writ check PATH...`: compile every policy found under the paths and report diagnostics.
#include <fmt/format.h>

#include "compiler/core/printable.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "compiler/analysis/analyze.hpp"
#include "compiler/equiv/equiv.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/dump.hpp"
#include "compiler/prove/prove.hpp"
#include "compiler/lower/dump.hpp"
#include "compiler/report/diagnostic_printer.hpp"
#include "compiler/report/findings.hpp"
#include "tools/writ/commands.hpp"
#include "tools/writ/terminal.hpp"

namespace writ::cli {
namespace {

prove::Options prove_options(const analysis::Options& a) {
  prove::Options o;
  o.assignments = a.assignments;
  return o;
}

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string fail_on = "error";
  std::string dump;
  std::vector<std::string> severities;  ///< CODE=LEVEL
  std::string explain;
  std::string assignments;  ///< --assignments FILE: who holds what (docs/assignments.md)
  bool no_analysis = false;
  ColorMode color = ColorMode::automatic;
};

int severity_rank(Severity s) { return s == Severity::error ? 2 : s == Severity::warning ? 1 : 0; }

int run_explain(const std::string& code) {
  auto c = analysis::find_check(code);
  if (!c) {
    std::cerr << fmt::format("writ: error: no check `{}`; the catalogue is docs/checks.md\n", code);
    return kExitUsage;
  }
  std::cout << report::explain_check(analysis::info(*c));
  return kExitOk;
}

int run_check(const CheckOptions& o) {
  if (!o.explain.empty()) return run_explain(o.explain);
  if (o.paths.empty()) {
    std::cerr << "writ: error: no policy given\n";
    return kExitUsage;
  }
  analysis::Options aopts;
  for (const auto& s : o.severities) {
    auto eq = s.find('=');
    if (eq == std::string::npos) {
      std::cerr << fmt::format("writ: error: --severity `{}`: write CODE=LEVEL (error, warning, note, off)\n", s);
      return kExitUsage;
    }
    aopts.severities.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  // JSON: each policy's findings with what names their spans and permissions, written into the
  // document after every policy's diagnostics, one finding at a time.
  struct Held {
    SourceMap sources;
    ir::Policy policy;
    std::vector<analysis::Finding> findings;
  };
  std::vector<Held> json_findings;
  nlohmann::json sarif_results = nlohmann::json::array();
  std::size_t notes = 0, suppressed = 0, finding_count = 0;
  bool color = o.format == "text" && use_color(o.color);
  int threshold = o.fail_on == "never" ? 3 : o.fail_on == "warning" ? 1 : o.fail_on == "note" ? 0 : 2;
  bool input_error = false, findings = false;
  std::size_t errors = 0, warnings = 0, policies = 0;
  nlohmann::json json_policies = nlohmann::json::array();
  nlohmann::json json_diags = nlohmann::json::array();
  // The assignments data describes the principals of one policy: with several, a role one policy
  // lacks would be reported against every other.
  if (!o.assignments.empty()) {
    std::size_t roots = 0;
    std::error_code ec;
    for (const auto& path : o.paths)
      if (std::filesystem::exists(path, ec)) roots += driver::find_roots(path).size();
    if (roots != 1) {
      std::cerr << fmt::format("writ: error: --assignments describes the principals of one policy; the paths hold {}\n", roots);
      return kExitUsage;
    }
  }

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
      std::optional<ir::Assignments> assignments;
      if (!o.assignments.empty()) {
        assignments = driver::load_assignments(c.sources, c.diags, o.assignments);
        if (!assignments) input_error = true;
      }
      for (const auto& d : c.diags.items()) {
        if (is_input_error(d)) input_error = true;
        if (severity_rank(d.severity) >= threshold) findings = true;
        errors += d.severity == Severity::error;
        warnings += d.severity == Severity::warning;
      }
      std::vector<analysis::Finding> found;
      if (c.ok() && !o.no_analysis && (o.assignments.empty() || assignments)) {
        const facts::Facts facts(*c.policy);
        aopts.assignments = assignments ? &*assignments : nullptr;
        // The layers above the analyses: the assertions, and the checks the diff engine decides.
        auto more = prove::findings(facts, prove::prove_all(facts, prove_options(aopts)));
        for (auto& f : equiv::findings(facts)) more.push_back(std::move(f));
        auto result = analysis::analyze(facts, aopts, std::move(more));
        // A setting that names no check is an input error: said where it is written (the
        // policy's) or on the command line (the caller's), and no finding is printed under
        // severities that were not all applied.
        for (const auto& b : result.bad_settings) {
          input_error = true;
          const auto what = b.level == "suppress" ? fmt::format("`suppress {}`", b.code) : fmt::format("`{}={}`", b.code, b.level);
          const auto msg = analysis::find_check(b.code)
                               ? fmt::format("{}: unknown level `{}`; write error, warning, note or off", what, b.level)
                               : fmt::format("{} names no check; `writ check --explain CODE` describes each ({} to {})", what,
                                             analysis::check_registry().front().code, analysis::check_registry().back().code);
          if (!b.span.known()) {
            std::cerr << fmt::format("writ: error: --severity {}\n", msg);
            continue;
          }
          c.diags.add(make_diagnostic(DiagCode::invalid_value, b.span, msg));
          ++errors;
        }
        if (result.bad_settings.empty()) found = std::move(result.findings);
      }
      for (const auto& f : found) {
        ++finding_count;
        if (f.suppressed) {
          ++suppressed;
        } else {
          if (severity_rank(f.severity) >= threshold) findings = true;
          errors += f.severity == Severity::error;
          warnings += f.severity == Severity::warning;
          notes += f.severity == Severity::note;
        }
        if (o.format == "sarif") sarif_results.push_back(report::sarif_result(c.sources, *c.policy, f));
        if (o.format == "github" && !f.suppressed) std::cout << report::github_annotation(c.sources, f) << '\n';
      }
      if (o.format == "text")
        for (const auto& f : found) report::print_finding_text(std::cout, c.sources, *c.policy, f, color);
      if (o.format == "json") {
        for (const auto& d : c.diags.items()) json_diags.push_back(nlohmann::json::parse(report::to_json(c.sources, d)));
        json_policies.push_back({{"root", root.string()}, {"ok", c.ok()}, {"files", c.files.size()}});
      } else if (o.format == "text" || o.format == "github") {
        print_diagnostics_text(std::cout, c, color);
      }
      if (o.dump == "ast")
        for (const auto& f : c.files) std::cout << lower::dump_ast(f);
      if (o.dump == "ir" && c.policy) std::cout << ir::dump_policy(*c.policy, &c.sources) << ir::dump_suite(*c.policy, c.suite, &c.sources);
      // Last: what the held findings need leaves the compilation here.
      if (o.format == "json" && !found.empty()) json_findings.push_back({std::move(c.sources), std::move(*c.policy), std::move(found)});
    }
  }
  if (o.format == "json") {
    nlohmann::json out{{"policies", json_policies}, {"diagnostics", json_diags}, {"findings", nlohmann::json::array()},
                       {"summary", {{"policies", policies}, {"errors", errors}, {"warnings", warnings}, {"notes", notes},
                                    {"findings", finding_count}, {"suppressed", suppressed}}}};
    std::size_t held = 0, next = 0;
    report::write_check_json(std::cout, out, [&](std::string& element) {
      for (; held < json_findings.size(); ++held, next = 0)
        if (next < json_findings[held].findings.size()) {
          const auto& h = json_findings[held];
          element = report::finding_json_element(h.sources, h.policy, h.findings[next++]);
          return true;
        }
      return false;
    });
    std::cout << '\n';
  } else if (o.format == "sarif") {
    std::cout << report::sarif_log(std::move(sarif_results), WRIT_TOOL_VERSION).dump(2) << '\n';
  } else {
    std::cerr << fmt::format("writ check: {} {}, {} {}, {} {}{}\n", policies, policies == 1 ? "policy" : "policies", errors,
                             errors == 1 ? "error" : "errors", warnings, warnings == 1 ? "warning" : "warnings",
                             suppressed ? fmt::format(", {} suppressed", suppressed) : "");
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
  sub->add_option("paths", o->paths, "Policy files or directories");
  sub->add_option("--format", o->format, "Output format: text, json, sarif (SARIF 2.1.0), github (workflow annotations)")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->default_str("text");
  sub->add_option("--severity", o->severities, "Override a check's severity: CODE=error|warning|note|off (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--explain", o->explain, "Print the catalogue entry of an analysis check (e.g. A001) and exit");
  sub->add_option("--assignments", o->assignments,
                  "Who holds what (YAML or JSON, docs/assignments.md): checked against the policy, and counted by "
                  "`min_holders` assertions; one policy only");
  sub->add_flag("--no-analysis", o->no_analysis, "Only compile: skip the static analyses");
  sub->add_option("--fail-on", o->fail_on, "Lowest severity that makes the exit status 1")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}))
      ->default_str("error");
  sub->add_option("--dump", o->dump, "Also print a phase's result: ast (per file) or ir (per policy)")
      ->check(CLI::IsMember({"ast", "ir"}));
  add_color_option(*sub, o->color);
  sub->callback([o, &status] { status = run_check(*o); });
}

}  // namespace writ::cli
