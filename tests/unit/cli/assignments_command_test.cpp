// `writ check POLICY --assignments FILE` end to end: findings in text, JSON and SARIF located in
// the assignments file, every JSON witness request replayed through `writ eval`, `min_holders`
// proved or refuted, an assignments file error as one positioned line and exit 2, and the
// README's example (seed 001 with its example data) as the README shows it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/unit/cli/cli_support.hpp"

using writ::testing::run_writ;

namespace {
const std::string kDir = "tests/fixtures/assignments/";
const std::string kPolicy = kDir + "policy.writ";
const std::string kSeed = "policies/partner_managed_accounts";
}  // namespace

TEST_CASE("check --assignments: findings in the data are printed at their binding, clang-style") {
  auto r = run_writ("check --color never " + kPolicy + " --assignments " + kDir + "a050_trigger.assignments.yaml");
  INFO(r.out << r.err);
  CHECK(r.status == 1);
  CHECK_THAT(r.out, Catch::Contains(kDir + "a050_trigger.assignments.yaml:7:13: error[A050]: principal `ops` is a shared "
                                            "account and holds `admin`, a role reserved to named accounts"));
  CHECK_THAT(r.out, Catch::Contains("note: the role's declaration"));
  CHECK_THAT(r.out, Catch::Contains("=> deny"));
  // alice alone holds admin: the assertion is refuted at the assertion, citing her binding.
  CHECK_THAT(r.out, Catch::Contains("policy.writ:40:1: error[A040]: assertion `two_admins` does not hold"));
  // Near misses exit 0: nothing at or above error.
  auto near = run_writ("check " + kPolicy + " --assignments " + kDir + "min_holders_proved.assignments.yaml");
  INFO(near.out << near.err);
  CHECK(near.status == 0);
  CHECK(near.out.find("[A04") == std::string::npos);
  CHECK(near.out.find("[A05") == std::string::npos);
}

TEST_CASE("check --assignments: JSON findings whose witness requests `writ eval` decides as they say") {
  for (const std::string file : {"a050_trigger.assignments.yaml", "a052_trigger.assignments.json"}) {
    auto r = run_writ("check --format json " + kPolicy + " --assignments " + kDir + file);
    INFO(file << r.err);
    REQUIRE(r.status == 1);
    auto j = nlohmann::json::parse(r.out);
    std::size_t replayed = 0;
    for (const auto& f : j["findings"]) {
      if (f["code"] != "A050" && f["code"] != "A052") continue;
      CHECK(f["file"] == kDir + file);
      for (const auto& q : f["witness"]["queries"]) {
        writ::testing::TempDir dir;
        auto req = dir.write("req.json", q["request"].dump());
        auto e = run_writ("eval --format json " + kPolicy + " --request '" + req.string() + "'");
        INFO(q.dump() << e.out << e.err);
        REQUIRE(e.status == 0);
        CHECK(nlohmann::json::parse(e.out)["decision"] == q["expect"]);
        ++replayed;
      }
    }
    CHECK(replayed == 2);
  }
}

TEST_CASE("check --assignments: SARIF results point into the assignments file") {
  auto r = run_writ("check --format sarif " + kPolicy + " --assignments " + kDir + "a051_trigger.assignments.yaml");
  auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& res : j["runs"][0]["results"]) {
    if (res["ruleId"] != "A051") continue;
    found = true;
    const auto& loc = res["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uri"] == kDir + "a051_trigger.assignments.yaml");
    CHECK(loc["region"]["startLine"] == 4);
    CHECK(loc["region"]["startColumn"] == 20);
  }
  CHECK(found);
}

TEST_CASE("check --assignments: an error in the file is one positioned line, exit 2, and no analysis") {
  writ::testing::TempDir dir;
  auto bad = dir.write("bad.assignments.yaml", "principals:\n  - id: a\n  - id: a\n");
  auto r = run_writ("check --color never " + kPolicy + " --assignments '" + bad.string() + "'");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains(bad.string() + ":3:9: error[W061]: principal `a` is listed more than once (first at line 2)"));
  CHECK(r.out.find("[A0") == std::string::npos);
  auto alias = dir.write("alias.json", "{\"principals\": [&a {\"id\": \"x\"}, *a]}");
  r = run_writ("check --color never " + kPolicy + " --assignments '" + alias.string() + "'");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("error[W013]"));
  r = run_writ("check " + kPolicy + " --assignments '" + (dir.path / "missing.yaml").string() + "'");
  CHECK(r.status == 2);
  CHECK_THAT(r.out + r.err, Catch::Contains("W008"));
  // In JSON the error is a diagnostic like the policy's.
  r = run_writ("check --format json " + kPolicy + " --assignments '" + bad.string() + "'");
  CHECK(r.status == 2);
  CHECK(nlohmann::json::parse(r.out)["diagnostics"][0]["code"] == "W061");
}

TEST_CASE("check --assignments describes one policy: several roots are a usage error") {
  auto r = run_writ("check policies/ --assignments " + kSeed + "/example.assignments.yaml");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("--assignments describes the principals of one policy; the paths hold 5"));
}

TEST_CASE("the seed 001 example data proves two_company_admins, the README's edited data refutes it") {
  auto without = run_writ("check --color never " + kSeed);
  CHECK_THAT(without.out, Catch::Contains("warning[A041]: assertion `two_company_admins` is neither proved nor refuted"));
  auto with = run_writ("check --color never " + kSeed + " --assignments " + kSeed + "/example.assignments.yaml");
  INFO(with.out << with.err);
  CHECK(with.status == 0);
  CHECK(with.out.find("two_company_admins") == std::string::npos);
  CHECK_THAT(with.err, Catch::Contains("0 errors, 0 warnings"));
  // The README shows this run line by line.
  auto edited = run_writ("check --color never " + kSeed + " --assignments " + kDir + "seed001_one_admin.assignments.yaml");
  CHECK(edited.status == 1);
  const std::string readme = writ::testing::read_all(std::string(WRIT_SOURCE_DIR) + "/README.md");
  for (const std::string line :
       {"policies/partner_managed_accounts/policy.yaml:182:3: error[A040]: assertion `two_company_admins` does not hold: 1 "
        "counterexample set(s), e.g. `company_admin` has 1 holder(s) at `managed_a` (`kim@managed-a.example`), 2 required",
        "tests/fixtures/assignments/seed001_one_admin.assignments.yaml:15:28: warning[A051]: principal `kim@managed-a.example` "
        "holds `billing_admin`, a role the policy does not define"}) {
    CHECK_THAT(edited.out, Catch::Contains(line));
    CHECK_THAT(readme, Catch::Contains(line));
  }
}
