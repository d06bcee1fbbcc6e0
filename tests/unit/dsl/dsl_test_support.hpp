// Helpers shared by the DSL front-end tests: parse a string as a file, read files, find `.writ`
// files in the tree and the ```writ examples of docs/language.md.
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "compiler/dsl/dsl_parser.hpp"
#include "compiler/dsl/dsl_printer.hpp"

namespace writ::test {

struct Parsed {
  SourceMap sources;
  Diagnostics diags;
  std::optional<ast::File> file;
  [[nodiscard]] bool ok() const { return file.has_value() && !diags.has_errors(); }
  [[nodiscard]] const Diagnostic& first() const { return diags.items().front(); }
};

inline Parsed parse_text(std::string text, std::string path = "test.writ") {
  Parsed p;
  FileId id = p.sources.add(std::move(path), std::move(text));
  p.file = dsl::parse_file(p.sources, id, p.diags);
  return p;
}

/// One expected syntax error on line 1: the column and the grammar's message.
struct SyntaxErrorCase {
  const char* text;
  std::uint32_t col;
  const char* message;
};

/// Each case must give exactly one W001, on line 1 at `col`, with `message`.
template <std::size_t N>
void check_syntax_errors(const SyntaxErrorCase (&cases)[N]) {
  for (const auto& c : cases) {
    INFO(c.text);
    auto p = parse_text(c.text);
    REQUIRE_FALSE(p.ok());
    REQUIRE(p.diags.items().size() == 1);
    CHECK(p.first().code() == "W001");
    CHECK(p.first().span.line == 1);
    CHECK(p.first().span.col == c.col);
    CHECK(p.first().message == c.message);
  }
}

/// Declaration `i` of a parse that must have succeeded, as a `T`.
template <class T>
const T& decl_at(const Parsed& p, std::size_t i) {
  REQUIRE(p.ok());
  REQUIRE(p.file->decls.size() > i);
  REQUIRE(std::holds_alternative<T>(p.file->decls[i]));
  return std::get<T>(p.file->decls[i]);
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Every `.writ` file under the source tree's policy, test and docs folders.
inline std::vector<std::filesystem::path> writ_files() {
  std::vector<std::filesystem::path> out;
  for (const char* dir : {"policies", "tests", "docs", "examples"}) {
    std::filesystem::path root = std::filesystem::path(WRIT_SOURCE_DIR) / dir;
    if (!std::filesystem::exists(root)) continue;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
      if (e.is_regular_file() && e.path().extension() == ".writ") out.push_back(e.path());
  }
  return out;
}

/// The bodies of the ```writ code blocks of a Markdown file.
inline std::vector<std::string> writ_blocks(const std::string& markdown) {
  std::vector<std::string> out;
  std::istringstream in(markdown);
  std::string line, block;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside && line.rfind("```writ", 0) == 0) {
      inside = true;
      block.clear();
    } else if (inside && line.rfind("```", 0) == 0) {
      inside = false;
      out.push_back(block);
    } else if (inside) {
      block += line + "\n";
    }
  }
  return out;
}

}  // namespace writ::test
