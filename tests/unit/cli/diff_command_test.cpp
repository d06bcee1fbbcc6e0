// `writ diff` end to end: the seeds against themselves and against their conversion to the other
// syntax report nothing; the gates' exit codes; REV:PATH read from a throwaway git repository;
// every output format; errors exit 2 with one line naming the input. The fixture pair is
// tests/fixtures/diff/{old,new}.writ: new.writ gives `viewer` (held by external principals too)
// m/docs:edit, drops editor's condition, lets `helper` assign `admin` (a new A001) and lengthens
// template `support`'s maximum.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/unit/cli/cli_support.hpp"

using writ::testing::read_all;
using writ::testing::run_writ;
using writ::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kOld = "tests/fixtures/diff/old.writ";
const std::string kNew = "tests/fixtures/diff/new.writ";
const std::string kPair = kOld + " " + kNew;
const std::string kBack = kNew + " " + kOld;
const std::string kNoChange = "writ diff: 0 gained, 0 lost, 0 assignment edge(s) gained, 0 lost, 0 limit(s) loosened, 0 tightened, 0 new finding(s), 0 gone";

std::vector<fs::path> seed_folders() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(WRIT_SOURCE_DIR) / "policies"))
    if (e.is_directory()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

fs::path policy_file(const fs::path& folder) {
  for (const char* name : {"policy.writ", "policy.yaml"})
    if (fs::exists(folder / name)) return folder / name;
  FAIL("no policy file in " << folder);
  return {};
}

int git(const fs::path& dir, const std::string& args) {
  const std::string cmd = "cd '" + dir.string() + "' && git -c user.name=t -c user.email=t@t " + args + " >/dev/null 2>&1";
  return std::system(cmd.c_str());
}

}  // namespace

TEST_CASE("diff: every seed against itself reports nothing and trips no gate") {
  for (const auto& folder : seed_folders()) {
    INFO(folder);
    const auto r = run_writ("diff --color never --fail-on new-access --fail-on new-escalation --fail-on loosened-grants "
                            "--fail-on blast-radius=0% '" + folder.string() + "' '" + folder.string() + "'");
    CHECK(r.status == 0);
    CHECK(r.out.find("no change in access") != std::string::npos);
    CHECK(r.out.find(kNoChange) != std::string::npos);
  }
}

TEST_CASE("diff: every seed against its conversion to the other syntax reports nothing") {
  for (const auto& folder : seed_folders()) {
    const fs::path policy = policy_file(folder);
    const bool yaml = policy.extension() == ".yaml";
    TempDir tmp;
    const fs::path converted = tmp.path / (yaml ? "policy.writ" : "policy.yaml");
    INFO(policy << " -> " << converted);
    REQUIRE(run_writ("fmt --to " + std::string(yaml ? "dsl" : "yaml") + " '" + policy.string() + "' -o '" + converted.string() + "'").status == 0);
    const auto r = run_writ("diff --color never --fail-on new-access --fail-on loosened-grants '" + policy.string() + "' '" + converted.string() + "'");
    CHECK(r.status == 0);
    CHECK(r.out.find(kNoChange) != std::string::npos);
  }
}

TEST_CASE("diff: gates exit 1 when they trip, 0 otherwise") {
  CHECK(run_writ("diff " + kPair).status == 0);  // no gate, whatever changed
  CHECK(run_writ("diff --fail-on new-access " + kPair).status == 1);
  CHECK(run_writ("diff --fail-on new-access=external " + kPair).status == 1);
  CHECK(run_writ("diff --fail-on new-escalation " + kPair).status == 1);
  CHECK(run_writ("diff --fail-on loosened-grants " + kPair).status == 1);
  CHECK(run_writ("diff --fail-on blast-radius=50% " + kPair).status == 1);   // external grew 100%
  CHECK(run_writ("diff --fail-on blast-radius=150% " + kPair).status == 0);
  // Backwards every change is a loss, a tightening or a fixed finding.
  CHECK(run_writ("diff --fail-on new-access --fail-on new-escalation --fail-on loosened-grants --fail-on blast-radius=0% " + kBack).status == 0);
  // What was not compared trips every gate: an unknown cannot pass.
  const auto unknown = run_writ("diff --max-assignments 1 --fail-on loosened-grants " + kBack);
  CHECK(unknown.status == 1);
  CHECK(unknown.err.find("not compared exactly") != std::string::npos);
  // A gate's failure is said on stderr.
  const auto r = run_writ("diff --fail-on loosened-grants " + kPair);
  CHECK(r.err.find("loosened") != std::string::npos);
}

TEST_CASE("diff: new-access=external ignores gains of internal principals only") {
  TempDir tmp;
  std::string text = read_all(fs::path(WRIT_SOURCE_DIR) / kOld);
  const std::string cond = "permit m/docs:edit when context.flag;";
  text.replace(text.find(cond), cond.size(), "permit m/docs:edit;");
  const auto internal_gain = tmp.write("internal.writ", text);
  CHECK(run_writ("diff --fail-on new-access=external " + kOld + " '" + internal_gain.string() + "'").status == 0);
  CHECK(run_writ("diff --fail-on new-access " + kOld + " '" + internal_gain.string() + "'").status == 1);
}

TEST_CASE("diff: new-access=external trips on what grants can newly give external principals") {
  TempDir tmp;
  std::string text = read_all(fs::path(WRIT_SOURCE_DIR) / kOld);
  text.replace(text.find("grants viewer;"), std::string("grants viewer;").size(), "grants viewer, custom;");
  const auto custom = tmp.write("custom.writ", text);
  // No role's access changed: the template's grantees (external) reach further.
  const auto r = run_writ("diff --fail-on new-access=external " + kOld + " '" + custom.string() + "'");
  CHECK(r.status == 1);
  CHECK(r.err.find("external principals reach") != std::string::npos);
}

TEST_CASE("diff: a suppressed finding is marked and trips no escalation gate") {
  TempDir tmp;
  std::string text = read_all(fs::path(WRIT_SOURCE_DIR) / kNew);
  const std::string header = "policy p { combining permissive; }";
  text.replace(text.find(header), header.size(),
               "policy p { combining permissive; suppress assign_exceeds_assigner \"helper appoints admins\"; "
               "suppress escalation_chain \"the same edge\"; }");
  const auto suppressed = tmp.write("suppressed.writ", text);
  auto r = run_writ("diff --color never --fail-on new-escalation " + kOld + " '" + suppressed.string() + "'");
  CHECK(r.status == 0);
  CHECK(r.out.find("[A001]") != std::string::npos);
  CHECK(r.out.find("(suppressed: helper appoints admins)") != std::string::npos);
  r = run_writ("diff --format github " + kOld + " '" + suppressed.string() + "'");
  CHECK(r.out.find("A001") == std::string::npos);
  // Without the suppressions the same change trips the gate.
  CHECK(run_writ("diff --fail-on new-escalation " + kPair).status == 1);
}

TEST_CASE("diff: a contained edge that gives more (A005) is a new escalation") {
  TempDir tmp;
  std::string text = read_all(fs::path(WRIT_SOURCE_DIR) / kNew);
  const std::string edge = "assigned_by admin, helper;";
  text.replace(text.find(edge), edge.size(), "assigned_by admin; assigned_by helper contained;");
  const auto contained = tmp.write("contained.writ", text);
  const auto r = run_writ("diff --fail-on new-escalation " + kOld + " '" + contained.string() + "'");
  CHECK(r.status == 1);
  CHECK(r.err.find("A005") != std::string::npos);
}

TEST_CASE("diff: REV:PATH reads a git revision without touching the checkout") {
  TempDir repo;
  REQUIRE(git(repo.path, "init -q") == 0);
  fs::create_directories(repo.path / "policies");
  fs::copy_file(fs::path(WRIT_SOURCE_DIR) / kOld, repo.path / "policies" / "p.writ");
  REQUIRE(git(repo.path, "add -A") == 0);
  REQUIRE(git(repo.path, "commit -q -m old") == 0);
  fs::copy_file(fs::path(WRIT_SOURCE_DIR) / kNew, repo.path / "policies" / "p.writ", fs::copy_options::overwrite_existing);
  const std::string before = read_all(repo.path / "policies" / "p.writ");

  auto r = run_writ("diff --color never --fail-on new-access HEAD:policies/p.writ policies/p.writ", "", repo.path.string());
  CHECK(r.status == 1);
  CHECK(r.out.find("m/docs:edit") != std::string::npos);
  CHECK(r.out.find("HEAD:policies/p.writ") != std::string::npos);
  // A folder at a revision.
  r = run_writ("diff --color never HEAD:policies policies", "", repo.path.string());
  CHECK(r.status == 0);
  CHECK(r.out.find("2 gained") != std::string::npos);
  // The working file is untouched and nothing was checked out.
  CHECK(read_all(repo.path / "policies" / "p.writ") == before);
  CHECK(git(repo.path, "diff --quiet HEAD -- policies/p.writ") != 0);

  r = run_writ("diff HEAD:policies/p.writ HEAD:policies/p.writ", "", repo.path.string());
  CHECK(r.status == 0);
  CHECK(r.out.find("no change in access") != std::string::npos);

  r = run_writ("diff no-such-rev:policies/p.writ policies/p.writ", "", repo.path.string());
  CHECK(r.status == 2);
  CHECK(r.err.find("no-such-rev:policies/p.writ") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("diff: errors exit 2 with one line naming the input") {
  auto r = run_writ("diff tests/fixtures/diff/missing.writ " + kNew);
  CHECK(r.status == 2);
  CHECK(r.err.find("missing.writ") != std::string::npos);
  r = run_writ("diff --fail-on everything " + kPair);
  CHECK(r.status == 2);
  TempDir tmp;
  const auto broken = tmp.write("broken.writ", "policy p { combining permissive; }\nrole r { permit nowhere/x:y; }\n");
  r = run_writ("diff " + kOld + " '" + broken.string() + "'");
  CHECK(r.status == 2);
  CHECK(r.err.find("broken.writ") != std::string::npos);
  CHECK(r.out.find("gained") == std::string::npos);  // nothing compared, nothing claimed
}

TEST_CASE("diff: JSON carries every change with its example request") {
  const auto r = run_writ("diff --format json " + kPair);
  REQUIRE(r.status == 0);
  const auto top = nlohmann::json::parse(r.out);
  CHECK(top.at("changed") == true);
  CHECK(top.at("gates_tripped").empty());
  REQUIRE(top.at("policies").size() == 1);  // one root in each version, paired
  const auto& j = top.at("policies")[0];
  REQUIRE(j.at("access").is_array());
  CHECK(j.at("access").size() == 2);
  for (const auto& c : j.at("access")) {
    CHECK(c.at("direction") == "gained");
    CHECK(c.at("example").at("permission") == "m/docs:edit");
  }
  CHECK(j.at("edges").size() == 2);
  REQUIRE(j.at("limits").size() == 1);
  CHECK(j.at("limits")[0].at("loosened") == true);
  // A001 helper -> admin and A022; the 2-step chain to viewer is left to that A001 (it gains no more).
  CHECK(j.at("summary").at("new_findings") == 2);
}

TEST_CASE("diff: Markdown opens with the summary table and folds the details") {
  const auto r = run_writ("diff --format markdown " + kPair);
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("### writ diff", 0) == 0);
  const auto table = r.out.find("| access (cubes) | 2 | 0 |");
  const auto details = r.out.find("<details>");
  REQUIRE(table != std::string::npos);
  REQUIRE(details != std::string::npos);
  CHECK(table < details);
}

TEST_CASE("diff: SARIF holds the new findings only, GitHub one annotation per gain") {
  auto r = run_writ("diff --format sarif " + kPair);
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  const auto& results = j.at("runs").at(0).at("results");
  CHECK(results.size() == 2);
  bool a001 = false;
  for (const auto& res : results) a001 = a001 || res.at("ruleId") == "A001";
  CHECK(a001);
  // Backwards the findings are gone, not new: no results.
  j = nlohmann::json::parse(run_writ("diff --format sarif " + kBack).out);
  CHECK(j.at("runs").at(0).at("results").empty());

  r = run_writ("diff --format github " + kPair);
  REQUIRE(r.status == 0);
  std::size_t lines = 0;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line); ++lines) CHECK(line.rfind("::", 0) == 0);
  // 2 access gains, 2 edges, 1 loosened limit, 2 new findings.
  CHECK(lines == 7);
}

TEST_CASE("diff: an assertion the change refutes is a new finding, and gone when the change is undone") {
  writ::testing::TempDir tmp;
  const std::string head = "policy p { combining permissive; }\n"
                           "module m { action view: read; action edit: write; resource docs actions view, edit; }\n"
                           "role partner { holders internal, external; permit m/docs:view; }\n"
                           "assert no_external_edit { never kind external may m/docs:edit; }\n";
  const auto old_p = tmp.write("old.writ", head);
  const auto new_p = tmp.write("new.writ", head + "role helper { holders external; permit m/docs:edit; }\n");
  auto r = run_writ("diff --format json '" + old_p.string() + "' '" + new_p.string() + "'");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out).at("policies")[0];
  bool refuted = false;
  for (const auto& f : j.at("findings"))
    refuted = refuted || (f.at("finding").at("code") == "A040" && f.at("direction") == "gained");
  CHECK(refuted);
  r = run_writ("diff --format json '" + new_p.string() + "' '" + old_p.string() + "'");
  const auto back = nlohmann::json::parse(r.out).at("policies")[0];
  bool gone = false;
  for (const auto& f : back.at("findings")) gone = gone || (f.at("finding").at("code") == "A040" && f.at("direction") == "lost");
  CHECK(gone);
}
