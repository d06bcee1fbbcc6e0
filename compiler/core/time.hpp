// Timestamps (RFC 3339 UTC, `YYYY-MM-DDTHH:MM:SSZ`) and durations (`1d12h`): the only ways time
// enters a policy or a request. Strict on purpose: a near-miss is rejected, never guessed. Shared by
// the front ends (lowering reports W035/W036), the request reader and every printer of times.
// Covered by tests/unit/core/time_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace writ::core {

/// "2025-03-01T09:00:00Z" -> seconds since the epoch; nullopt if malformed.
std::optional<std::int64_t> parse_timestamp(std::string_view text);
/// "1d12h" -> seconds; nullopt if malformed or beyond 2^62 seconds.
std::optional<std::int64_t> parse_duration(std::string_view text);
/// Any int64 instant, including the extremes (years beyond 9999 print with more digits).
std::string format_timestamp(std::int64_t seconds);
/// Any int64 duration, including INT64_MIN; days are the largest unit printed.
std::string format_duration(std::int64_t seconds);

}  // namespace writ::core
