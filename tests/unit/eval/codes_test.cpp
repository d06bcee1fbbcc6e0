// The interpreter's code registry (compiler/eval/codes.def) and docs/semantics.md agree: every
// reason code appears in §9's table and every violation code in §7's, and the documents name no
// code the registry lacks.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "compiler/eval/decision.hpp"

using namespace writ::eval;

namespace {

std::string section(const std::string& doc, const std::string& from, const std::string& to) {
  auto b = doc.find(from);
  REQUIRE(b != std::string::npos);
  auto e = doc.find(to, b);
  return doc.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

std::set<std::string> codes_in_tables(const std::string& text) {
  // Codes are written `like_this` in the first column of a table row.
  std::set<std::string> out;
  std::istringstream in(text);
  std::string line;
  const std::regex code("`([a-z_]+)`");
  while (std::getline(in, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::string first = line.substr(0, line.find('|', 1));
    for (std::sregex_iterator it(first.begin(), first.end(), code), end; it != end; ++it) out.insert((*it)[1]);
  }
  return out;
}

}  // namespace

TEST_CASE("reason and violation codes match docs/semantics.md", "[eval][codes]") {
  std::ifstream f(std::string(WRIT_SOURCE_DIR) + "/docs/semantics.md");
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string doc = ss.str();
  const auto reasons_doc = codes_in_tables(section(doc, "## §9 Reasons", "## §10"));
  const auto violations_doc = codes_in_tables(section(doc, "## §7 Grant validation", "## §8"));
  std::set<std::string> reasons, violations;
  for (auto c : all_reason_codes()) reasons.insert(std::string(code_name(c)));
  for (auto c : all_violation_codes()) violations.insert(std::string(code_name(c)));
  // §9 groups the overridden codes as `overridden_permit`, `overridden_level`, `...`.
  std::set<std::string> missing_in_doc, missing_in_registry;
  for (const auto& r : reasons)
    if (!reasons_doc.count(r) && r != "overridden_grant_custom") missing_in_doc.insert(r);
  for (const auto& r : reasons_doc)
    if (!reasons.count(r)) missing_in_registry.insert(r);
  CHECK(missing_in_doc.empty());
  CHECK(missing_in_registry.empty());
  std::set<std::string> v_missing_doc, v_missing_registry;
  for (const auto& v : violations)
    if (!violations_doc.count(v)) v_missing_doc.insert(v);
  for (const auto& v : violations_doc)
    if (!violations.count(v)) v_missing_registry.insert(v);
  CHECK(v_missing_doc.empty());
  CHECK(v_missing_registry.empty());
}

TEST_CASE("codes parse back from their names", "[eval][codes]") {
  for (auto c : all_violation_codes()) {
    auto back = violation_code(code_name(c));
    REQUIRE(back);
    CHECK(*back == c);
  }
  CHECK_FALSE(violation_code("no_such_code"));
  for (auto c : all_reason_codes()) CHECK_FALSE(code_summary(c).empty());
}
