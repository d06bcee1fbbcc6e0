// `writ diff OLD NEW`: the exact change in access between two versions of a policy (or of a
// folder of policies), each a path or `REV:PATH`. Policies of two folders are paired by their
// path below the folder, then by policy name (a moved file is the same policy). docs/diff.md.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <set>
#include <memory>

#include "compiler/core/printable.hpp"
#include "compiler/diff/diff.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/prove/prove.hpp"
#include "compiler/report/diff_report.hpp"
#include "compiler/report/findings.hpp"
#include "tools/writ/commands.hpp"
#include "tools/writ/git_revision.hpp"
#include "tools/writ/terminal.hpp"

namespace writ::cli {
namespace {

struct DiffOptions {
  std::string old_arg, new_arg;
  std::string format = "text";
  std::vector<std::string> fail_on;
  std::size_t max_assignments = 4096;
  bool no_findings = false;
  ColorMode color = ColorMode::automatic;
};

/// One side as given: a folder or file on disk, or extracted from git.
struct Side {
  std::string label;
  std::filesystem::path path;
  std::optional<RevisionTree> tree;
  std::string rev;
};

std::optional<Side> open_side(const std::string& arg) {
  Side s;
  s.label = arg;
  if (auto split = split_revision(arg)) {
    std::string error;
    auto t = RevisionTree::extract(split->first, split->second, error);
    if (!t) {
      std::cerr << fmt::format("writ: error: `{}`: {}\n", core::printable(arg), error);
      return std::nullopt;
    }
    s.path = t->path();
    s.rev = split->first;
    s.tree = std::move(t);
    return s;
  }
  std::error_code ec;
  if (!std::filesystem::exists(arg, ec)) {
    std::cerr << fmt::format("writ: error: `{}`: does not exist (nor is it REV:PATH of this git repository)\n", core::printable(arg));
    return std::nullopt;
  }
  s.path = arg;
  return s;
}

struct Compiled {
  std::string key;  ///< path below the side's folder
  driver::Compilation c;
};

/// Compiles every root of a side; false (diagnostics printed) when one fails.
bool compile_side(const Side& s, std::vector<Compiled>& out, bool color) {
  std::error_code ec;
  const bool folder = std::filesystem::is_directory(s.path, ec);
  bool ok = true;
  for (const auto& root : driver::find_roots(s.path)) {
    auto c = driver::compile_file(root, load_options());
    if (s.tree)  // messages name REV:path, not the temporary folder
      for (FileId id = 1; id <= c.sources.size(); ++id) {
        auto rel = std::filesystem::path(c.sources.path(id)).lexically_relative(s.tree->folder());
        c.sources.set_path(id, s.rev + ":" + rel.generic_string());
      }
    if (!c.ok()) {
      print_diagnostics_text(std::cerr, c, color);
      ok = false;
      continue;
    }
    std::string key = folder ? root.lexically_relative(s.path).generic_string() : root.filename().generic_string();
    out.push_back({key, std::move(c)});
  }
  return ok;
}

struct Gate {
  enum class Kind { new_access, new_access_external, new_escalation, loosened_grants, blast_radius } kind;
  double percent = 0;
  std::string text;
};

std::optional<Gate> parse_gate(const std::string& g) {
  if (g == "new-access") return Gate{Gate::Kind::new_access, 0, g};
  if (g == "new-access=external") return Gate{Gate::Kind::new_access_external, 0, g};
  if (g == "new-escalation") return Gate{Gate::Kind::new_escalation, 0, g};
  if (g == "loosened-grants") return Gate{Gate::Kind::loosened_grants, 0, g};
  if (g.rfind("blast-radius=", 0) == 0 && g.size() > 14 && g.back() == '%') {
    const std::string num = g.substr(13, g.size() - 14);
    char* end = nullptr;
    const double v = std::strtod(num.c_str(), &end);
    if (end && *end == '\0' && v >= 0 && v < 1e9) return Gate{Gate::Kind::blast_radius, v, g};
  }
  return std::nullopt;
}

bool is_escalation(analysis::Check c) {
  using analysis::Check;
  return c == Check::assign_exceeds_assigner || c == Check::contained_exceeds_assigner || c == Check::escalation_chain ||
         c == Check::external_reaches_internal ||
         c == Check::template_exceeds_grantor || c == Check::admin_grantable_to_external;
}

/// Why a gate trips on one diff, or empty.
std::string trips(const Gate& g, const diff::Result& r) {
  auto external = [](const std::vector<ir::PrincipalKind>& ks) {
    for (auto k : ks)
      if (k == ir::PrincipalKind::external || k == ir::PrincipalKind::vendor_support) return true;
    return false;
  };
  // What was not compared could be anything: every gate trips on it.
  if (!r.incomplete.empty()) return "not compared exactly: " + r.incomplete.front();
  switch (g.kind) {
    case Gate::Kind::new_access:
      for (const auto& a : r.access)
        if (a.direction == diff::Direction::gained) return "access gained by " + report::subject_text(a.subject);
      for (const auto& e : r.edges)
        if (e.direction == diff::Direction::gained) return "an assignment edge gained: `" + e.role + "`";
      for (const auto& l : r.limits)
        if (l.loosened) return "a grant limit loosened: " + l.name;
      return "";
    case Gate::Kind::new_access_external:
      for (const auto& a : r.access)
        if (a.direction == diff::Direction::gained && external(a.kinds))
          return "access gained by external or vendor-support holders of " + report::subject_text(a.subject);
      for (const auto& e : r.edges)
        if (e.direction == diff::Direction::gained && external(e.kinds)) return "an assignment edge gained for external principals";
      for (const auto& l : r.limits)
        if (l.loosened) {
          // A loosened template reaches external principals when they may be its grantees.
          if (l.limit == "grantee kind" && (l.new_value.find("external") != std::string::npos ||
                                            l.new_value.find("vendor_support") != std::string::npos))
            return "grant template `" + l.name + "` now admits external grantees";
        }
      for (const auto& b : r.blast)
        if ((b.kind == ir::PrincipalKind::external || b.kind == ir::PrincipalKind::vendor_support) && b.reach_new > b.reach_old)
          return fmt::format("{} principals reach {} more cells", ir::name(b.kind), b.reach_new - b.reach_old);
      return "";
    case Gate::Kind::new_escalation:
      for (const auto& f : r.findings)
        if (f.direction == diff::Direction::gained && !f.finding.suppressed && is_escalation(f.finding.check))
          return fmt::format("new escalation finding {}", analysis::info(f.finding.check).code);
      return "";
    case Gate::Kind::loosened_grants:
      for (const auto& l : r.limits)
        if (l.loosened) return fmt::format("`{}`: {} loosened", l.name, l.limit);
      return "";
    case Gate::Kind::blast_radius:
      for (const auto& b : r.blast) {
        const double o = static_cast<double>(b.reach_old), n = static_cast<double>(b.reach_new);
        if (n > o && (o == 0 || (n - o) * 100.0 / o > g.percent))
          return fmt::format("{} blast radius {} -> {}", ir::name(b.kind), b.reach_old, b.reach_new);
      }
      return "";
  }
  return "";
}

int run_diff(const DiffOptions& o) {
  std::vector<Gate> gates;
  for (const auto& g : o.fail_on) {
    auto gate = parse_gate(g);
    if (!gate) {
      std::cerr << fmt::format("writ: error: --fail-on `{}`: expected new-access, new-access=external, new-escalation, "
                               "loosened-grants or blast-radius=N%\n",
                               core::printable(g));
      return kExitUsage;
    }
    gates.push_back(*gate);
  }
  auto old_side = open_side(o.old_arg);
  if (!old_side) return kExitUsage;
  auto new_side = open_side(o.new_arg);
  if (!new_side) return kExitUsage;
  const bool color = o.format == "text" && use_color(o.color);
  std::vector<Compiled> olds, news;
  const bool ok_old = compile_side(*old_side, olds, false);
  const bool ok_new = compile_side(*new_side, news, false);
  if (!ok_old || !ok_new) {
    std::cerr << "writ: error: a version does not compile; nothing compared\n";
    return kExitUsage;
  }
  // Pair by path, then by policy name.
  std::vector<std::pair<const Compiled*, const Compiled*>> pairs;
  std::vector<const Compiled*> only_old, only_new;
  std::map<std::string, const Compiled*> old_by_key, old_by_name;
  for (const auto& c : olds) old_by_key[c.key] = &c;
  std::set<const Compiled*> used;
  for (const auto& c : news) {
    auto it = old_by_key.find(c.key);
    if (it != old_by_key.end()) {
      pairs.emplace_back(it->second, &c);
      used.insert(it->second);
    } else {
      only_new.push_back(&c);
    }
  }
  for (const auto& c : olds)
    if (!used.count(&c)) old_by_name[c.c.policy->name] = &c;
  std::vector<const Compiled*> still_new;
  for (const auto* c : only_new) {
    auto it = old_by_name.find(c->c.policy->name);
    if (it != old_by_name.end()) {
      pairs.emplace_back(it->second, c);
      used.insert(it->second);
      old_by_name.erase(it);
    } else {
      still_new.push_back(c);
    }
  }
  for (const auto& c : olds)
    if (!used.count(&c)) only_old.push_back(&c);

  diff::Options dopts;
  dopts.max_assignments = o.max_assignments;
  dopts.findings = !o.no_findings;
  // Assertion results that changed: proved or refuted anew (A040/A041 new or gone).
  dopts.more_findings = [](const facts::Facts& f) { return prove::findings(f, prove::prove_all(f)); };
  nlohmann::json json_policies = nlohmann::json::array();
  nlohmann::json sarif = nlohmann::json::array();
  std::string markdown;
  std::vector<std::string> tripped;
  bool changed = !only_old.empty() || !still_new.empty();
  for (const auto& [oc, nc] : pairs) {
    const facts::Facts of(*oc->c.policy), nf(*nc->c.policy);
    const auto result = diff::compare(of, nf, dopts);
    changed |= !result.no_change();
    const std::string ol = old_side->label + (pairs.size() > 1 || std::filesystem::is_directory(old_side->path) ? " " + oc->key : "");
    const std::string nl = new_side->label + (pairs.size() > 1 || std::filesystem::is_directory(new_side->path) ? " " + nc->key : "");
    const report::DiffSide os{ol, oc->c.sources, *oc->c.policy}, ns{nl, nc->c.sources, *nc->c.policy};
    if (o.format == "text") report::print_diff_text(std::cout, os, ns, result, color);
    if (o.format == "markdown") markdown += report::diff_markdown(os, ns, result);
    if (o.format == "json") json_policies.push_back(report::diff_json(os, ns, result));
    if (o.format == "sarif")
      for (auto& r : report::diff_sarif_results(ns, result)) sarif.push_back(std::move(r));
    if (o.format == "github")
      for (const auto& line : report::diff_github(ns, result)) std::cout << line << '\n';
    for (const auto& g : gates) {
      auto why = trips(g, result);
      if (!why.empty()) tripped.push_back(fmt::format("--fail-on {}: {} ({})", g.text, why, nc->key));
    }
  }
  for (const auto* c : only_old) {
    if (o.format == "text") std::cout << fmt::format("policy `{}` ({}) is gone\n", c->c.policy->name, c->key);
    if (o.format == "markdown") markdown += fmt::format("Policy `{}` (`{}`) is gone.\n\n", c->c.policy->name, c->key);
  }
  for (const auto* c : still_new) {
    if (o.format == "text") std::cout << fmt::format("policy `{}` ({}) is new\n", c->c.policy->name, c->key);
    if (o.format == "markdown") markdown += fmt::format("Policy `{}` (`{}`) is new.\n\n", c->c.policy->name, c->key);
    for (const auto& g : gates)
      if (g.kind != Gate::Kind::new_escalation) tripped.push_back(fmt::format("--fail-on {}: policy `{}` is new", g.text, c->key));
  }
  if (o.format == "markdown") std::cout << markdown;
  if (o.format == "json") {
    nlohmann::json gone = nlohmann::json::array(), added = nlohmann::json::array();
    for (const auto* c : only_old) gone.push_back(c->key);
    for (const auto* c : still_new) added.push_back(c->key);
    std::cout << nlohmann::json{{"policies", json_policies}, {"gone", gone}, {"new", added}, {"changed", changed},
                                {"gates_tripped", tripped}}
                     .dump(2)
              << '\n';
  }
  if (o.format == "sarif") std::cout << report::sarif_log(std::move(sarif), WRIT_TOOL_VERSION).dump(2) << '\n';
  for (const auto& t : tripped) std::cerr << "writ diff: " << t << '\n';
  return tripped.empty() ? kExitOk : kExitFindings;
}

}  // namespace

void add_diff(CLI::App& app, int& status) {
  auto o = std::make_shared<DiffOptions>();
  auto* sub = app.add_subcommand("diff",
                                 "Show the exact change in access between two versions of a policy.\n"
                                 "OLD and NEW are policy files or folders, or REV:PATH for PATH (relative to the\n"
                                 "current directory) at git revision REV, read with git without touching the checkout:\n"
                                 "  writ diff origin/main:policies policies\n"
                                 "Exit status: 0 (no gate tripped), 1 a --fail-on gate tripped, 2 usage or input error.");
  sub->add_option("old", o->old_arg, "The old version: a path or REV:PATH")->required();
  sub->add_option("new", o->new_arg, "The new version: a path or REV:PATH")->required();
  sub->add_option("--format", o->format, "Output: text, markdown (a pull-request comment), json, sarif (new findings), github")
      ->check(CLI::IsMember({"text", "markdown", "json", "sarif", "github"}))
      ->default_str("text");
  sub->add_option("--fail-on", o->fail_on,
                  "Exit 1 when: new-access, new-access=external, new-escalation, loosened-grants, blast-radius=N% (repeatable)");
  sub->add_option("--max-assignments", o->max_assignments,
                  "Largest request space one question may enumerate; beyond it the question is reported as not compared")
      ->check(CLI::Range(1, 1 << 20));
  sub->add_flag("--no-findings", o->no_findings, "Do not run the analyses on both versions");
  add_color_option(*sub, o->color);
  sub->callback([o, &status] { status = run_diff(*o); });
}

}  // namespace writ::cli
