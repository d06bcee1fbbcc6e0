// A string as a policy-language string literal: quotes and the escapes of docs/language.md §1.
// The one quoting function of every printer, dump and message.
// Covered by tests/unit/dsl/dsl_printer_test.cpp.
#pragma once

#include <string>
#include <string_view>

namespace writ::core {

std::string quote(std::string_view text);

}  // namespace writ::core
