// The one way writ reads a file it was given (policy sources, imports, requests): only regular
// files (a FIFO or a device would block or never end), opened without blocking, and never more
// than a limit, checked while reading so /dev/zero or a growing file cannot exhaust memory.
// Covered by tests/unit/core/read_file_test.cpp and tests/unit/cli/hardening_test.cpp.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

namespace writ::source {

struct ReadResult {
  enum class Status { ok, too_large, error };
  Status status = Status::error;
  std::string text;       ///< the whole file when ok
  std::size_t size = 0;   ///< too_large: the file's real size (from fstat, or bytes seen when it grew)
  std::string error;      ///< error: what went wrong, e.g. "not a regular file (a FIFO)"
};

/// Reads `path` if it is a regular file of at most `limit` bytes.
ReadResult read_regular_file(const std::string& path, std::size_t limit);

/// Reads a stream (stdin) up to `limit` bytes; too_large as soon as one more byte arrives.
ReadResult read_stream(std::FILE* in, std::size_t limit);

}  // namespace writ::source
