// Checks every source file passes before a front end sees it: size, NUL bytes, UTF-8, emptiness.
// Shared so both syntaxes reject hostile bytes with the same codes (W002-W006).
// Covered by tests/unit/core/input_checks_test.cpp.
#pragma once

#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/source/source.hpp"

namespace writ {

/// Returns false (and reports) when the file must not be parsed.
bool check_input(const SourceMap& sources, FileId file, Diagnostics& diags);

/// A span for byte `offset` of `file`, with line and column computed from the text.
Span span_at(const SourceMap& sources, FileId file, std::size_t offset, std::size_t length = 1);

}  // namespace writ
