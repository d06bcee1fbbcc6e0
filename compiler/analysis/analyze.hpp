// `analyze`: every check of checks.def over one policy, exact over its finite domain, each finding
// with a witness that the interpreter has confirmed (a candidate the interpreter does not confirm
// is dropped: exact or silent). Severities come from the registry, then the policy's `severity`
// items, then the caller's overrides; `suppress` items mark findings, never drop them.
// docs/checks.md is the catalogue. Covered by tests/unit/analysis/.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "compiler/analysis/finding.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/assignments.hpp"

namespace writ::analysis {

struct Options {
  /// CODE (or name) -> `error`, `warning`, `note` or `off`; applied after the policy's own.
  std::vector<std::pair<std::string, std::string>> severities;
  /// Who holds what (`writ check --assignments FILE`): the checks A050-A052 read it; absent, they
  /// do not run.
  const ir::Assignments* assignments = nullptr;
};

/// A `severity` or `suppress` item (the policy's, with its span) or a caller's override (no span)
/// that names no check or no level.
struct BadSetting {
  std::string code;
  std::string level;  ///< `suppress` for a suppression
  Span span;          ///< unknown for the caller's overrides
};

struct Result {
  std::vector<Finding> findings;  ///< in check order, then source order
  std::vector<BadSetting> bad_settings;
};

/// `more`: findings of the layers above (the assertions of compiler/prove/), settled with the
/// same severities and suppressions and sorted with the rest.
Result analyze(const facts::Facts& facts, const Options& options = {}, std::vector<Finding> more = {});

/// Replay a witness through compiler/eval: true when every query answers as it claims.
bool confirm(const facts::Facts& facts, const Witness& witness);

}  // namespace writ::analysis
