// Hostile input: deep nesting (W005), huge tokens, random bytes, pathological repetition. The parser
// reports one diagnostic or succeeds; it never crashes, overflows its stack or hangs.
#include <catch2/catch.hpp>

#include <chrono>
#include <random>

#include "dsl_test_support.hpp"

using namespace writ;

namespace {

void check_single_error(const test::Parsed& p, std::string_view code) {
  CHECK_FALSE(p.file);
  REQUIRE(p.diags.items().size() == 1);
  CHECK(p.first().code() == code);
}

}  // namespace

TEST_CASE("100k nested parentheses are W005", "[dsl][hostile]") {
  std::string text = "role r { permit a/b:c when " + std::string(100000, '(') + "x.y" + std::string(100000, ')') + "; }";
  auto p = test::parse_text(text);
  check_single_error(p, "W005");
  CHECK(p.first().message == "nesting deeper than 64 levels");
}

TEST_CASE("100k nested `not` are W005", "[dsl][hostile]") {
  std::string text = "forbid f { when ";
  for (int i = 0; i < 100000; ++i) text += "not ";
  text += "x.y; }";
  check_single_error(test::parse_text(text), "W005");
}

TEST_CASE("100k nested resources are W005, 60 are fine", "[dsl][hostile]") {
  auto nested = [](int n) {
    std::string t = "module m {\n";
    for (int i = 0; i < n; ++i) t += "resource r {\n";
    for (int i = 0; i < n; ++i) t += "}\n";
    return t + "}\n";
  };
  check_single_error(test::parse_text(nested(100000)), "W005");
  CHECK(test::parse_text(nested(60)).ok());
}

TEST_CASE("nesting limit inside an expression fragment", "[dsl][hostile]") {
  Diagnostics d;
  CHECK_FALSE(dsl::parse_expression(std::string(1000, '(') + "a.b" + std::string(1000, ')'), Span{}, d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code() == "W005");
}

TEST_CASE("unterminated constructs at end of file", "[dsl][hostile]") {
  for (const char* text : {"role", "role r", "role r {", "role r { permit", "role r { permit a/", "policy p \"", "module m { resource",
                           "role r { permit a/b:c when (", "role r { permit a/b:{c,", "test t { at", "#"}) {
    INFO(text);
    auto p = test::parse_text(text);
    CHECK_FALSE(p.file);
    CHECK(p.diags.items().size() == 1);
  }
}

TEST_CASE("megabyte-sized single tokens parse in linear time", "[dsl][hostile]") {
  auto start = std::chrono::steady_clock::now();
  {
    auto p = test::parse_text("role " + std::string(3 << 20, 'a') + " {}");
    REQUIRE(p.ok());
    CHECK(std::get<ast::RoleDecl>(p.file->decls[0]).name.text.size() == (3u << 20));
  }
  CHECK(test::parse_text("policy p \"" + std::string(3 << 20, 'x') + "\" {}").ok());
  CHECK(test::parse_text("#" + std::string(3 << 20, 'x') + "\nrole r {}").ok());
  {
    auto p = test::parse_text("template t { duration max 1" + std::string(3 << 20, 'd') + "; }");
    CHECK(p.ok());  // a loose token; lowering reports W035
  }
  // 16 MiB on one line: the driver rejects it first (W002), but the parser must not blow up either.
  {
    auto p = test::parse_text("role " + std::string(16 << 20, 'b'));
    check_single_error(p, "W001");
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
}

TEST_CASE("pathological repetition finishes quickly", "[dsl][hostile]") {
  auto start = std::chrono::steady_clock::now();
  // A long `and` chain is a deep tree (left-associative): limited like parentheses.
  auto chain = [](int n) {
    std::string t = "forbid f { when a.b";
    for (int i = 0; i < n; ++i) t += " and (a.b or not c.d == \"x\")";
    return t + "; }";
  };
  check_single_error(test::parse_text(chain(100000)), "W005");
  CHECK(test::parse_text(chain(60)).ok());
  std::string wide = "forbid f { when a.b in [";
  for (int i = 0; i < 100000; ++i) wide += "\"x\", ";
  CHECK(test::parse_text(wide + "1]; }").ok());
  std::string many_members = "role r {\n";
  for (int i = 0; i < 50000; ++i) many_members += "  at self { permit a/b:c; }\n";
  CHECK(test::parse_text(many_members + "}\n").ok());
  // Almost-keywords at every position, then a failure at the very end.
  std::string near = "role r {\n";
  for (int i = 0; i < 50000; ++i) near += "  permit a/b/c/d/e/f/g:{x, y, z} requires a >= b, c >= d when x.y in [1, 2, 3];\n";
  auto p = test::parse_text(near + "  permi");
  check_single_error(p, "W001");
  CHECK(p.first().span.line == 50002);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(60));
}

TEST_CASE("random bytes never crash the parser", "[dsl][hostile]") {
  std::mt19937 rng(20250301);
  const std::string alphabet = "abcxyz_019 \t\n\r#\"\\{}()[];:,./*@=!<>-";
  const std::string seedtext = "role r { permit a/b:c when x.y == 1; at descendants { level m = l; } }\n";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    std::size_t n = rng() % 300;
    if (round % 2) {
      text = seedtext;
      for (std::size_t k = 0; k < 1 + rng() % 4; ++k) text[rng() % text.size()] = alphabet[rng() % alphabet.size()];
    } else {
      for (std::size_t i = 0; i < n; ++i) text += alphabet[rng() % alphabet.size()];
    }
    auto p = test::parse_text(text);
    INFO(text);
    if (p.file) {
      CHECK(p.diags.empty());
      auto again = test::parse_text(dsl::print_file(*p.file));
      CHECK(again.ok());
    } else {
      CHECK(p.diags.items().size() == 1);
    }
  }
}
