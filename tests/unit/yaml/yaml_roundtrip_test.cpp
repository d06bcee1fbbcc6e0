// DSL -> AST -> YAML -> AST for every fixture in tests/fixtures/roundtrip/: the two ASTs print the
// same DSL, comments included (spans aside, declarations grouped by kind as YAML groups them), the
// YAML print is a fixpoint, and a fixture that lowers gives the same IR from both syntaxes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/dsl/dsl_parser.hpp"
#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/ir/dump.hpp"
#include "compiler/lower/dump.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/yaml/yaml_printer.hpp"
#include "tests/unit/yaml/yaml_test_util.hpp"

using namespace writ;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Declarations grouped by kind, groups in order of their first declaration (the YAML layout).
void group_by_kind(ast::File& f) {
  std::vector<std::size_t> rank(std::variant_size_v<ast::Decl>, SIZE_MAX);
  std::size_t next = 0;
  for (const auto& d : f.decls)
    if (rank[d.index()] == SIZE_MAX) rank[d.index()] = next++;
  std::stable_sort(f.decls.begin(), f.decls.end(),
                   [&](const ast::Decl& a, const ast::Decl& b) { return rank[a.index()] < rank[b.index()]; });
}

std::vector<std::filesystem::path> fixtures() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(WRIT_TEST_DIR) / "fixtures/roundtrip"))
    if (e.path().extension() == ".writ") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("DSL fixtures round-trip through YAML", "[yaml][roundtrip]") {
  const auto files = fixtures();
  REQUIRE(files.size() >= 3);
  for (const auto& path : files) {
    DYNAMIC_SECTION(path.filename().string()) {
      SourceMap sources;
      Diagnostics diags;
      FileId id = sources.add(path.string(), slurp(path));
      auto dsl_ast = dsl::parse_file(sources, id, diags);
      {
        std::string all;
        for (const auto& d : diags.items()) all += std::string(d.code()) + " " + std::to_string(d.span.line) + ":" +
                                                   std::to_string(d.span.col) + " " + d.message + "\n";
        INFO(all);
        REQUIRE(dsl_ast);
      }
      const std::string yaml_text = yaml::print_file(*dsl_ast);
      INFO(yaml_text);
      auto back = yaml::test::read(yaml_text, path.stem().string() + ".yaml");
      INFO(back.dump());
      REQUIRE(back.file);

      ast::File expected = *dsl_ast;
      group_by_kind(expected);
      CHECK(dsl::print_file(*back.file) == dsl::print_file(expected));

      // The YAML print is a fixpoint, comments included.
      CHECK(yaml::print_file(*back.file) == yaml_text);
      CHECK(yaml::print_file(*back.file) == yaml::print_file(expected));
      auto twice = yaml::test::read(yaml::print_file(*back.file));
      REQUIRE(twice.file);
      CHECK(yaml::print_file(*twice.file) == yaml::print_file(*back.file));

      // Both syntaxes lower to the same IR when the fixture is a whole policy on its own.
      Diagnostics ld1, ld2;
      auto ir1 = lower::lower({*dsl_ast}, sources, ld1);
      if (!ir1) {
        std::string why;
        for (const auto& d : ld1.items()) why += std::string(d.code()) + " " + std::to_string(d.span.line) + " " + d.message + "; ";
        WARN(path.filename().string() << " does not lower on its own, IR not compared: " << why);
      }
      if (ir1) {
        auto ir2 = lower::lower({*back.file}, back.sources, ld2);
        REQUIRE(ir2);
        CHECK(ir::dump(ir2->policy, ir2->suite, nullptr) == ir::dump(ir1->policy, ir1->suite, nullptr));
      }
    }
  }
}
