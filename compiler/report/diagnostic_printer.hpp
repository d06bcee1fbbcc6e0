// How diagnostics look: clang-style text (`file:line:col: error[W020]: message`, the source line
// and a caret; colour only when asked) or JSON with the same data. The CLI picks one.
// Covered by tests/unit/cli/diagnostic_printer_test.cpp.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/source/source.hpp"

namespace writ::report {

struct TextStyle {
  bool color = false;
};

/// `file:line:col` of a span (the file alone when unknown, `writ` without a file).
std::string location_of(const SourceMap& sources, const Span& span);
/// The span's source line and a caret, coloured for severity `s` when `color`.
void print_source_excerpt(std::ostream& out, const SourceMap& sources, const Span& span, Severity s, bool color);
/// `{"file", "line", "column", "end_line", "end_column"}` of a span.
nlohmann::json span_json(const SourceMap& sources, const Span& s);

void print_text(std::ostream& out, const SourceMap& sources, const Diagnostic& d, TextStyle style);
/// `{"file":..,"line":..,"column":..,"end_line":..,"end_column":..,"severity":..,"code":..,"name":..,"message":..,"help":[..],"notes":[..]}`
std::string to_json(const SourceMap& sources, const Diagnostic& d);

}  // namespace writ::report
