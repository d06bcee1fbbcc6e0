// See findings.hpp.
#include "compiler/report/findings.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include "compiler/core/time.hpp"
#include "compiler/report/diagnostic_printer.hpp"

namespace writ::report {
namespace {

std::string step_text(const analysis::Step& s) {
  switch (s.kind) {
    case analysis::Step::Kind::hold: return fmt::format("hold `{}`", s.role);
    case analysis::Step::Kind::assign: return fmt::format("assign `{}`", s.role);
    case analysis::Step::Kind::grant: return s.role.empty() ? fmt::format("grant from `{}`", s.via) : fmt::format("grant `{}` through `{}`", s.role, s.via);
    case analysis::Step::Kind::implicit: return fmt::format("implicit grant `{}` gives `{}`", s.via, s.role);
  }
  return {};
}

std::string_view kind_name(analysis::Query::Kind k) {
  return k == analysis::Query::Kind::decide ? "decide" : k == analysis::Query::Kind::assign ? "assign" : "validate";
}

std::string expected(const analysis::Query& q) {
  if (q.kind == analysis::Query::Kind::validate)
    return q.absent_violation.empty() ? (q.expect_allow ? "valid" : "invalid") : "no " + q.absent_violation;
  return q.expect_allow ? "allow" : "deny";
}

nlohmann::json grant_json(const ir::GrantInstance& g) {
  nlohmann::json j{{"template", g.template_name}};
  if (!g.grantee_id.empty()) j["grantee_id"] = g.grantee_id;
  auto roles = nlohmann::json::array();
  for (const auto& r : g.grantor_roles) roles.push_back({{"role", r.role}, {"org", r.org}});
  j["grantor"] = {{"kind", std::string(ir::name(g.grantor_kind))}, {"named", g.grantor_named}, {"roles", roles}};
  j["roles"] = g.roles;
  auto custom = nlohmann::json::array();
  for (const auto& c : g.custom) custom.push_back(c.text);
  j["custom"] = custom;
  if (g.valid_from) j["valid_from"] = *g.valid_from;
  if (g.valid_to) j["valid_to"] = *g.valid_to;
  if (!g.org.empty()) j["org"] = g.org;
  if (!g.fields.empty()) j["fields"] = g.fields;
  return j;
}

nlohmann::json value_json(const ir::Value& v) {
  return std::visit([](const auto& x) { return nlohmann::json(x); }, v);
}

std::string_view sarif_level(Severity s) { return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note"; }

nlohmann::json sarif_location(const SourceMap& sources, const Span& s, const std::string& text) {
  auto sj = span_json(sources, s);
  nlohmann::json region{{"startLine", std::max<std::uint32_t>(1, sj["line"].get<std::uint32_t>())},
                        {"startColumn", std::max<std::uint32_t>(1, sj["column"].get<std::uint32_t>())}};
  if (sj["end_line"].get<std::uint32_t>() >= 1 && sj["end_column"].get<std::uint32_t>() >= 1) {
    region["endLine"] = std::max(sj["end_line"].get<std::uint32_t>(), region["startLine"].get<std::uint32_t>());
    region["endColumn"] = sj["end_column"];
  }
  nlohmann::json loc{{"physicalLocation", {{"artifactLocation", {{"uri", sj["file"]}}}, {"region", region}}}};
  if (!text.empty()) loc["message"] = {{"text", text}};
  return loc;
}

}  // namespace

std::string finding_message(const analysis::Finding& f) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& a : f.args) store.push_back(a);
  try {
    return fmt::vformat(analysis::info(f.check).message, store);
  } catch (const fmt::format_error&) {
    // A registry template and its arguments disagree: a bug, but never a crash in a report.
    return std::string(analysis::info(f.check).message);
  }
}

nlohmann::json query_json(const analysis::Query& q) {
  const auto& r = q.request;
  auto roles = nlohmann::json::array();
  for (const auto& b : r.principal.roles) roles.push_back({{"role", b.role}, {"org", b.org}});
  auto grants = nlohmann::json::array();
  for (const auto& g : r.principal.grants) grants.push_back(grant_json(g));
  nlohmann::json principal{{"id", r.principal.id},
                           {"kind", std::string(ir::name(r.principal.kind))},
                           {"named", r.principal.named},
                           {"org", r.principal.org},
                           {"roles", roles}};
  if (!grants.empty()) principal["grants"] = grants;
  nlohmann::json j{{"principal", principal}, {"target", r.target_org}, {"at", r.at}};
  if (r.org_parents) j["organizations"] = *r.org_parents;
  if (!r.context.empty()) {
    nlohmann::json ctx = nlohmann::json::object();
    for (const auto& [k, v] : r.context) ctx[k] = value_json(v);
    j["context"] = ctx;
  }
  switch (q.kind) {
    case analysis::Query::Kind::decide: j["permission"] = r.module + "/" + r.resource + ":" + r.action; break;
    case analysis::Query::Kind::assign: j["assign"] = {{"role", q.role}}; break;
    case analysis::Query::Kind::validate:
      if (q.grant) j["validate"] = grant_json(*q.grant);
      break;
  }
  return j;
}

std::vector<std::string> witness_lines(const ir::Policy&, const analysis::Finding& f) {
  std::vector<std::string> out;
  if (!f.witness.chain.empty()) {
    std::string chain;
    for (const auto& s : f.witness.chain) chain += (chain.empty() ? "" : " -> ") + step_text(s);
    out.push_back("chain: " + chain);
  }
  for (const auto& q : f.witness.queries)
    out.push_back(fmt::format("{} {} => {}", kind_name(q.kind), query_json(q).dump(), expected(q)));
  return out;
}

void print_finding_text(std::ostream& out, const SourceMap& sources, const ir::Policy& p, const analysis::Finding& f, bool color) {
  const auto& ci = analysis::info(f.check);
  const char* bold = color ? "\x1b[1m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  const char* sev = !color ? "" : f.severity == Severity::error ? "\x1b[1;31m" : f.severity == Severity::warning ? "\x1b[1;35m" : "\x1b[1;36m";
  // A suppressed finding keeps its severity but says so before the colon, so a reader (or a
  // problem matcher looking for `error[CODE]:`) does not take it for one that fails the run.
  out << bold << location_of(sources, f.primary) << ": " << reset << sev << severity_name(f.severity) << '[' << ci.code << ']'
      << (f.suppressed ? " (suppressed)" : "") << ": " << reset << bold << finding_message(f) << reset << '\n';
  print_source_excerpt(out, sources, f.primary, f.severity, color);
  for (const auto& line : witness_lines(p, f)) out << "  witness: " << line << '\n';
  if (f.suppressed) out << "  suppressed: " << *f.suppressed << '\n';
  for (const auto& [span, text] : f.related) {
    out << bold << location_of(sources, span) << ": " << reset << "note: " << text << '\n';
    print_source_excerpt(out, sources, span, Severity::note, color);
  }
}

namespace {

/// finding_json() without its "permissions" (an empty array there): the permissions are most of a
/// large report's bytes, and finding_json_element() writes them without a tree.
nlohmann::json finding_json_but_permissions(const SourceMap& sources, const analysis::Finding& f) {
  const auto& ci = analysis::info(f.check);
  nlohmann::json j = span_json(sources, f.primary);
  j["code"] = std::string(ci.code);
  j["name"] = std::string(ci.name);
  j["severity"] = std::string(severity_name(f.severity));
  j["message"] = finding_message(f);
  j["args"] = f.args;
  auto related = nlohmann::json::array();
  for (const auto& [span, text] : f.related) {
    auto r = span_json(sources, span);
    r["message"] = text;
    related.push_back(r);
  }
  j["related"] = related;
  j["permissions"] = nlohmann::json::array();
  auto chain = nlohmann::json::array();
  for (const auto& s : f.witness.chain) {
    nlohmann::json sj{{"step", step_text(s)}, {"role", s.role}};
    if (!s.via.empty()) sj["via"] = s.via;
    chain.push_back(sj);
  }
  auto queries = nlohmann::json::array();
  for (const auto& q : f.witness.queries)
    queries.push_back({{"query", std::string(kind_name(q.kind))}, {"request", query_json(q)}, {"expect", expected(q)}});
  j["witness"] = {{"chain", chain}, {"queries", queries}};
  if (f.suppressed) j["suppressed"] = {{"reason", *f.suppressed}};
  return j;
}

}  // namespace

nlohmann::json finding_json(const SourceMap& sources, const ir::Policy& p, const analysis::Finding& f) {
  nlohmann::json j = finding_json_but_permissions(sources, f);
  auto& perms = j["permissions"];
  for (const auto& run : f.permissions.runs())
    for (auto i = run.first; i < run.last; ++i) perms.push_back(p.permission_name(ir::PermissionId{i}));
  return j;
}

std::string finding_json_element(const SourceMap& sources, const ir::Policy& p, const analysis::Finding& f) {
  const std::string flat = finding_json_but_permissions(sources, f).dump(2);
  // INVARIANT: a key of the finding itself sits at two spaces after a newline (nested ones at
  // four or more; JSON strings hold no raw newline), so this is its own "permissions".
  const std::string key = "\n  \"permissions\": []";
  const auto at = f.permissions.empty() ? std::string::npos : flat.find(key);
  std::string out = "    ";
  out.reserve(flat.size() + flat.size() / 8 + f.permissions.count() * 48);
  auto copy = [&](std::size_t from, std::size_t to) {
    for (auto i = from; i < to; ++i) {
      out += flat[i];
      if (flat[i] == '\n') out += "    ";  // each line two levels deeper: inside the document's array
    }
  };
  if (at == std::string::npos) {
    copy(0, flat.size());
    return out;
  }
  const auto value = at + key.size() - 2;
  copy(0, value);
  // What dump(2) writes for the array of names, at the depth of the element's keys.
  out += "[\n";
  bool first = true;
  for (const auto& run : f.permissions.runs())
    for (auto i = run.first; i < run.last; ++i) {
      out += first ? "" : ",\n";
      first = false;
      out += "        ";
      out += nlohmann::json(p.permission_name(ir::PermissionId{i})).dump();
    }
  out += "\n      ]";
  copy(value + 2, flat.size());
  return out;
}

void write_check_json(std::ostream& out, const nlohmann::json& document, const std::function<bool(std::string&)>& next) {
  const std::string text = document.dump(2);
  // INVARIANT: a top-level key alone sits at two spaces after a newline (nested ones at four or
  // more, and strings hold no raw newline), so this is the document's own "findings".
  const std::string key = "\n  \"findings\": []";
  const auto at = text.find(key);
  std::string element;
  if (at == std::string::npos || !next(element)) {
    out << text;
    return;
  }
  const auto value = at + key.size() - 2;
  out.write(text.data(), static_cast<std::streamsize>(value));
  out << "[\n" << element;
  while (next(element)) out << ",\n" << element;
  out << "\n  ]";
  out.write(text.data() + value + 2, static_cast<std::streamsize>(text.size() - value - 2));
}

nlohmann::json sarif_rules() {
  auto rules = nlohmann::json::array();
  for (const auto& c : analysis::check_registry()) {
    rules.push_back({{"id", std::string(c.code)},
                     {"name", std::string(c.name)},
                     {"shortDescription", {{"text", std::string(c.rule)}}},
                     {"fullDescription", {{"text", std::string(c.rule)}}},
                     {"help", {{"text", std::string(c.fix)}, {"markdown", fmt::format("{}\n\nFix: {}", c.rule, c.fix)}}},
                     {"defaultConfiguration", {{"level", std::string(sarif_level(c.severity))}}}});
  }
  return rules;
}

nlohmann::json sarif_result(const SourceMap& sources, const ir::Policy& p, const analysis::Finding& f) {
  const auto& ci = analysis::info(f.check);
  std::string text = finding_message(f);
  for (const auto& line : witness_lines(p, f)) text += "\nwitness: " + line;
  nlohmann::json r{{"ruleId", std::string(ci.code)},
                   {"ruleIndex", static_cast<int>(f.check)},
                   {"level", std::string(sarif_level(f.severity))},
                   {"message", {{"text", text}}},
                   {"locations", nlohmann::json::array({sarif_location(sources, f.primary, "")})}};
  auto related = nlohmann::json::array();
  int id = 1;
  for (const auto& [span, what] : f.related) {
    auto loc = sarif_location(sources, span, what);
    loc["id"] = id++;
    related.push_back(loc);
  }
  if (!related.empty()) r["relatedLocations"] = related;
  if (f.suppressed)
    r["suppressions"] = nlohmann::json::array({{{"kind", "inSource"}, {"status", "accepted"}, {"justification", *f.suppressed}}});
  return r;
}

nlohmann::json sarif_log(nlohmann::json results, const std::string& tool_version) {
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", nlohmann::json::array({{{"tool", {{"driver", {{"name", "writ"},
                                                                 {"version", tool_version},
                                                                 {"rules", sarif_rules()}}}}},
                                           {"results", std::move(results)}}})}};
}

std::string github_command(std::string_view level, const SourceMap& sources, const Span& span, std::string_view title,
                           std::string_view message) {
  auto sj = span_json(sources, span);
  // Workflow commands end at a newline; escape it and `%` as GitHub documents.
  std::string msg;
  for (char ch : message) {
    if (ch == '%') msg += "%25";
    else if (ch == '\n') msg += "%0A";
    else if (ch == '\r') msg += "%0D";
    else msg += ch;
  }
  return fmt::format("::{} file={},line={},col={},title={}::{}", level, sj["file"].get<std::string>(), sj["line"].get<std::uint32_t>(),
                     sj["column"].get<std::uint32_t>(), title, msg);
}

std::string github_annotation(const SourceMap& sources, const analysis::Finding& f) {
  const auto& ci = analysis::info(f.check);
  std::string level = f.severity == Severity::error ? "error" : f.severity == Severity::warning ? "warning" : "notice";
  return github_command(level, sources, f.primary, fmt::format("{} {}", ci.code, ci.name), finding_message(f));
}

std::string explain_check(const analysis::CheckInfo& c) {
  return fmt::format("{} {} (default: {})\n  rule: {}\n  fix:  {}\n  catalogue: docs/checks.md#{}\n", c.code, c.name, severity_name(c.severity),
                     c.rule, c.fix, c.code);
}

}  // namespace writ::report
