// Hostile input to the YAML front end: every case is rejected with the documented code at the
// documented line and column, quickly, without crashing (docs/yaml.md §12).
#include <catch2/catch.hpp>

#include <chrono>

#include "compiler/source/limits.hpp"
#include "tests/unit/yaml/yaml_test_util.hpp"

using writ::yaml::test::read;

namespace {

/// Reads `text` and checks that the first diagnostic is `code` at line:col, within a second.
void expect_error(const std::string& text, std::string_view code, std::uint32_t line, std::uint32_t col) {
  const auto start = std::chrono::steady_clock::now();
  auto r = read(text);
  const auto took = std::chrono::steady_clock::now() - start;
  INFO(r.dump());
  CHECK(took < std::chrono::seconds(1));
  CHECK_FALSE(r.file);
  REQUIRE(r.first());
  CHECK(r.first()->code() == code);
  CHECK(r.first()->span.line == line);
  CHECK(r.first()->span.col == col);
}

}  // namespace

TEST_CASE("empty, whitespace-only and comment-only files are W006", "[yaml][hostile]") {
  expect_error("", "W006", 1, 1);
  expect_error("  \n\n", "W006", 1, 1);
  expect_error("# only a comment\n", "W006", 1, 1);
  expect_error("---\n", "W006", 1, 1);
}

TEST_CASE("invalid UTF-8 and NUL bytes are caught by check_input", "[yaml][hostile]") {
  expect_error("policy: {name: p}\nroles: {a: {title: \"\xff\"}}\n", "W003", 2, 21);
  expect_error(std::string("policy: {name: p}\n  x\0y\n", 24), "W004", 2, 4);
}

TEST_CASE("a 16 MiB line is rejected by check_input before yaml-cpp sees it", "[yaml][hostile]") {
  std::string big = "policy: {name: p, title: \"" + std::string(16u << 20, 'a') + "\"}\n";
  expect_error(big, "W002", 1, 1);
}

TEST_CASE("truncated files are W010 with yaml-cpp's position", "[yaml][hostile]") {
  expect_error("policy: {name: p\n", "W010", 2, 1);
  expect_error("roles:\n  a: [\"x\",", "W010", 2, 1);
  expect_error("roles: {a: [}\n", "W010", 1, 13);
}

TEST_CASE("tabs in indentation are W015 at the tab", "[yaml][hostile]") {
  expect_error("roles:\n\tadmin: {}\n", "W015", 2, 1);
  expect_error("roles:\n  \tadmin: {}\n", "W015", 2, 3);
  // A tab inside a block scalar or after the indentation is fine.
  auto ok = read("policy:\n  name: p\n  description: |\n    a\ttab\n    \tindented tab\nroles: {}\n");
  INFO(ok.dump());
  CHECK(ok.diags.items().empty());
}

TEST_CASE("duplicate keys are W011 naming both lines", "[yaml][hostile]") {
  expect_error("roles:\n  a: {}\n  b: {}\n  a: {}\n", "W011", 4, 3);
  auto r = read("roles:\n  a: {}\n  b: {}\n  a: {}\n");
  REQUIRE(r.first());
  CHECK(r.first()->message == "duplicate key `a` (first at line 2)");
  REQUIRE(r.first()->notes.size() == 1);
  CHECK(r.first()->notes[0].first.line == 2);
  expect_error("roles: {a: {title: x, title: y}}\n", "W011", 1, 23);
  expect_error("policy: {name: p}\npolicy: {name: q}\n", "W011", 2, 1);
}

TEST_CASE("merge keys are W012", "[yaml][hostile]") {
  expect_error("roles:\n  a:\n    <<: {title: x}\n", "W012", 3, 5);
}

TEST_CASE("anchors and aliases are W013 and stop at once", "[yaml][hostile]") {
  expect_error("roles:\n  a: &x {title: t}\n  b: *x\n", "W013", 2, 6);
  expect_error("&x {k: *x}\n", "W013", 1, 1);
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev)
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev +
            ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n";
  expect_error(bomb, "W013", 1, 4);
}

TEST_CASE("a second document is W014 at its marker", "[yaml][hostile]") {
  expect_error("policy: {name: p}\n---\npolicy: {name: q}\n", "W014", 2, 1);
  expect_error("---\npolicy: {name: p}\n---\n", "W014", 3, 1);
  expect_error("---\n---\n", "W014", 2, 1);
}

TEST_CASE("yaml-cpp 0.7 spin inputs finish quickly", "[yaml][hostile]") {
  // These make LoadAll / a HandleNextDocument loop spin for ever in yaml-cpp 0.7.
  expect_error(",", "W010", 1, 1);
  expect_error("---\n- [\n---", "W010", 3, 1);
  expect_error("[:", "W010", 1, 2);
  expect_error("{:", "W010", 1, 2);
  expect_error("{# ke\ny{:", "W010", 2, 3);
  expect_error("- !+(.,.)", "W017", 1, 3);
  expect_error("policy: {name: p}\n,\n", "W010", 2, 1);
  expect_error("policy: {name: p}\n... x\n", "W010", 2, 5);
}

TEST_CASE("nesting deeper than the limit is W005 and stops at once", "[yaml][hostile]") {
  // yaml-cpp reads `[[` as a sequence holding a one-pair mapping whose key is a sequence, so
  // each inner `[` opens two collections: the 33rd bracket is the 65th collection.
  std::string deep(100000, '[');
  expect_error(deep, "W005", 1, 33);
  std::string block = "a:\n";
  for (int i = 1; i < 200; ++i) block += std::string(2 * i, ' ') + "a:\n";
  expect_error(block, "W005", 65, 129);  // the 65th mapping
  // Exactly at the limit (64 mappings) is not a nesting error.
  std::string at_limit = "a:\n";
  for (std::size_t i = 1; i < writ::limits::kMaxNesting; ++i) at_limit += std::string(2 * i, ' ') + "a:\n";
  auto r = read(at_limit);
  REQUIRE(r.first());
  CHECK(r.first()->code() == "W016");
}

TEST_CASE("explicit tags are W017", "[yaml][hostile]") {
  expect_error("policy: {name: !!str p}\n", "W017", 1, 16);
  expect_error("policy: !foo {name: p}\n", "W017", 1, 9);
  expect_error("policy: {name: ! p}\n", "W017", 1, 16);
}
