// Checked arithmetic on instants and durations (int64 seconds). Every sum or difference of times
// in the interpreter, the analyses and the table writer goes through these, so an extreme
// `valid_from` cannot wrap into a short window (a fail-open). nullopt means "out of range", and
// callers treat it as the fail-closed answer (expired, too long, not live).
// Covered by tests/unit/core/time_test.cpp.
#pragma once

#include <cstdint>
#include <optional>

namespace writ::core {

[[nodiscard]] constexpr std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}

[[nodiscard]] constexpr std::optional<std::int64_t> checked_sub(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_sub_overflow(a, b, &out)) return std::nullopt;
  return out;
}

}  // namespace writ::core
