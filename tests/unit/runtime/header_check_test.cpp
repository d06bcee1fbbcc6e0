// The runtime's header validation: every status, and that a short or foreign image never loads.
#include <catch2/catch.hpp>

#include <vector>

#include "writ/format.hpp"
#include "writ/runtime.h"

namespace {
std::vector<std::uint8_t> header(std::uint16_t version, std::uint64_t size) {
  // The 64-byte header of docs/table-format.md: magic, major, minor, flags, size, zeros after.
  std::vector<std::uint8_t> b(writ::format::kMagic, writ::format::kMagic + 8);
  b.push_back(version & 0xFF);
  b.push_back(version >> 8);
  for (int i = 0; i < 6; ++i) b.push_back(0);  // minor, flags
  for (int i = 0; i < 8; ++i) b.push_back((size >> (8 * i)) & 0xFF);
  b.resize(writ::format::kHeaderSize, 0);
  return b;
}
}  // namespace

TEST_CASE("a well-formed header of the current version is accepted") {
  auto b = header(writ::format::kFormatVersion, writ::format::kHeaderSize);
  CHECK(writ_check_header(b.data(), b.size()) == WRIT_OK);
  CHECK(writ_table_format_version() == writ::format::kFormatVersion);
}

TEST_CASE("foreign, short, or inconsistent images are refused with a status") {
  auto good = header(writ::format::kFormatVersion, writ::format::kHeaderSize);
  CHECK(writ_check_header(nullptr, 0) == WRIT_TRUNCATED);
  CHECK(writ_check_header(good.data(), 3) == WRIT_TRUNCATED);
  CHECK(writ_check_header(good.data(), 10) == WRIT_TRUNCATED);
  auto bad_magic = good;
  bad_magic[0] = 'X';
  CHECK(writ_check_header(bad_magic.data(), bad_magic.size()) == WRIT_BAD_MAGIC);
  auto future = header(writ::format::kFormatVersion + 1, writ::format::kHeaderSize);
  CHECK(writ_check_header(future.data(), future.size()) == WRIT_UNSUPPORTED_VERSION);
  auto too_long = header(writ::format::kFormatVersion, writ::format::kHeaderSize + 10);
  CHECK(writ_check_header(too_long.data(), too_long.size()) == WRIT_TRUNCATED);
  auto trailing = good;
  trailing.push_back(0);
  CHECK(writ_check_header(trailing.data(), trailing.size()) == WRIT_MALFORMED);
  CHECK(std::string(writ_status_name(WRIT_BAD_MAGIC)) == "bad magic");
}
