// The one file reader (compiler/source/read_file) and terminal escaping (compiler/core/printable).
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "compiler/core/printable.hpp"
#include "compiler/source/read_file.hpp"

namespace fs = std::filesystem;
using writ::source::ReadResult;

namespace {
fs::path scratch(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("writ-read-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d / name;
}
}  // namespace

TEST_CASE("read_regular_file reads a file at the limit and refuses one byte more with its real size") {
  auto p = scratch("f.txt");
  std::ofstream(p, std::ios::binary) << std::string(100, 'x');
  auto ok = writ::source::read_regular_file(p.string(), 100);
  CHECK(ok.status == ReadResult::Status::ok);
  CHECK(ok.text.size() == 100);
  auto big = writ::source::read_regular_file(p.string(), 99);
  CHECK(big.status == ReadResult::Status::too_large);
  CHECK(big.size == 100);
  CHECK(big.text.empty());
  fs::remove(p);
}

TEST_CASE("read_regular_file refuses FIFOs, devices and folders without blocking") {
  auto f = scratch("fifo");
  fs::remove(f);
  REQUIRE(::mkfifo(f.c_str(), 0600) == 0);
  auto r = writ::source::read_regular_file(f.string(), 10);
  CHECK(r.status == ReadResult::Status::error);
  CHECK(r.error == "only regular files are read; this is a FIFO");
  fs::remove(f);
  CHECK(writ::source::read_regular_file("/dev/zero", 10).error == "only regular files are read; this is a character device");
  CHECK(writ::source::read_regular_file("/", 10).error == "only regular files are read; this is a directory");
  CHECK(writ::source::read_regular_file("/no/such/file", 10).error == "no such file");
}

TEST_CASE("read_stream stops one byte past the limit") {
  std::FILE* zero = std::fopen("/dev/zero", "rb");
  REQUIRE(zero != nullptr);
  auto r = writ::source::read_stream(zero, 1000);
  std::fclose(zero);
  CHECK(r.status == ReadResult::Status::too_large);
  CHECK(r.size > 1000);
  CHECK(r.size <= 1000 + 65536);
}

TEST_CASE("printable escapes control characters, C1 controls and layout characters, and cuts long text") {
  using writ::core::printable;
  CHECK(printable("plain text, tabs\tkept, \xc3\xa9") == "plain text, tabs\tkept, \xc3\xa9");
  CHECK(printable("a\x1b[31mb\nc\x7f") == "a\\x1b[31mb\\x0ac\\x7f");
  CHECK(printable("\xc2\x85|\xe2\x80\xa8|\xe2\x80\xae|\xe2\x81\xa6") == "\\u{0085}|\\u{2028}|\\u{202e}|\\u{2066}");
  CHECK(printable("\xff\xc3") == "\\xff\\xc3");
  CHECK(printable(std::string(10, 'a'), 4) == "aaaa...");
}
