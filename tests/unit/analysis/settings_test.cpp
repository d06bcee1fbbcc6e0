// Severities (registry, policy, command line) and suppressions with reasons.
#include <fstream>
#include <set>

#include "tests/unit/analysis/analysis_support.hpp"

using namespace writ;
using namespace writ::analysis;
using namespace writ::analysis::testing;

TEST_CASE("the policy's severity items and the caller's overrides apply in that order") {
  auto a = analyze_fixture("a020_trigger", [](ir::Policy& p) { p.severities.push_back({"A020", "error", {}}); });
  REQUIRE(a.of(Check::role_never_held).size() == 1);
  CHECK(a.of(Check::role_never_held)[0]->severity == Severity::error);

  Options o;
  o.severities = {{"role_never_held", "warning"}};
  auto b = analyze_fixture("a020_trigger", [](ir::Policy& p) { p.severities.push_back({"A020", "error", {}}); }, o);
  CHECK(b.of(Check::role_never_held)[0]->severity == Severity::warning);

  o.severities = {{"A020", "off"}};
  auto c = analyze_fixture("a020_trigger", [](ir::Policy&) {}, o);
  CHECK(c.of(Check::role_never_held).empty());
}

TEST_CASE("unknown codes and levels are reported, not ignored") {
  Options o;
  o.severities = {{"A999", "error"}, {"A020", "loud"}};
  auto a = analyze_fixture("a020_trigger", [](ir::Policy& p) { p.suppressions.push_back({"Z1", "why", {}, {}}); }, o);
  std::vector<std::string> said;
  for (const auto& x : a.result.bad_settings) said.push_back(x.code + "=" + x.level);
  CHECK(said == std::vector<std::string>{"A999=error", "A020=loud", "Z1=suppress"});
  // The policy's keep where they are written (for the diagnostic); the caller's have no place.
  CHECK_FALSE(a.result.bad_settings[0].span.known());
}

TEST_CASE("a suppression marks the findings inside its declaration with the reason") {
  auto a = analyze_fixture("a011_trigger", [](ir::Policy& p) {
    p.suppressions.push_back({"A011", "grants end on their own within 5 days", p.templates[0].span, {}});
  });
  auto revocable = a.of(Check::grant_not_revocable);
  REQUIRE(revocable.size() == 1);
  CHECK(revocable[0]->suppressed == std::optional<std::string>("grants end on their own within 5 days"));
  CHECK_FALSE(a.of(Check::grant_not_audited).at(0)->suppressed);

  // A suppression elsewhere (another declaration's span) does not cover it.
  auto b = analyze_fixture("a011_trigger", [](ir::Policy& p) {
    p.suppressions.push_back({"A011", "elsewhere", p.roles[0].span, {}});
  });
  CHECK_FALSE(b.of(Check::grant_not_revocable).at(0)->suppressed);
}

TEST_CASE("suppressions written in the policy mark findings in their declaration, or anywhere from the header") {
  auto a = analyze_fixture("suppress_trigger");
  const auto& p = *a.c->policy;
  REQUIRE(p.suppressions.size() == 2);
  CHECK(p.suppressions[0].code == "role_never_held");
  CHECK(p.suppressions[0].within.file == 0);  // the header: the whole policy
  CHECK(p.suppressions[1].within == p.roles.at(1).span);
  auto escalation = a.of(Check::assign_exceeds_assigner);
  REQUIRE(escalation.size() == 1);
  CHECK(escalation[0]->suppressed == std::optional<std::string>("leads appoint the admins; the access review checks each"));
  auto never = a.of(Check::role_never_held);
  REQUIRE(never.size() == 1);
  CHECK(never[0]->suppressed == std::optional<std::string>("orphan is held through the migration import"));

  // In another declaration, `suppress A001` does not reach the edge.
  auto b = analyze_fixture("suppress_near");
  REQUIRE(b.of(Check::assign_exceeds_assigner).size() == 1);
  CHECK_FALSE(b.of(Check::assign_exceeds_assigner)[0]->suppressed);
}

TEST_CASE("severities written in the policy header apply, the caller's win over them") {
  auto a = analyze_fixture("severity_policy");
  REQUIRE(a.c->policy->severities.size() == 2);
  CHECK(a.of(Check::role_never_held).at(0)->severity == Severity::error);
  CHECK(a.of(Check::assign_exceeds_assigner).at(0)->severity == Severity::warning);
  Options o;
  o.severities = {{"A020", "note"}};
  auto b = analyze_fixture("severity_policy", [](ir::Policy&) {}, o);
  CHECK(b.of(Check::role_never_held).at(0)->severity == Severity::note);
  CHECK(b.of(Check::assign_exceeds_assigner).at(0)->severity == Severity::warning);
}

TEST_CASE("the registry: codes unique, every code in docs/checks.md") {
  std::set<std::string_view> codes;
  for (const auto& c : check_registry()) {
    CHECK(codes.insert(c.code).second);
    CHECK(find_check(c.code) == c.id);
    CHECK(find_check(c.name) == c.id);
  }
  std::ifstream in(std::string(WRIT_SOURCE_DIR) + "/docs/checks.md");
  std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& c : check_registry()) {
    INFO(c.code);
    CHECK(doc.find("## " + std::string(c.code) + " ") != std::string::npos);
  }
}
