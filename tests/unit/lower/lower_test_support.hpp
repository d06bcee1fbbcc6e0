// Helpers shared by the lowering tests: compile DSL text, read and (with WRIT_UPDATE_GOLDEN=1)
// rewrite expected files, and render diagnostics as the `LINE:COL: CODE` lines of `.diag` files.
#pragma once

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "compiler/driver/compile.hpp"

namespace writ::test {

inline std::filesystem::path source_dir() { return WRIT_SOURCE_DIR; }

inline bool update_golden() {
  const char* v = std::getenv("WRIT_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

/// Compare `actual` with the file `expected`, or rewrite the file when WRIT_UPDATE_GOLDEN=1.
inline void check_golden(const std::filesystem::path& expected, const std::string& actual) {
  if (update_golden()) {
    write_file(expected, actual);
    return;
  }
  INFO("expected file: " << expected.string() << " (regenerate with WRIT_UPDATE_GOLDEN=1)");
  REQUIRE(std::filesystem::exists(expected));
  CHECK(read_file(expected) == actual);
}

/// `LINE:COL: CODE` per diagnostic; a diagnostic in another file than the root is prefixed by
/// that file's name.
inline std::string diag_lines(const driver::Compilation& c) {
  std::string out;
  for (const auto& d : c.diags.items()) {
    std::string where;
    if (d.span.file > 1 && d.span.file <= c.sources.size())
      where = std::filesystem::path(c.sources.path(d.span.file)).filename().string() + ":";
    out += fmt::format("{}{}:{}: {}\n", where, d.span.line, d.span.col, d.code());
  }
  return out;
}

/// All messages, for failure output.
inline std::string messages(const driver::Compilation& c) {
  std::string out;
  for (const auto& d : c.diags.items())
    out += fmt::format("{}:{}: {} {}\n", d.span.line, d.span.col, d.code(), d.message);
  return out;
}

/// Compile DSL text that must compile; fails the test with the diagnostics otherwise.
inline driver::Compilation compile_ok(const std::string& text) {
  auto c = driver::compile_text("test.writ", text);
  INFO(messages(c));
  REQUIRE(c.policy.has_value());
  return c;
}

}  // namespace writ::test
