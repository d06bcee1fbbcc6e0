// Timestamps and durations (compiler/core/time.cpp): calendar validation, round trips; checked
// arithmetic on instants (compiler/core/checked.hpp).
#include <catch2/catch.hpp>

#include <limits>

#include "compiler/core/checked.hpp"
#include "compiler/core/time.hpp"

using namespace writ::core;

TEST_CASE("timestamps parse RFC 3339 UTC and round-trip", "[core][time]") {
  CHECK(parse_timestamp("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_timestamp("2025-01-01T00:00:00Z") == 1735689600);
  CHECK(parse_timestamp("2025-03-01T09:00:00Z") == 1740819600);
  CHECK(format_timestamp(1740819600) == "2025-03-01T09:00:00Z");
  CHECK(format_timestamp(-1) == "1969-12-31T23:59:59Z");
  for (const char* t : {"2024-02-29T12:34:56Z", "2000-02-29T00:00:00Z", "1999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"})
    CHECK(format_timestamp(*parse_timestamp(t)) == t);
}

TEST_CASE("timestamps reject invalid instants and near misses", "[core][time]") {
  for (const char* t : {"2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2025-04-31T00:00:00Z",
                        "2025-00-10T00:00:00Z", "2025-01-00T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01T00:60:00Z",
                        "2025-01-01T00:00:60Z", "2025-01-01T00:00:00", "2025-01-01 00:00:00Z", "2025-1-01T00:00:00Z",
                        "2025-01-01T00:00:00+01:00", "", "x025-01-01T00:00:00Z"})
    CHECK_FALSE(parse_timestamp(t).has_value());
}

TEST_CASE("durations are number+unit pairs, largest unit first, each once", "[core][time]") {
  CHECK(parse_duration("5d") == 5 * 86400);
  CHECK(parse_duration("1d12h") == 86400 + 12 * 3600);
  CHECK(parse_duration("90m") == 5400);
  CHECK(parse_duration("2w") == 14 * 86400);
  CHECK(parse_duration("1w2d3h4m5s") == 604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
  CHECK(parse_duration("0d") == 0);  // well formed; lowering reports W040
  for (const char* t : {"", "5", "d", "5x", "5dd", "12h1d", "1d1d", "05d", "-5d", "5 d", "1.5d", "99999999999999999999d"})
    CHECK_FALSE(parse_duration(t).has_value());
  CHECK(format_duration(180 * 86400) == "180d");
  CHECK(format_duration(86400 + 12 * 3600) == "1d12h");
  CHECK(format_duration(5400) == "1h30m");
  CHECK(format_duration(0) == "0s");
}

TEST_CASE("extreme instants and durations print without overflow", "[core][time]") {
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();
  CHECK(format_duration(lo).front() == '-');
  CHECK(format_duration(hi).back() == 's');
  CHECK(format_duration(-90) == "-1m30s");
  CHECK_FALSE(format_timestamp(lo).empty());
  CHECK_FALSE(format_timestamp(hi).empty());
}

TEST_CASE("checked arithmetic reports overflow instead of wrapping", "[core][time]") {
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();
  CHECK(checked_add(1, 2) == 3);
  CHECK(checked_sub(5, 7) == -2);
  CHECK_FALSE(checked_add(hi, 1).has_value());
  CHECK_FALSE(checked_sub(lo, 1).has_value());
  CHECK_FALSE(checked_sub(hi, lo).has_value());  // the window [INT64_MIN, INT64_MAX) has no int64 length
  CHECK(checked_sub(0, lo) == std::nullopt);
  CHECK(checked_add(lo, hi) == -1);
}
