// How analysis findings read: clang-style text (like the diagnostics), JSON (docs/checks.md
// documents the schema), SARIF 2.1.0 for code scanning, GitHub workflow annotations, and the
// catalogue entry `writ check --explain CODE` prints. Findings are values (compiler/analysis/
// finding.hpp); this is the only place they become prose.
// Covered by tests/unit/analysis/report_test.cpp and the SARIF schema test (tests/cli/).
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/analysis/finding.hpp"
#include "compiler/ir/policy.hpp"
#include "compiler/source/source.hpp"

namespace writ::report {

/// The registry message filled with the finding's arguments.
std::string finding_message(const analysis::Finding& f);
/// One line per witness step and query: `hold `a` -> assign `b``, `decide {...} => allow`.
std::vector<std::string> witness_lines(const ir::Policy& p, const analysis::Finding& f);

void print_finding_text(std::ostream& out, const SourceMap& sources, const ir::Policy& p, const analysis::Finding& f, bool color);
nlohmann::json finding_json(const SourceMap& sources, const ir::Policy& p, const analysis::Finding& f);
/// finding_json(...).dump(2) as an element of the "findings" array of `writ check --format json`
/// (two levels deep: every line indented by four more spaces), so a large report is written one
/// finding at a time instead of as one tree of every finding.
std::string finding_json_element(const SourceMap& sources, const ir::Policy& p, const analysis::Finding& f);
/// Writes `document.dump(2)` with the elements `next` gives (finding_json_element()s, until it
/// returns false) as its top-level "findings" array, which `document` holds empty: byte for byte
/// the dump of the whole tree, with one element in memory at a time.
void write_check_json(std::ostream& out, const nlohmann::json& document, const std::function<bool(std::string&)>& next);
/// A request as docs/request-format.md writes it, with the query (permission, assign, validate).
nlohmann::json query_json(const analysis::Query& q);

/// SARIF: the rules of every check, one result per finding, and the whole log around results.
nlohmann::json sarif_rules();
nlohmann::json sarif_result(const SourceMap& sources, const ir::Policy& p, const analysis::Finding& f);
nlohmann::json sarif_log(nlohmann::json results, const std::string& tool_version);

/// One GitHub workflow command: `::LEVEL file=..,line=..,col=..,title=TITLE::MESSAGE`, escaped.
std::string github_command(std::string_view level, const SourceMap& sources, const Span& span, std::string_view title,
                           std::string_view message);
/// `::error file=..,line=..,col=..,title=A001 assign_exceeds_assigner::message`.
std::string github_annotation(const SourceMap& sources, const analysis::Finding& f);

/// The catalogue entry of a check: code, name, default severity, rule, how to fix.
std::string explain_check(const analysis::CheckInfo& c);

}  // namespace writ::report
