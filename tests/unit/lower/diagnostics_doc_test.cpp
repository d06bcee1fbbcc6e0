// docs/diagnostics.md is generated from the registry: the committed file must equal
// diagnostics_markdown(). Regenerate with WRIT_UPDATE_GOLDEN=1.
#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/diagnostics/markdown.hpp"
#include "lower_test_support.hpp"

using namespace writ;

TEST_CASE("docs/diagnostics.md matches the registry", "[diagnostics][docs]") {
  const std::string md = diagnostics_markdown();
  for (const auto& d : diagnostic_registry()) {
    INFO(d.code);
    CHECK(md.find(fmt::format("### {} `{}`", d.code, d.name)) != std::string::npos);
  }
  test::check_golden(test::source_dir() / "docs" / "diagnostics.md", md);
}
