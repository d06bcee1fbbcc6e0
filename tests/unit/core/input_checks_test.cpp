// Input checks every file passes before either front end: size, NUL, UTF-8, emptiness.
#include <catch2/catch.hpp>

#include "compiler/source/input_checks.hpp"
#include "compiler/source/limits.hpp"

using namespace writ;

namespace {
Diagnostics check(std::string text, bool expect_ok) {
  SourceMap sources;
  FileId id = sources.add("t.writ", std::move(text));
  Diagnostics d;
  CHECK(check_input(sources, id, d) == expect_ok);
  return d;
}
}  // namespace

TEST_CASE("ordinary UTF-8 text passes, including multi-byte characters") {
  auto d = check("policy p { }  # caf\xC3\xA9 \xE2\x9C\x85 \xF0\x9F\x94\x92\n", true);
  CHECK(d.empty());
}

TEST_CASE("empty and whitespace-only files are W006") {
  for (const char* t : {"", "  \n\t\r\n"}) {
    auto d = check(t, false);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code() == "W006");
  }
}

TEST_CASE("a NUL byte is W004 at its line and column") {
  auto d = check(std::string("policy p {\n  ab\0c }\n", 19), false);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code() == "W004");
  CHECK(d.items()[0].span.line == 2);
  CHECK(d.items()[0].span.col == 5);
}

TEST_CASE("invalid UTF-8 is W003 at the first bad byte") {
  struct Case { std::string text; std::uint32_t col; };
  for (const auto& c : std::vector<Case>{
           {"ab\xFF", 3},              // never valid
           {"a\xC3", 2},               // truncated sequence
           {"\xC0\xAF", 1},            // overlong '/'
           {"x\xED\xA0\x80", 2},       // UTF-16 surrogate
           {"\xF4\x90\x80\x80", 1},    // above U+10FFFF
           {"ok \xE2\x28\xA1", 4},     // bad continuation byte
       }) {
    auto d = check(c.text, false);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code() == "W003");
    CHECK(d.items()[0].span.col == c.col);
  }
}

TEST_CASE("a file above the size limit is W002 without being scanned further") {
  std::string big(limits::kMaxFileBytes + 1, 'a');
  auto d = check(big, false);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code() == "W002");
  CHECK_THAT(d.items()[0].message, Catch::Contains(std::to_string(limits::kMaxFileBytes)));
}

TEST_CASE("span_at computes 1-based lines and byte columns") {
  SourceMap sources;
  FileId id = sources.add("t", "ab\ncde\n\nf");
  auto s = span_at(sources, id, 4, 2);
  CHECK(s.line == 2);
  CHECK(s.col == 2);
  CHECK(s.end == 6);
  CHECK(sources.line_of(s) == "cde");
  auto last = span_at(sources, id, 8);
  CHECK(last.line == 4);
  CHECK(sources.line_of(last) == "f");
  CHECK(sources.line_of(span_at(sources, id, 0)) == "ab");
}

TEST_CASE("a bare CR is W018 at its position, CRLF passes") {
  auto d = check("policy p { }\n# note\rrole r { }\n", false);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code() == "W018");
  CHECK(d.items()[0].span.line == 2);
  CHECK(d.items()[0].span.col == 7);
  CHECK(d.items()[0].message.rfind("bare carriage return (U+000D)", 0) == 0);
  CHECK(check("policy p { }\r\n# note\r\nrole r { }\r\n", true).empty());
  CHECK(check("policy p { }\r", false).items()[0].code() == "W018");  // a CR at the very end is bare too
}

TEST_CASE("controls, separators and bidi overrides are W018, a tab is not") {
  CHECK(check("policy p {\t}\n", true).empty());
  for (const char* t : {"policy p { }\x0b\n", "policy p { }\x1b\n", "policy p { }\x7f\n", "policy p { }\xc2\x85\n",
                        "policy p { }\xe2\x80\xa8\n", "policy p { }\xe2\x80\xa9\n", "policy p { }\xe2\x80\xae\n",
                        "policy p { }\xe2\x81\xa9\n"}) {
    auto d = check(t, false);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code() == "W018");
    CHECK(d.items()[0].span.col == 13);
  }
  CHECK(check("policy p { } \xe2\x80\x8b\n", true).empty());  // a zero-width space is text, not layout
}

TEST_CASE("a leading byte-order mark is W019, one later in the file is ordinary text") {
  auto d = check("\xEF\xBB\xBFpolicy p { }\n", false);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code() == "W019");
  CHECK(d.items()[0].span.col == 1);
  CHECK(check("policy p { } # \xEF\xBB\xBF\n", true).empty());
}
