// How findings read (compiler/report/findings.hpp): `writ check --format json` writes its
// findings one element at a time (finding_json_element, write_check_json); the document must be
// the bytes of the whole tree dumped at once, the simpler path it replaced. Checked on generated
// policies (every check and the assertions), on a fixture with a suppression, with a diagnostic
// whose message imitates the "findings" key, and with no finding at all.
#include <catch2/catch.hpp>

#include <sstream>

#include "compiler/analysis/analyze.hpp"
#include "compiler/driver/compile.hpp"
#include "compiler/prove/prove.hpp"
#include "compiler/report/findings.hpp"
#include "tools/gen/generator.hpp"

using namespace writ;

namespace {

nlohmann::json document(nlohmann::json findings) {
  return {{"policies", nlohmann::json::array({{{"root", "p.writ"}, {"ok", true}, {"files", 1}}})},
          {"diagnostics", nlohmann::json::array({{{"message", "a message\n  \"findings\": [] that is no key"}, {"line", 1}}})},
          {"findings", std::move(findings)},
          {"summary", {{"findings", 3}, {"errors", 0}}}};
}

/// The streamed document and the tree's dump of the same findings.
std::pair<std::string, std::string> both(const driver::Compilation& c, const std::vector<analysis::Finding>& found) {
  auto tree = nlohmann::json::array();
  for (const auto& f : found) tree.push_back(report::finding_json(c.sources, *c.policy, f));
  std::ostringstream streamed;
  std::size_t next = 0;
  report::write_check_json(streamed, document(nlohmann::json::array()), [&](std::string& element) {
    if (next == found.size()) return false;
    element = report::finding_json_element(c.sources, *c.policy, found[next++]);
    return true;
  });
  return {streamed.str(), document(std::move(tree)).dump(2)};
}

std::vector<analysis::Finding> all_findings(const driver::Compilation& c) {
  const facts::Facts f(*c.policy);
  return analysis::analyze(f, {}, prove::findings(f, prove::prove_all(f))).findings;
}

}  // namespace

TEST_CASE("check --format json: findings written one at a time are the bytes of the whole tree") {
  std::size_t findings = 0, permissions = 0;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const auto opt = gen::policy_of(seed, 40, 300, 100);
    auto c = driver::compile_text("gen.writ", gen::generate(opt).policy);
    INFO(gen::command_line(opt));
    REQUIRE(c.ok());
    const auto found = all_findings(c);
    findings += found.size();
    for (const auto& f : found) permissions += f.permissions.count();
    const auto [streamed, tree] = both(c, found);
    CHECK(streamed == tree);
  }
  // Something to write: findings, with permissions (the part written without a tree).
  CHECK(findings > 0);
  CHECK(permissions > 0);

  auto s = driver::compile_file(std::string(WRIT_TEST_DIR) + "/fixtures/analysis/suppress_trigger.writ");
  REQUIRE(s.ok());
  const auto suppressed = all_findings(s);
  REQUIRE(std::any_of(suppressed.begin(), suppressed.end(), [](const analysis::Finding& f) { return f.suppressed.has_value(); }));
  const auto [streamed, tree] = both(s, suppressed);
  CHECK(streamed == tree);

  const auto [none_streamed, none_tree] = both(s, {});
  CHECK(none_streamed == none_tree);
}
