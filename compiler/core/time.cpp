// See time.hpp: calendar arithmetic exact for the proleptic Gregorian calendar, strict parsing.
#include "compiler/core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace writ::core {
namespace {

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

/// `count` decimal digits at `pos`, or -1.
int digits(std::string_view t, std::size_t pos, std::size_t count) {
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (t[i] < '0' || t[i] > '9') return -1;
    v = v * 10 + (t[i] - '0');
  }
  return v;
}

}  // namespace

std::optional<std::int64_t> parse_timestamp(std::string_view t) {
  // 0123456789012345678 9
  // YYYY-MM-DDTHH:MM:SSZ
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z')
    return std::nullopt;
  const int year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
  const int hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 59)  // no leap seconds: UTC instants are counted without them
    return std::nullopt;
  if (day > days_in_month(year, month)) return std::nullopt;
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600 +
         minute * 60 + second;
}

std::string format_timestamp(std::int64_t seconds) {
  std::int64_t days = seconds / 86400, rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", y, m, d, rem / 3600, rem % 3600 / 60, rem % 60);
}

std::optional<std::int64_t> parse_duration(std::string_view t) {
  static constexpr std::string_view kUnits = "wdhms";
  static constexpr std::int64_t kSeconds[] = {604800, 86400, 3600, 60, 1};
  // The largest value any unit may reach without overflowing the total: ~290 billion years.
  static constexpr std::int64_t kMax = std::int64_t{1} << 62;
  if (t.empty()) return std::nullopt;
  std::int64_t total = 0;
  std::size_t next_unit = 0;  // units must come largest first, each at most once
  std::size_t i = 0;
  while (i < t.size()) {
    const std::size_t start = i;
    std::int64_t n = 0;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      n = n * 10 + (t[i] - '0');
      if (n > kMax / kSeconds[0]) return std::nullopt;
      ++i;
    }
    if (i == start || i == t.size()) return std::nullopt;             // no number, or no unit
    if (t[start] == '0' && i - start > 1) return std::nullopt;         // leading zero: `05d`
    const std::size_t u = kUnits.find(t[i]);
    if (u == std::string_view::npos || u < next_unit) return std::nullopt;
    next_unit = u + 1;
    ++i;
    total += n * kSeconds[u];
    if (total > kMax) return std::nullopt;
  }
  // A zero total (`0d`) is well formed; lowering rejects it as a value (W040) with its own message.
  return total;
}

std::string format_duration(std::int64_t seconds) {
  // Days are the largest unit printed: `180d` reads better than `25w5d`.
  if (seconds == 0) return "0s";
  static constexpr std::pair<char, std::int64_t> kUnits[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};
  std::string out;
  // Unsigned magnitude: -INT64_MIN does not fit an int64.
  std::uint64_t magnitude = static_cast<std::uint64_t>(seconds);
  if (seconds < 0) {
    out = "-";
    magnitude = ~magnitude + 1;
  }
  for (auto [unit, size] : kUnits) {
    const auto u = static_cast<std::uint64_t>(size);
    if (magnitude >= u) {
      out += fmt::format("{}{}", magnitude / u, unit);
      magnitude %= u;
    }
  }
  return out;
}

}  // namespace writ::core
