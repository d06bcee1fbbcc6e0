// RFC 3339 timestamps and durations as the language writes them (docs/language.md §1), written
// here so the generator needs nothing from the compiler.
#pragma once

#include <cstdint>
#include <string>

namespace writ::gen {

/// `2025-03-01T09:00:00Z` for UTC seconds since the epoch.
std::string timestamp_text(std::int64_t seconds);
/// `5d`, `12h`, `1d12h` for a positive number of seconds.
std::string duration_text(std::int64_t seconds);

}  // namespace writ::gen
