// DSL -> YAML -> DSL is the identity on the IR, for every policy under policies/ and tests/.
// Each policy's files are converted (imports renamed with them) into a scratch tree, compiled
// again, and the span-free IR dumps compared.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "compiler/driver/compile.hpp"
#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/ir/dump.hpp"
#include "compiler/lower/dump.hpp"
#include "compiler/yaml/yaml_printer.hpp"

namespace fs = std::filesystem;
using namespace writ;

namespace {

fs::path with_syntax(fs::path p, driver::Syntax s) {
  return p.replace_extension(s == driver::Syntax::dsl ? ".writ" : ".yaml");
}

/// Writes every file of `c` in syntax `to` under `dir`, mirroring paths relative to `base`.
/// Returns the path of the converted root.
fs::path convert(const driver::Compilation& c, driver::Syntax to, const fs::path& base, const fs::path& dir) {
  fs::path root_out;
  for (const auto& file : c.files) {
    ast::File copy = file;
    for (auto& d : copy.decls)
      if (auto* imp = std::get_if<ast::ImportDecl>(&d)) imp->path.value = with_syntax(imp->path.value, to).string();
    fs::path rel = fs::relative(fs::weakly_canonical(file.path), base);
    fs::path out = with_syntax(dir / rel, to);
    fs::create_directories(out.parent_path());
    std::ofstream(out, std::ios::binary) << (to == driver::Syntax::dsl ? dsl::print_file(copy) : yaml::print_file(copy));
    if (root_out.empty()) root_out = out;
  }
  return root_out;
}

std::vector<fs::path> roots_under(const std::vector<fs::path>& dirs) {
  std::vector<fs::path> out;
  for (const auto& d : dirs) {
    for (auto& r : driver::find_roots(d)) out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("DSL -> YAML -> DSL keeps the IR of every clean policy") {
  fs::path src = WRIT_SOURCE_DIR;
  fs::path scratch = fs::temp_directory_path() / ("writ-roundtrip-" + std::to_string(::getpid()));
  std::size_t compared = 0;
  for (const auto& root : roots_under({src / "policies", src / "tests" / "fixtures", src / "tests" / "golden"})) {
    auto original = driver::compile_file(root);
    if (!original.ok()) continue;  // fixtures of diagnostics are not meant to compile
    INFO(root.string());
    std::string expected = ir::dump(*original.policy, original.suite, nullptr);

    fs::path yaml_root = convert(original, driver::Syntax::yaml, src, scratch / "yaml");
    auto via_yaml = driver::compile_file(yaml_root);
    REQUIRE(via_yaml.ok());
    std::string got = ir::dump(*via_yaml.policy, via_yaml.suite, nullptr);
    if (got != expected) {
      // Keep both dumps for `diff`; the failure message names them.
      fs::path keep = fs::temp_directory_path() / ("writ-roundtrip-diff-" + root.parent_path().filename().string());
      std::ofstream(keep.string() + ".expected.txt") << expected;
      std::ofstream(keep.string() + ".yaml.txt") << got;
      UNSCOPED_INFO("dumps kept in " << keep.string() << ".{expected,yaml}.txt");
    }
    CHECK(got == expected);

    fs::path dsl_root = convert(via_yaml, driver::Syntax::dsl, scratch / "yaml", scratch / "dsl");
    auto back = driver::compile_file(dsl_root);
    REQUIRE(back.ok());
    CHECK(ir::dump(*back.policy, back.suite, nullptr) == expected);
    ++compared;
  }
  fs::remove_all(scratch);
  // Every bundled seed policy must be among them.
  CHECK(compared >= 5);
}
