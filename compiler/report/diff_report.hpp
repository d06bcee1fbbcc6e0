// How `writ diff` reads: text grouped by subject for a terminal, Markdown for a pull-request
// comment (a summary table first, details folded), JSON (docs/diff.md documents the schema),
// SARIF results of the findings NEW introduces, and GitHub workflow annotations. The diff itself
// is values (compiler/diff/diff.hpp); this is the only place it becomes prose.
// Covered by tests/unit/diff/diff_report_test.cpp and tests/unit/cli/diff_command_test.cpp.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/diff/diff.hpp"
#include "compiler/ir/policy.hpp"
#include "compiler/source/source.hpp"

namespace writ::report {

/// One version as the report names it.
struct DiffSide {
  std::string label;  ///< the path or REV:PATH the user gave
  const SourceMap& sources;
  const ir::Policy& policy;
};

/// Counts of the summary, also what the gates look at.
struct DiffCounts {
  std::size_t gained = 0, lost = 0;              ///< access cubes
  std::size_t edges_gained = 0, edges_lost = 0;
  std::size_t loosened = 0, tightened = 0;
  std::size_t new_findings = 0, gone_findings = 0;
};
DiffCounts diff_counts(const diff::Result& r);

/// `principal.kind = external, context.flag = true` (empty region: `any request`).
std::string region_text(const std::vector<diff::Atom>& region);
/// `role `a``, `role `b` (was `a`)`, `roles `a` + `b` held together`, `every principal (automatic roles)`.
std::string subject_text(const diff::Subject& s);

/// An example request as `writ eval --request` reads it (with `assign` for an assignment question).
nlohmann::json example_json(const ir::Request& r, bool assign, const std::string& role);

void print_diff_text(std::ostream& out, const DiffSide& old_side, const DiffSide& new_side, const diff::Result& r, bool color);
std::string diff_markdown(const DiffSide& old_side, const DiffSide& new_side, const diff::Result& r);
nlohmann::json diff_json(const DiffSide& old_side, const DiffSide& new_side, const diff::Result& r);
/// SARIF results: the findings NEW has and OLD had not.
nlohmann::json diff_sarif_results(const DiffSide& new_side, const diff::Result& r);
/// One annotation per gained access cube, gained edge, loosened limit and new finding.
std::vector<std::string> diff_github(const DiffSide& new_side, const diff::Result& r);

}  // namespace writ::report
