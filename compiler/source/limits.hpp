// Input limits shared by both front ends and documented in docs/limits.md. They exist so
// hostile input gets a clear error instead of exhausting stack, memory or time.
#pragma once

#include <cstddef>

namespace writ::limits {

inline constexpr std::size_t kMaxFileBytes = 4 * 1024 * 1024;  ///< W002
inline constexpr std::size_t kMaxNesting = 64;                 ///< W005: blocks, resources, expressions, YAML collections
inline constexpr std::size_t kMaxFiles = 1000;                 ///< files reachable through imports (W008)
inline constexpr std::size_t kMaxRequestBytes = 1024 * 1024;   ///< one request JSON document (file or stdin)
inline constexpr std::size_t kMaxRequestNesting = 64;          ///< arrays/objects nested in a request
/// W007: the DSL parser's step budget for a file of `bytes` bytes.
inline constexpr std::size_t parse_step_budget(std::size_t bytes) { return 50 * bytes + 100000; }

}  // namespace writ::limits
