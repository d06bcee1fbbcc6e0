// docs/diagnostics.md as a function of the registry (codes.def), so the documentation cannot drift
// from the codes: `writ diagnostics --markdown` prints it and a test compares the committed file.
// Covered by tests/unit/lower/diagnostics_doc_test.cpp.
#pragma once

#include <string>

namespace writ {

/// The whole Markdown catalogue of diagnostics, in code order.
std::string diagnostics_markdown();

}  // namespace writ
