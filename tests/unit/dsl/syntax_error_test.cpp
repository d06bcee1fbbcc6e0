// Syntax errors: exactly one W001 at the exact line:column of the offending token, with the
// grammar's human message (never a C++ type name).
#include <catch2/catch.hpp>

#include "dsl_test_support.hpp"

using namespace writ;

namespace {

struct Expected {
  const char* text;
  std::uint32_t line, col;
  const char* message;
};

}  // namespace

TEST_CASE("syntax errors point at the token with a readable message", "[dsl][errors]") {
  const Expected cases[] = {
      {"policy shop { combining permissive; }\n\nmodule billing {\n  action view read;\n}\n", 4, 15,
       "expected `,` or `:` and the action class after action name"},
      {"role r {\n  permit a/b:c\n}\n", 3, 1, "expected `requires`, `when`, `as` or `;` after permission pattern"},
      {"role r permit a/b:c;", 1, 8, "expected `{` to open role body"},
      {"policy p \"abc\n{}", 1, 14, "unterminated string: expected `\"` before the end of the line"},
      {"rule x {}", 1, 1,
       "expected a declaration (`policy`, `import`, `attribute`, `organization`, `module`, `role`, `forbid`, `template`, "
       "`implicit`, `assert`, `test` or `matrix`)"},
      {"role r { permit a/b; }", 1, 20, "expected `:` and the actions after the resource path of permission pattern"},
      {"role r { permit a/**/b:c; }", 1, 19,
       "expected a resource name or `**` after `/` in permission pattern (`**` comes last)"},
      {"role r { permit a/b:c when; }", 1, 27, "expected a condition (e.g. `context.NAME == \"value\"`)"},
      {"role r { permit a/b:c when (x.y; }", 1, 32, "expected `)` to close `(`"},
      {"role r { permit a/b:c when x.y not [1]; }", 1, 36,
       "expected `in` after `not` (write `not` before a condition, or `x not in [...]`)"},
      {"role r { holders admins; }", 1, 18, "expected a principal kind after `holders`"},
      {"role r { at up { } }", 1, 13, "expected `self` or `descendants` after `at`"},
      {"module m { level l = readonly l; }", 1, 31, "expected `(` after `readonly`"},
      {"template t { duration 5d; }", 1, 23, "expected `default DURATION` or `max DURATION` after `duration`"},
      {"assert a { }", 1, 12, "expected `never`, `always`, `read_only` or `min_holders` in assertion"},
      {"test t { expect maybe; }", 1, 17, "expected `allow`, `deny`, `valid` or `invalid` after `expect`"},
      {"matrix m { row a/b:c = allow, perhaps; }", 1, 31, "expected `allow` or `deny` after `,`"},
      {"attribute a: float;", 1, 14, "expected a type (`bool`, `int`, `string` or `{a, b}`) after `:`"},
      {"role r {\n  permit a/b:c;\n", 3, 1,
       "expected `description`, `holders`, `named_accounts`, `extends`, `assigned_by`, `permit`, `deny`, `level`, `at`, "
       "`suppress` or `}` in role body"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto p = test::parse_text(c.text);
    CHECK_FALSE(p.file);
    REQUIRE(p.diags.items().size() == 1);
    CHECK(p.first().code() == "W001");
    CHECK(p.first().span.file == 1);
    CHECK(p.first().span.line == c.line);
    CHECK(p.first().span.col == c.col);
    CHECK(p.first().message == c.message);
  }
}

TEST_CASE("every prefix of a valid file parses or fails with one diagnostic", "[dsl][errors][hostile]") {
  std::string doc = test::read_text(std::filesystem::path(WRIT_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "dsl_fuzz" /
                                    "all_constructs.writ");
  REQUIRE(doc.size() > 500);
  for (std::size_t n = 1; n < doc.size(); ++n) {
    auto p = test::parse_text(doc.substr(0, n));
    if (!p.file) {
      INFO(n);
      REQUIRE(p.diags.items().size() == 1);
      CHECK(p.diags.items()[0].span.begin <= n);
    }
  }
}
