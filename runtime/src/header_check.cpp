// The C ABI's fixed-header check (runtime.h): magic, major version and declared size of a table
// image, before any deeper validation (the loader, load.cpp, does that). No exceptions, no allocation.
#include <cstring>

#include "writ/format.hpp"
#include "writ/runtime.h"

namespace {
std::uint64_t read_le(const std::uint8_t* p, int n) {
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
}  // namespace

extern "C" uint16_t writ_table_format_version(void) { return writ::format::kFormatVersion; }

extern "C" writ_status writ_check_header(const uint8_t* bytes, size_t size) {
  using namespace writ::format;
  if (bytes == nullptr || size < sizeof kMagic) return WRIT_TRUNCATED;
  if (std::memcmp(bytes, kMagic, sizeof kMagic) != 0) return WRIT_BAD_MAGIC;
  if (size < kHeaderSize) return WRIT_TRUNCATED;
  if (read_le(bytes + kOffMajor, 2) != kMajor) return WRIT_UNSUPPORTED_VERSION;
  std::uint64_t declared = read_le(bytes + kOffSize, 8);
  if (declared < kHeaderSize) return WRIT_MALFORMED;
  if (declared > size) return WRIT_TRUNCATED;
  if (declared != size) return WRIT_MALFORMED;
  return WRIT_OK;
}

extern "C" const char* writ_status_name(writ_status status) {
  switch (status) {
    case WRIT_OK: return "ok";
    case WRIT_BAD_MAGIC: return "bad magic";
    case WRIT_UNSUPPORTED_VERSION: return "unsupported version";
    case WRIT_TRUNCATED: return "truncated";
    case WRIT_MALFORMED: return "malformed";
    case WRIT_LIMIT_EXCEEDED: return "limit exceeded";
  }
  return "unknown status";
}
