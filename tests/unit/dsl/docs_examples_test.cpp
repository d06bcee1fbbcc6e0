// Every ```writ example of docs/language.md parses; fragments (members of a module, clauses of a
// template) are wrapped in the declaration they belong to first.
#include <catch2/catch.hpp>

#include "dsl_test_support.hpp"

using namespace writ;

namespace {

/// Wraps an example that is not a whole file into a declaration that can hold it.
std::string as_file(const std::string& block) {
  std::string trimmed = block.substr(block.find_first_not_of(" \n"));
  if (trimmed.rfind("level ", 0) == 0) return "module m {\n" + block + "}\n";
  if (trimmed.rfind("when ", 0) == 0) {
    // §3: a `when` clause and a precondition, as they appear in an implicit grant and a template.
    std::string when_line = block.substr(0, block.find('\n'));
    std::string rest = block.substr(block.find('\n') + 1);
    return "implicit i {\n" + when_line + "\n}\ntemplate t {\n" + rest + "}\n";
  }
  // §11 writes "{ ... the same items as a grant ... }" as prose inside a block.
  std::string out = block;
  const std::string prose = "{ ... the same items as a grant ... }";
  if (auto at = out.find(prose); at != std::string::npos) out.replace(at, prose.size(), "{ roles manage_support; to 2025-09-01T00:00:00Z; }");
  return out;
}

}  // namespace

TEST_CASE("every writ example in docs/language.md parses", "[dsl][docs]") {
  std::string doc = test::read_text(std::filesystem::path(WRIT_SOURCE_DIR) / "docs" / "language.md");
  auto blocks = test::writ_blocks(doc);
  REQUIRE(blocks.size() >= 10);
  for (const auto& block : blocks) {
    INFO(block);
    auto p = test::parse_text(as_file(block));
    for (const auto& d : p.diags.items()) UNSCOPED_INFO(d.code() << " " << d.span.line << ":" << d.span.col << " " << d.message);
    CHECK(p.ok());
  }
}
