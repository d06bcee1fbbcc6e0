// The diagnostic registry's own invariants: codes unique and ordered, messages in house style.
#include <catch2/catch.hpp>

#include <set>

#include "compiler/diagnostics/diagnostic.hpp"

using namespace writ;

TEST_CASE("every diagnostic code is unique, well formed and in increasing order") {
  std::set<std::string_view> codes, names;
  std::string_view previous;
  for (const auto& d : diagnostic_registry()) {
    INFO(d.code);
    CHECK(d.code.size() == 4);
    CHECK(d.code[0] == 'W');
    CHECK(codes.insert(d.code).second);
    CHECK(names.insert(d.name).second);
    CHECK(previous < d.code);
    previous = d.code;
    CHECK(&info(d.id) == &d);
  }
}

TEST_CASE("messages are lowercase without a trailing period and summaries are sentences") {
  for (const auto& d : diagnostic_registry()) {
    INFO(d.code);
    REQUIRE(!d.message.empty());
    // Lowercase start, except an acronym such as `NUL` or `YAML`.
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    CHECK((!upper(d.message[0]) || (d.message.size() > 1 && upper(d.message[1]))));
    CHECK(d.message.back() != '.');
    REQUIRE(!d.summary.empty());
    CHECK(d.summary.back() == '.');
  }
}

TEST_CASE("make_diagnostic fills the registry template") {
  auto d = make_diagnostic(DiagCode::undeclared_name, Span{1, 0, 3, 2, 5}, "role", "admn");
  CHECK(d.message == "undeclared role `admn`");
  CHECK(d.code() == "W020");
  CHECK(d.severity == Severity::error);
  CHECK(d.span.line == 2);
}
