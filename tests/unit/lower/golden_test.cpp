// Golden dumps: each tests/golden/<name>.writ compiles, and its AST dump (every file of the
// policy, in load order) and IR dump (with spans) equal <name>.ast.txt and <name>.ir.txt. When a
// <name>.yaml holds the same policy in YAML, its IR dump without spans equals the DSL one.
// Regenerate with WRIT_UPDATE_GOLDEN=1 (see tests/golden/README.md).
#include <algorithm>

#include "compiler/ir/dump.hpp"
#include "compiler/lower/dump.hpp"
#include "lower_test_support.hpp"

namespace fs = std::filesystem;
using namespace writ;

TEST_CASE("golden AST and IR dumps", "[lower][golden]") {
  // Paths in span annotations are relative to the source tree so the dumps do not depend on
  // where the tree is checked out.
  fs::current_path(test::source_dir());
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator("tests/golden"))
    if (e.path().extension() == ".writ") inputs.push_back(e.path());
  std::sort(inputs.begin(), inputs.end());
  REQUIRE_FALSE(inputs.empty());
  for (const auto& in : inputs) {
    SECTION(in.filename().string()) {
      auto c = driver::compile_file(in);
      INFO(test::messages(c));
      REQUIRE(c.policy.has_value());
      std::string ast;
      for (const auto& f : c.files) ast += lower::dump_ast(f);
      fs::path base = in;
      base.replace_extension();
      test::check_golden(base.string() + ".ast.txt", ast);
      test::check_golden(base.string() + ".ir.txt", ir::dump(*c.policy, c.suite, &c.sources));

      fs::path yaml = base.string() + ".yaml";
      if (fs::exists(yaml)) {
        auto y = driver::compile_file(yaml);
        INFO(test::messages(y));
        REQUIRE(y.policy.has_value());
        CHECK(ir::dump(*y.policy, y.suite, nullptr) == ir::dump(*c.policy, c.suite, nullptr));
      }
    }
  }
}
