// A literal value: what a context attribute holds in a request and what a condition compares an
// input with. Enum values, principal kinds and organization relations are strings.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace writ::ir {

using Value = std::variant<bool, std::int64_t, std::string>;

}  // namespace writ::ir
