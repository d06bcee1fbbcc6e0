// See diff_report.hpp.
#include "compiler/report/diff_report.hpp"

#include <fmt/format.h>

#include "compiler/report/answers.hpp"
#include "compiler/report/diagnostic_printer.hpp"
#include "compiler/report/findings.hpp"

namespace writ::report {

namespace {

constexpr std::size_t kShownPermissions = 6;

std::string sign(diff::Direction d) { return d == diff::Direction::gained ? "+" : "-"; }

std::string when_text(const std::vector<diff::Atom>& region) {
  return region.empty() ? std::string() : ", when " + region_text(region);
}

std::string kinds_list(const std::vector<ir::PrincipalKind>& ks) {
  std::string s;
  for (auto k : ks) s += (s.empty() ? "" : ", ") + std::string(ir::name(k));
  return s;
}

std::string permissions_text(const std::vector<std::string>& ps) {
  std::string s;
  for (std::size_t i = 0; i < ps.size() && i < kShownPermissions; ++i) s += (i ? ", " : "") + ps[i];
  if (ps.size() > kShownPermissions) s += fmt::format(" and {} more", ps.size() - kShownPermissions);
  return s;
}

std::string spans_text(const SourceMap& sources, const std::vector<Span>& spans) {
  std::string s;
  for (const auto& sp : spans) s += (s.empty() ? "" : ", ") + location(sources, sp);
  return s;
}

nlohmann::json spans_json(const SourceMap& sources, const std::vector<Span>& spans) {
  auto out = nlohmann::json::array();
  for (const auto& sp : spans) out.push_back(span_json(sources, sp));
  return out;
}

std::string assigner_text(const std::string& a) { return a.empty() ? "anyone" : "`" + a + "`"; }

std::string limit_subject(const diff::LimitChange& l) {
  return fmt::format("{} `{}`", l.of == diff::LimitChange::Of::template_ ? "grant template" : "implicit grant", l.name);
}

std::string limit_text(const diff::LimitChange& l) {
  if (l.limit == "template" || l.limit == "implicit grant") return l.new_value.empty() ? "removed" : "added";
  if (l.old_value.empty()) return fmt::format("{}: + {}", l.limit, l.new_value);
  if (l.new_value.empty()) return fmt::format("{}: - {}", l.limit, l.old_value);
  return fmt::format("{}: {} -> {}", l.limit, l.old_value, l.new_value);
}

std::string percent(std::size_t o, std::size_t n) {
  if (o == n) return "0%";
  if (o == 0) return "new";
  const double pc = (static_cast<double>(n) - static_cast<double>(o)) * 100.0 / static_cast<double>(o);
  return fmt::format("{:+.1f}%", pc);
}

}  // namespace

nlohmann::json example_json(const ir::Request& r, bool assign, const std::string& role) {
  analysis::Query q;
  q.kind = assign ? analysis::Query::Kind::assign : analysis::Query::Kind::decide;
  q.request = r;
  q.role = role;
  return query_json(q);
}


DiffCounts diff_counts(const diff::Result& r) {
  DiffCounts c;
  for (const auto& a : r.access) (a.direction == diff::Direction::gained ? c.gained : c.lost)++;
  for (const auto& e : r.edges) (e.direction == diff::Direction::gained ? c.edges_gained : c.edges_lost)++;
  for (const auto& l : r.limits) (l.loosened ? c.loosened : c.tightened)++;
  for (const auto& f : r.findings) (f.direction == diff::Direction::gained ? c.new_findings : c.gone_findings)++;
  return c;
}

std::string region_text(const std::vector<diff::Atom>& region) {
  if (region.empty()) return "any request";
  std::string s;
  for (const auto& a : region) {
    s += (s.empty() ? "" : ", ") + a.input;
    if (a.values.size() == 1) {
      s += " = " + a.values.front();
    } else {
      std::string vs;
      for (const auto& v : a.values) vs += (vs.empty() ? "" : ", ") + v;
      s += " in {" + vs + "}";
    }
  }
  return s;
}

std::string subject_text(const diff::Subject& s) {
  if (s.role.empty()) return "every principal (automatic roles)";
  if (!s.with.empty()) {
    std::string names = fmt::format("`{}`", s.role);
    for (const auto& w : s.with) names += fmt::format(" + `{}`", w);
    return "roles " + names + " held together";
  }
  if (s.old_role != s.role) return fmt::format("role `{}` (was `{}`)", s.role, s.old_role);
  return fmt::format("role `{}`", s.role);
}

void print_diff_text(std::ostream& out, const DiffSide& o, const DiffSide& n, const diff::Result& r, bool color) {
  const char* bold = color ? "\x1b[1m" : "";
  const char* green = color ? "\x1b[32m" : "";
  const char* red = color ? "\x1b[31m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  auto dir_color = [&](diff::Direction d) { return d == diff::Direction::gained ? green : red; };
  out << bold << "writ diff " << o.label << " -> " << n.label << reset << '\n';
  if (r.no_change()) {
    out << "no change in access\n";
  }
  for (const auto& rn : r.renamed) out << fmt::format("renamed: role `{}` -> `{}` (same access)\n", rn.old_name, rn.new_name);
  const diff::Subject* last = nullptr;
  for (const auto& c : r.access) {
    if (!last || !(*last == c.subject)) {
      out << '\n' << bold << subject_text(c.subject) << reset << '\n';
      last = &c.subject;
    }
    out << dir_color(c.direction) << "  " << sign(c.direction) << ' ' << permissions_text(c.permissions) << reset
        << fmt::format("  at {}, for {}{}\n", ir::name(c.scope), kinds_list(c.kinds), when_text(c.region));
    if (!c.new_rules.empty()) out << "      new: " << spans_text(n.sources, c.new_rules) << '\n';
    if (!c.old_rules.empty()) out << "      old: " << spans_text(o.sources, c.old_rules) << '\n';
    out << "      e.g. " << example_json(c.example, false, "").dump() << '\n';
  }
  if (!r.edges.empty()) out << '\n' << bold << "assignment" << reset << '\n';
  for (const auto& e : r.edges) {
    out << dir_color(e.direction) << "  " << sign(e.direction) << ' '
        << fmt::format("{} may assign `{}`", assigner_text(e.assigner), e.role) << reset
        << fmt::format("  at {}, for {}{}\n", ir::name(e.scope), kinds_list(e.kinds), when_text(e.region));
    if (!e.new_rules.empty()) out << "      new: " << spans_text(n.sources, e.new_rules) << '\n';
    if (!e.old_rules.empty()) out << "      old: " << spans_text(o.sources, e.old_rules) << '\n';
    out << "      e.g. " << example_json(e.example, true, e.role).dump() << '\n';
  }
  if (!r.limits.empty()) out << '\n' << bold << "grants" << reset << '\n';
  for (const auto& l : r.limits) {
    out << (l.loosened ? green : red) << "  " << (l.loosened ? "loosened " : "tightened ") << reset
        << limit_subject(l) << ' ' << limit_text(l);
    if (l.new_span.known()) out << "  (" << location(n.sources, l.new_span) << ')';
    else if (l.old_span.known()) out << "  (was " << location(o.sources, l.old_span) << ')';
    out << '\n';
  }
  if (!r.findings.empty()) out << '\n' << bold << "findings" << reset << '\n';
  for (const auto& f : r.findings) {
    const auto& src = f.direction == diff::Direction::gained ? n.sources : o.sources;
    out << dir_color(f.direction) << (f.direction == diff::Direction::gained ? "  new  " : "  gone ") << reset
        << location(src, f.finding.primary) << ": [" << analysis::info(f.finding.check).code << "] " << finding_message(f.finding)
        << (f.finding.suppressed ? " (suppressed: " + *f.finding.suppressed + ")" : std::string()) << '\n';
  }
  for (const auto& i : r.incomplete) out << "\nnot compared exactly: " << i << '\n';
  out << '\n' << bold << "blast radius" << reset << " ((permission, scope) cells a principal kind can reach)\n";
  out << fmt::format("  {:<16}{:>22}{:>30}\n", "kind", "direct old -> new", "with grants old -> new");
  for (const auto& b : r.blast)
    out << fmt::format("  {:<16}{:>22}{:>30}\n", ir::name(b.kind),
                       fmt::format("{} -> {} ({})", b.direct_old, b.direct_new, percent(b.direct_old, b.direct_new)),
                       fmt::format("{} -> {} ({})", b.reach_old, b.reach_new, percent(b.reach_old, b.reach_new)));
  const auto c = diff_counts(r);
  out << fmt::format("\nwrit diff: {} gained, {} lost, {} assignment edge(s) gained, {} lost, {} limit(s) loosened, "
                     "{} tightened, {} new finding(s), {} gone\n",
                     c.gained, c.lost, c.edges_gained, c.edges_lost, c.loosened, c.tightened, c.new_findings, c.gone_findings);
}

std::string diff_markdown(const DiffSide& o, const DiffSide& n, const diff::Result& r) {
  const auto c = diff_counts(r);
  std::string s = fmt::format("### writ diff `{}` → `{}`\n\n", o.label, n.label);
  if (r.no_change()) s += "No change in access.\n\n";
  s += "| change | gained / loosened / new | lost / tightened / gone |\n|---|---:|---:|\n";
  s += fmt::format("| access (cubes) | {} | {} |\n", c.gained, c.lost);
  s += fmt::format("| assignment edges | {} | {} |\n", c.edges_gained, c.edges_lost);
  s += fmt::format("| grant limits | {} | {} |\n", c.loosened, c.tightened);
  s += fmt::format("| findings | {} | {} |\n\n", c.new_findings, c.gone_findings);
  s += "| principal kind | direct cells (old → new) | with grants (old → new) |\n|---|---:|---:|\n";
  for (const auto& b : r.blast)
    s += fmt::format("| {} | {} → {} ({}) | {} → {} ({}) |\n", ir::name(b.kind), b.direct_old, b.direct_new,
                     percent(b.direct_old, b.direct_new), b.reach_old, b.reach_new, percent(b.reach_old, b.reach_new));
  s += '\n';
  for (const auto& i : r.incomplete) s += "> **Not compared exactly:** " + i + "\n\n";
  for (const auto& rn : r.renamed) s += fmt::format("Renamed: role `{}` → `{}` (same access).\n\n", rn.old_name, rn.new_name);
  if (!r.access.empty()) {
    s += "<details><summary>Access</summary>\n\n| | subject | permissions | scope | kinds | when | rules (new / old) |\n|---|---|---|---|---|---|---|\n";
    for (const auto& a : r.access)
      s += fmt::format("| {} | {} | {} | {} | {} | {} | {} / {} |\n", sign(a.direction), subject_text(a.subject),
                       permissions_text(a.permissions), ir::name(a.scope), kinds_list(a.kinds), region_text(a.region),
                       spans_text(n.sources, a.new_rules), spans_text(o.sources, a.old_rules));
    s += "\n</details>\n\n";
  }
  if (!r.edges.empty()) {
    s += "<details><summary>Assignment</summary>\n\n| | assigner | role | scope | kinds | when |\n|---|---|---|---|---|---|\n";
    for (const auto& e : r.edges)
      s += fmt::format("| {} | {} | `{}` | {} | {} | {} |\n", sign(e.direction), assigner_text(e.assigner), e.role, ir::name(e.scope),
                       kinds_list(e.kinds), region_text(e.region));
    s += "\n</details>\n\n";
  }
  if (!r.limits.empty()) {
    s += "<details><summary>Grants</summary>\n\n";
    for (const auto& l : r.limits)
      s += fmt::format("- **{}** {} {}\n", l.loosened ? "loosened" : "tightened", limit_subject(l), limit_text(l));
    s += "\n</details>\n\n";
  }
  if (!r.findings.empty()) {
    s += "<details><summary>Findings</summary>\n\n";
    for (const auto& f : r.findings)
      s += fmt::format("- **{}** `{}` {}\n", f.direction == diff::Direction::gained ? "new" : "gone",
                       analysis::info(f.finding.check).code, finding_message(f.finding));
    s += "\n</details>\n";
  }
  return s;
}

nlohmann::json diff_json(const DiffSide& o, const DiffSide& n, const diff::Result& r) {
  auto region_json = [](const std::vector<diff::Atom>& region) {
    auto out = nlohmann::json::array();
    for (const auto& a : region) out.push_back({{"input", a.input}, {"values", a.values}});
    return out;
  };
  auto kinds_json = [](const std::vector<ir::PrincipalKind>& ks) {
    auto out = nlohmann::json::array();
    for (auto k : ks) out.push_back(std::string(ir::name(k)));
    return out;
  };
  nlohmann::json j{{"old", o.label}, {"new", n.label}, {"no_change", r.no_change()}};
  auto renamed = nlohmann::json::array();
  for (const auto& rn : r.renamed) renamed.push_back({{"old", rn.old_name}, {"new", rn.new_name}});
  j["renamed"] = renamed;
  auto access = nlohmann::json::array();
  for (const auto& a : r.access)
    access.push_back({{"direction", std::string(diff::direction_name(a.direction))},
                      {"subject", {{"role", a.subject.role}, {"old_role", a.subject.old_role}, {"with", a.subject.with}}},
                      {"scope", std::string(ir::name(a.scope))},
                      {"kinds", kinds_json(a.kinds)},
                      {"region", region_json(a.region)},
                      {"permissions", a.permissions},
                      {"new_rules", spans_json(n.sources, a.new_rules)},
                      {"old_rules", spans_json(o.sources, a.old_rules)},
                      {"example", example_json(a.example, false, "")}});
  j["access"] = access;
  auto edges = nlohmann::json::array();
  for (const auto& e : r.edges)
    edges.push_back({{"direction", std::string(diff::direction_name(e.direction))},
                     {"assigner", e.assigner},
                     {"role", e.role},
                     {"scope", std::string(ir::name(e.scope))},
                     {"kinds", kinds_json(e.kinds)},
                     {"region", region_json(e.region)},
                     {"new_rules", spans_json(n.sources, e.new_rules)},
                     {"old_rules", spans_json(o.sources, e.old_rules)},
                     {"example", example_json(e.example, true, e.role)}});
  j["edges"] = edges;
  auto limits = nlohmann::json::array();
  for (const auto& l : r.limits)
    limits.push_back({{"of", l.of == diff::LimitChange::Of::template_ ? "template" : "implicit"},
                      {"name", l.name},
                      {"limit", l.limit},
                      {"old", l.old_value},
                      {"new", l.new_value},
                      {"loosened", l.loosened},
                      {"old_span", span_json(o.sources, l.old_span)},
                      {"new_span", span_json(n.sources, l.new_span)}});
  j["limits"] = limits;
  auto findings = nlohmann::json::array();
  for (const auto& f : r.findings) {
    const bool gained = f.direction == diff::Direction::gained;
    findings.push_back({{"direction", std::string(diff::direction_name(f.direction))},
                        {"finding", finding_json(gained ? n.sources : o.sources, gained ? n.policy : o.policy, f.finding)}});
  }
  j["findings"] = findings;
  auto blast = nlohmann::json::array();
  for (const auto& b : r.blast)
    blast.push_back({{"kind", std::string(ir::name(b.kind))},
                     {"direct_old", b.direct_old},
                     {"direct_new", b.direct_new},
                     {"reach_old", b.reach_old},
                     {"reach_new", b.reach_new}});
  j["blast_radius"] = blast;
  j["incomplete"] = r.incomplete;
  const auto c = diff_counts(r);
  j["summary"] = {{"gained", c.gained},           {"lost", c.lost},           {"edges_gained", c.edges_gained},
                  {"edges_lost", c.edges_lost},   {"loosened", c.loosened},   {"tightened", c.tightened},
                  {"new_findings", c.new_findings}, {"gone_findings", c.gone_findings}};
  return j;
}

nlohmann::json diff_sarif_results(const DiffSide& n, const diff::Result& r) {
  auto out = nlohmann::json::array();
  for (const auto& f : r.findings)
    if (f.direction == diff::Direction::gained) out.push_back(sarif_result(n.sources, n.policy, f.finding));
  return out;
}

std::vector<std::string> diff_github(const DiffSide& n, const diff::Result& r) {
  std::vector<std::string> out;
  for (const auto& a : r.access) {
    if (a.direction != diff::Direction::gained || a.new_rules.empty()) continue;
    out.push_back(github_command("warning", n.sources, a.new_rules.front(), "writ diff: new access",
                                 fmt::format("{} gained {} at {} for {} when {}", subject_text(a.subject), permissions_text(a.permissions),
                                             ir::name(a.scope), kinds_list(a.kinds), region_text(a.region))));
  }
  for (const auto& e : r.edges) {
    if (e.direction != diff::Direction::gained || e.new_rules.empty()) continue;
    out.push_back(github_command("warning", n.sources, e.new_rules.front(), "writ diff: new assignment edge",
                                 fmt::format("{} may now assign `{}` at {}", assigner_text(e.assigner), e.role, ir::name(e.scope))));
  }
  for (const auto& l : r.limits) {
    if (!l.loosened || !l.new_span.known()) continue;
    out.push_back(github_command("warning", n.sources, l.new_span, "writ diff: loosened grant", limit_subject(l) + " " + limit_text(l)));
  }
  for (const auto& f : r.findings)  // a suppressed finding is accepted: no annotation, as in writ check
    if (f.direction == diff::Direction::gained && !f.finding.suppressed) out.push_back(github_annotation(n.sources, f.finding));
  return out;
}

}  // namespace writ::report
