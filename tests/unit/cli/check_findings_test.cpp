// `writ check` with the analyses: formats (text, JSON, SARIF, GitHub), --explain, --severity,
// --fail-on and the exit status, end to end through the binary. Every JSON witness query is
// replayed through `writ eval`, so what the report prints is what the interpreter decides.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/unit/cli/cli_support.hpp"

using writ::testing::run_writ;

namespace {
const std::string kA001 = "tests/fixtures/analysis/a001_trigger.writ";
const std::string kA020 = "tests/fixtures/analysis/a020_trigger.writ";
}  // namespace

TEST_CASE("check prints findings clang-style with the witness, and fails on errors") {
  auto r = run_writ("check --color never " + kA001);
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("a001_trigger.writ:15:3: error[A001]: role `lead` may assign `admin`"));
  CHECK_THAT(r.out, Catch::Contains("witness: chain: hold `lead` -> assign `admin`"));
  CHECK_THAT(r.out, Catch::Contains("=> allow"));
  CHECK_THAT(r.out, Catch::Contains("note: the assigner role"));
  CHECK(run_writ("check --no-analysis " + kA001).status == 0);
}

TEST_CASE("check: --severity and --fail-on decide the exit status") {
  CHECK(run_writ("check " + kA020).status == 0);  // a note
  CHECK(run_writ("check --fail-on note " + kA020).status == 1);
  CHECK(run_writ("check " + kA020 + " --severity A020=error").status == 1);
  CHECK(run_writ("check " + kA001 + " --severity A001=warning").status == 0);
  CHECK(run_writ("check " + kA001 + " --severity A001=off --fail-on note").status == 0);
  CHECK(run_writ("check " + kA001 + " --severity A999=error").status == 2);
  CHECK(run_writ("check " + kA001 + " --severity A001").status == 2);
}

TEST_CASE("check: --format json carries findings whose witness `writ eval` confirms") {
  auto r = run_writ("check --format json " + kA001);
  REQUIRE(r.status == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() >= 1);
  const auto& f = j["findings"][0];
  CHECK(f["code"] == "A001");
  CHECK(f["line"] == 15);
  CHECK(f["permissions"] == nlohmann::json::array({"m/docs:edit"}));
  CHECK(f["related"].size() == 2);
  CHECK(j["summary"]["findings"].get<int>() >= 1);
  for (const auto& q : f["witness"]["queries"]) {
    writ::testing::TempDir dir;
    auto req = dir.write("req.json", q["request"].dump());
    auto e = run_writ("eval --format json " + kA001 + " --request '" + req.string() + "'");
    INFO(q.dump() << e.out << e.err);
    REQUIRE(e.status == 0);
    auto ej = nlohmann::json::parse(e.out);
    const std::string expect = q["expect"];
    CHECK(ej["decision"] == expect);
  }
}

TEST_CASE("check: --format sarif lists the rules and the result with locations") {
  auto r = run_writ("check --format sarif " + kA001);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["version"] == "2.1.0");
  const auto& run = j["runs"][0];
  CHECK(run["tool"]["driver"]["rules"][0]["id"] == "A001");
  CHECK(run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "error");
  const auto& res = run["results"][0];
  CHECK(res["ruleId"] == "A001");
  CHECK(res["locations"][0]["physicalLocation"]["region"]["startLine"] == 15);
  CHECK(res["relatedLocations"].size() == 2);
  CHECK_THAT(res["message"]["text"].get<std::string>(), Catch::Contains("witness: decide"));
}

TEST_CASE("check: --format github prints workflow annotations") {
  auto r = run_writ("check --format github " + kA001);
  CHECK_THAT(r.out, Catch::Contains("::error file=" + kA001 + ",line=15,col=3,title=A001 assign_exceeds_assigner::role `lead`"));
}

TEST_CASE("check: --explain prints the catalogue entry") {
  auto r = run_writ("check --explain A001");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("A001 assign_exceeds_assigner (default: error)"));
  CHECK_THAT(r.out, Catch::Contains("fix:"));
  CHECK(run_writ("check --explain role_never_held").status == 0);
  CHECK(run_writ("check --explain Z9").status == 2);
}
