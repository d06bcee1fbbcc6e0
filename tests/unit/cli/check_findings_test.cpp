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
const std::string kSuppress = "tests/fixtures/analysis/suppress_trigger.writ";
const std::string kSuppressNear = "tests/fixtures/analysis/suppress_near.writ";
const std::string kSeverity = "tests/fixtures/analysis/severity_policy.writ";
const std::string kIntended = "tests/fixtures/analysis/a001_intended.writ";
const std::string kContained = "tests/fixtures/analysis/a005_trigger.writ";
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

TEST_CASE("check: a suppress or severity naming no check is an error where it is written, exit 2") {
  auto r = run_writ("check --color never tests/fixtures/analysis/unknown_check.writ");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("unknown_check.writ:4:3: error[W040]: `A998=warning` names no check"));
  CHECK_THAT(r.out, Catch::Contains("unknown_check.writ:13:3: error[W040]: `suppress A999` names no check"));
  CHECK(r.out.find("[A020]") == std::string::npos);  // no finding under settings that did not apply
  CHECK_THAT(r.err, Catch::Contains("2 errors"));
  // The caller's: said on the command line, without a place.
  r = run_writ("check " + kA001 + " --severity A999=error");
  CHECK_THAT(r.err, Catch::Contains("writ: error: --severity `A999=error` names no check"));
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

TEST_CASE("check: an edge marked intended passes where the same edge unmarked fails, a violated contained edge fails") {
  CHECK(run_writ("check " + kIntended).status == 0);
  CHECK(run_writ("check " + kA001).status == 1);
  auto r = run_writ("check --color never " + kContained);
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains("a005_trigger.writ:15:3: error[A005]: role `lead` may assign `admin` through an edge marked `contained`"));
}

TEST_CASE("check: a suppressed finding is printed with its reason in every format and does not fail the run") {
  auto text = run_writ("check --color never " + kSuppress);
  CHECK(text.status == 0);
  CHECK_THAT(text.out, Catch::Contains("suppress_trigger.writ:17:3: error[A001] (suppressed): role `lead` may assign `admin`"));
  CHECK_THAT(text.out, Catch::Contains("  suppressed: leads appoint the admins; the access review checks each"));
  CHECK_THAT(text.err, Catch::Contains("0 errors, 0 warnings, 2 suppressed"));
  CHECK(run_writ("check --fail-on note " + kSuppress).status == 0);
  CHECK(run_writ("check " + kSuppressNear).status == 1);

  auto json = run_writ("check --format json " + kSuppress);
  CHECK(json.status == 0);
  auto j = nlohmann::json::parse(json.out);
  REQUIRE(j["findings"].size() == 2);
  CHECK(j["findings"][0]["code"] == "A001");
  CHECK(j["findings"][0]["suppressed"]["reason"] == "leads appoint the admins; the access review checks each");
  CHECK(j["findings"][1]["suppressed"]["reason"] == "orphan is held through the migration import");
  CHECK(j["summary"]["suppressed"] == 2);
  CHECK(j["summary"]["errors"] == 0);

  auto sarif = run_writ("check --format sarif " + kSuppress);
  CHECK(sarif.status == 0);
  const auto log = nlohmann::json::parse(sarif.out);
  const auto& res = log["runs"][0]["results"];
  REQUIRE(res.size() == 2);
  CHECK(res[0]["suppressions"][0]["kind"] == "inSource");
  CHECK(res[0]["suppressions"][0]["justification"] == "leads appoint the admins; the access review checks each");

  // GitHub annotations are for findings that need attention: a suppressed one gets none.
  CHECK(run_writ("check --format github " + kSuppress).out.find("::") == std::string::npos);
  CHECK(nlohmann::json::parse(run_writ("check --format json " + kSuppressNear).out)["findings"][0].count("suppressed") == 0);

  // The YAML front end's suppressions lower the same way.
  auto yaml = run_writ("check --format json tests/fixtures/analysis/suppress_trigger.yaml");
  CHECK(yaml.status == 0);
  CHECK(nlohmann::json::parse(yaml.out)["summary"]["suppressed"] == 2);
}

TEST_CASE("check: the policy's severities decide the exit status, and --severity wins over them") {
  auto r = run_writ("check --color never " + kSeverity);
  CHECK(r.status == 1);  // A020 raised to an error by the policy
  CHECK_THAT(r.out, Catch::Contains("error[A020]"));
  CHECK_THAT(r.out, Catch::Contains("warning[A001]"));  // lowered to a warning by the policy
  CHECK(run_writ("check " + kSeverity + " --severity A020=note").status == 0);
  CHECK(run_writ("check " + kSeverity + " --severity A020=note --severity A001=error").status == 1);
  CHECK(run_writ("check " + kSeverity + " --severity A020=off --fail-on warning").status == 1);
}
