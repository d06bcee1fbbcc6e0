// Text forms of the interpreter's answers, shared by `writ test`, `writ eval`, `writ explain` and
// `writ who-can` so a reason reads the same everywhere: `  deny   forbid  message  (file:line:col)`.
// Covered by tests/unit/eval/report_text_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "compiler/eval/interpreter.hpp"
#include "compiler/eval/who_can.hpp"
#include "compiler/source/source.hpp"

namespace writ::eval {

/// `file:line:col` of a span, or empty when it has no file.
std::string location(const SourceMap& sources, const Span& span);

/// One line per reason, each starting with `indent`.
std::string reasons_text(const SourceMap& sources, const std::vector<Reason>& reasons, std::string_view indent);
std::string violations_text(const SourceMap& sources, const std::vector<Violation>& violations, std::string_view indent);

/// `writ who-can` output for one permission.
std::string who_can_text(const SourceMap& sources, std::string_view permission, const std::vector<WhoCanPath>& paths);

/// The static table of `writ explain --role R`: per scope, each permission the role may hold, how,
/// under which conditions, and what takes it away.
std::string explain_role_text(const SourceMap& sources, const ir::Policy& policy, ir::RoleId role);

}  // namespace writ::eval
