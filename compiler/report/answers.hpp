// How the interpreter's answers read: one message per reason or violation rendered from its codes
// and ids (the interpreter stores no prose), the span each points at, and the text and JSON forms
// of decisions, violations, `who-can` paths, `explain` tables and test reports. `writ eval`,
// `writ test`, `writ explain` and `writ who-can` all print through here, so a reason reads the
// same everywhere: `  deny  forbid: message  (file:line:col)`.
// Covered by tests/unit/eval/explain_report_test.cpp and the CLI tests (tests/unit/cli/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/eval/decision.hpp"
#include "compiler/eval/explain.hpp"
#include "compiler/eval/test_runner.hpp"
#include "compiler/eval/who_can.hpp"
#include "compiler/ir/policy.hpp"
#include "compiler/ir/request.hpp"
#include "compiler/source/source.hpp"

namespace writ::report {

/// What a rendering needs: the policy, its sources (for locations) and the question asked.
struct Context {
  const ir::Policy& policy;
  const SourceMap& sources;
  const ir::Request& request;
};

/// `file:line:col` of a span, or empty when it has no file.
std::string location(const SourceMap& sources, const Span& span);

std::string message(const Context& c, const eval::Decision& d, const eval::Reason& r);
Span span_of(const ir::Policy& p, const eval::Reason& r);
std::string message(const Context& c, const eval::Violation& v);
Span span_of(const ir::Policy& p, const eval::Violation& v);

/// One line per reason / violation, each starting with `indent`.
std::string reasons_text(const Context& c, const eval::Decision& d, std::string_view indent);
std::string violations_text(const Context& c, const std::vector<eval::Violation>& vs, std::string_view indent);

/// `{"query":..,"decision":"allow","reasons":[{"effect":..,"code":..,"message":..,"rule":KEY,"file":..,"line":..,"column":..}]}`
std::string decision_json(const Context& c, const eval::Decision& d, std::string_view query);
std::string violations_json(const Context& c, const std::vector<eval::Violation>& vs);

std::string who_can_text(const ir::Policy& p, const SourceMap& sources, const eval::WhoCan& w);
std::string who_can_json(const ir::Policy& p, const SourceMap& sources, const eval::WhoCan& w);
std::string explain_role_text(const ir::Policy& p, const eval::RoleExplanation& e);
std::string explain_grid_text(const ir::Policy& p, const eval::PrincipalGrid& g);
std::string explain_grid_json(const ir::Policy& p, const eval::PrincipalGrid& g, std::int64_t at);

/// The request of a test as one line: `kind internal, role a at org, target t, at ..., request m/r:a`.
std::string describe_request(const ir::TestCase& test);
/// One line for a coverage gap, without location.
std::string uncovered_text(const ir::Policy& p, const eval::Uncovered& u);
Span span_of(const ir::Policy& p, const eval::Uncovered& u);

}  // namespace writ::report
