// The diagnostic fixtures: every `tests/fixtures/diagnostics/W0xx_<name>.writ|yaml` compiles to
// exactly the diagnostics of its sibling `.diag` file (`LINE:COL: CODE MESSAGE` per line, in
// order): the message is part of the expectation, so a diagnostic that keeps its code and position
// but says the wrong thing (names the wrong declaration, loses the hint) fails.
// Also: every code of the registry has a fixture, a generated case here, or an entry in the
// allow-list below naming the test that covers it. Regenerate `.diag` files with
// WRIT_UPDATE_GOLDEN=1 and review the diff.
#include <algorithm>
#include <map>
#include <set>

#include "compiler/diagnostics/diagnostic.hpp"
#include "lower_test_support.hpp"

namespace fs = std::filesystem;
using namespace writ;

namespace {

fs::path fixture_dir() { return test::source_dir() / "tests" / "fixtures" / "diagnostics"; }

std::vector<fs::path> fixtures() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fixture_dir()))
    if (e.is_regular_file() && driver::syntax_of(e.path())) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// Codes whose trigger cannot sit in a committed fixture (generated below) or that another
/// engineer's tests cover. Each entry says where.
const std::map<std::string, std::string> kCoveredElsewhere = {
    {"W002", "generated: `file too large` in this file"},
    {"W003", "generated: `invalid UTF-8` in this file"},
    {"W004", "generated: `NUL byte` in this file"},
    {"W005", "generated: `nesting too deep` in this file"},
    {"W007", "DSL parser tests (tests/unit/dsl/): needs a pathological input tuned to the grammar"},
    {"W010", "YAML reader tests (tests/unit/yaml/)"},
    {"W011", "YAML reader tests (tests/unit/yaml/)"},
    {"W012", "YAML reader tests (tests/unit/yaml/)"},
    {"W013", "YAML reader tests (tests/unit/yaml/)"},
    {"W014", "YAML reader tests (tests/unit/yaml/)"},
    {"W015", "YAML reader tests (tests/unit/yaml/)"},
    {"W017", "YAML reader tests (tests/unit/yaml/)"},
    {"W032", "tests/unit/lower/lower_ast_test.cpp: only a YAML level can have a body and `readonly`"},
    {"W060", "tests/unit/yaml/assignments_reader_test.cpp: the assignments file is not a policy"},
    {"W061", "tests/unit/yaml/assignments_reader_test.cpp: the assignments file is not a policy"},
};

/// `[FILE:]LINE:COL: CODE MESSAGE` per diagnostic (FILE only for imported files).
std::string diag_lines_with_messages(const driver::Compilation& c) {
  std::string out;
  for (const auto& d : c.diags.items()) {
    std::string where;
    if (d.span.file > 1 && d.span.file <= c.sources.size())
      where = std::filesystem::path(c.sources.path(d.span.file)).filename().string() + ":";
    // Messages may quote the fixture's absolute path; the expectation must not depend on the checkout.
    std::string message = d.message;
    const std::string dir = fixture_dir().string();
    for (auto at = message.find(dir); at != std::string::npos; at = message.find(dir)) message.replace(at, dir.size(), "FIXTURES");
    out += fmt::format("{}{}:{}: {} {}\n", where, d.span.line, d.span.col, d.code(), message);
  }
  return out;
}

std::vector<std::string> codes_of(const driver::Compilation& c) {
  std::vector<std::string> out;
  for (const auto& d : c.diags.items()) out.emplace_back(d.code());
  return out;
}

}  // namespace

TEST_CASE("every diagnostic fixture reports exactly its expected diagnostics", "[lower][diagnostics]") {
  const auto files = fixtures();
  REQUIRE_FALSE(files.empty());
  for (const auto& f : files) {
    SECTION(f.filename().string()) {
      auto c = driver::compile_file(f);
      fs::path expected = f;
      expected.replace_extension(".diag");
      INFO(test::messages(c));
      test::check_golden(expected, diag_lines_with_messages(c));
      // The fixture is named after the code it demonstrates: that code must be among them.
      const std::string code = f.filename().string().substr(0, 4);
      auto codes = codes_of(c);
      CHECK(std::find(codes.begin(), codes.end(), code) != codes.end());
    }
  }
}

TEST_CASE("every registered code has a fixture or a named test", "[lower][diagnostics]") {
  std::set<std::string> with_fixture;
  for (const auto& f : fixtures()) with_fixture.insert(f.filename().string().substr(0, 4));
  for (const auto& d : diagnostic_registry()) {
    const std::string code(d.code);
    INFO(code << " " << d.name << ": add tests/fixtures/diagnostics/" << code << "_" << d.name
              << ".writ and its .diag, or an allow-list entry saying which test covers it");
    CHECK((with_fixture.count(code) || kCoveredElsewhere.count(code)));
  }
  // The allow-list must not hide codes that have since got a fixture, or names no code.
  for (const auto& [code, where] : kCoveredElsewhere) {
    INFO(code << " is in the allow-list: " << where);
    CHECK_FALSE(with_fixture.count(code));
    CHECK(std::any_of(diagnostic_registry().begin(), diagnostic_registry().end(),
                      [&](const DiagInfo& d) { return d.code == code; }));
  }
}

TEST_CASE("generated front-end fixtures: hostile bytes and deep nesting", "[lower][diagnostics]") {
  const std::string head = "policy p { }\nmodule m { action v: read; resource r actions v; }\n";
  SECTION("W002 file too large") {
    auto c = driver::compile_text("big.writ", head + std::string(4 * 1024 * 1024, '#'));
    CHECK(test::diag_lines(c) == "1:1: W002\n");
  }
  SECTION("W003 invalid UTF-8") {
    auto c = driver::compile_text("utf8.writ", head + "role a \"\xC3\x28\" { permit m/r:v; }\n");
    CHECK(test::diag_lines(c) == "3:9: W003\n");
  }
  SECTION("W004 NUL byte") {
    auto c = driver::compile_text("nul.writ", head + std::string("role a { permit m/r:v; }\0\n", 27));
    CHECK(test::diag_lines(c) == "3:25: W004\n");
  }
  SECTION("W005 nesting too deep") {
    auto c = driver::compile_text("deep.writ", head + "role a { permit m/r:v when " + std::string(100, '(') + "true" +
                                                   std::string(100, ')') + "; }\n");
    auto codes = codes_of(c);
    CHECK(codes == std::vector<std::string>{"W005"});
  }
}
