// Text from outside (file names, source lines, request values) made safe to print on a terminal:
// control characters, C1 controls, Unicode line separators and bidirectional overrides become
// visible escapes (\x1b, \u{2028}), and very long text is cut, so no input can move the cursor,
// change colours, forge a line of output or drown a message.
// Covered by tests/unit/core/printable_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace writ::core {

/// `text` with every unsafe character escaped; at most `max_bytes` of it are shown, then "...".
std::string printable(std::string_view text, std::size_t max_bytes = 400);

}  // namespace writ::core
