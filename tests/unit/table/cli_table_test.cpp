// `writ build`, `writ inspect` and `writ eval --table` end to end on the seed policies: every
// seed builds and verifies, eval --table gives the decision line and the first reason code of
// `writ eval POLICY`, a damaged table is a one-line input error, and a failed build leaves no file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <regex>
#include <set>

#include <unistd.h>

#include "../cli/cli_support.hpp"

using writ::testing::run_writ;
namespace fs = std::filesystem;

namespace {
fs::path scratch(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("writ-table-cli-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d / name;
}
}  // namespace

TEST_CASE("every seed policy builds into a table that inspect verifies") {
  for (const char* seed : {"vendor_account_access", "partner_managed_accounts", "user_and_account_roles", "vendor_support_access",
                           "multi_org_access_levels"}) {
    INFO(seed);
    const fs::path out = scratch(std::string(seed) + ".writt");
    auto b = run_writ(std::string("build policies/") + seed + " -o " + out.string());
    INFO(b.out << b.err);
    REQUIRE(b.status == 0);
    CHECK(fs::file_size(out) > 64);
    auto i = run_writ("inspect " + out.string());
    CHECK(i.status == 0);
    CHECK_THAT(i.out, Catch::Contains("checksum ok"));
    CHECK_THAT(i.out, Catch::Contains("roles:"));
    // No temporary file is left beside the table.
    for (const auto& e : fs::directory_iterator(out.parent_path())) CHECK(e.path().string().find(".writ-tmp-") == std::string::npos);
  }
}

TEST_CASE("eval --table prints the interpreter's decision and first reason code") {
  const fs::path out = scratch("vsa.writt");
  REQUIRE(run_writ("build policies/vendor_support_access -o " + out.string()).status == 0);
  for (const char* req : {"docs/examples/support_edits_permissions.json", "docs/examples/support_views_integrations.json"}) {
    INFO(req);
    auto ref = run_writ(std::string("eval policies/vendor_support_access --request ") + req);
    auto tab = run_writ("eval --table " + out.string() + " --request " + req);
    REQUIRE(ref.status == 0);
    REQUIRE(tab.status == 0);
    auto first_line = [](const std::string& s) { return s.substr(0, s.find('\n')); };
    CHECK(first_line(ref.out) == first_line(tab.out));
    std::smatch m1, m2;
    REQUIRE(std::regex_search(ref.out, m1, std::regex(R"(\n  (allow|deny) +([a-z_]+):)")));
    REQUIRE(std::regex_search(tab.out, m2, std::regex(R"(\n  (allow|deny) +([a-z_]+)  \[)")));
    CHECK(m1[2] == m2[2]);
  }
}

TEST_CASE("a damaged table is refused with one line and exit 2, a failed build writes nothing") {
  const fs::path out = scratch("damaged.writt");
  REQUIRE(run_writ("build policies/vendor_support_access -o " + out.string()).status == 0);
  {
    std::fstream f(out, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200);
    f.put('\x7f');
  }
  auto i = run_writ("inspect " + out.string());
  CHECK(i.status == 2);
  CHECK_THAT(i.err, Catch::Contains("bad checksum"));
  CHECK(std::count(i.err.begin(), i.err.end(), '\n') == 1);
  auto e = run_writ("eval --table " + out.string() + " --request docs/examples/support_views_integrations.json");
  CHECK(e.status == 2);
  auto bad = run_writ("build tests/fixtures/cli/syntax_error.writ -o " + scratch("never.writt").string());
  CHECK(bad.status == 2);
  CHECK_FALSE(fs::exists(scratch("never.writt")));
  auto nodir = run_writ("build policies/vendor_support_access -o /nonexistent-dir/x.writt");
  CHECK(nodir.status == 2);
}

TEST_CASE("eval --table validates a grant as `writ eval POLICY` does: the same first line and codes") {
  const fs::path out = scratch("vaa.writt");
  REQUIRE(run_writ("build policies/vendor_account_access -o " + out.string()).status == 0);
  // A good grant, then one with several violations (grantor without the admin role, internal
  // grantee, no window, an unknown field, a role the template cannot grant).
  const std::string good = R"({"principal": {"kind": "vendor_support"}, "target": "acme", "organizations": {},
    "validate": {"template": "account_access_rule", "grantee_id": "cra-1",
                 "grantor": {"roles": ["account_admin"]}, "roles": ["viewer"],
                 "valid_from": "2025-01-01T00:00:00Z", "valid_to": "2025-01-02T00:00:00Z"}})";
  const std::string bad = R"({"principal": {"kind": "internal"}, "target": "acme", "organizations": {},
    "validate": {"template": "account_access_rule", "roles": ["viewer", "account_admin"], "custom": ["nosuch/x:y"],
                 "fields": {"zz": "1"}}})";
  for (const std::string& req : {good, bad}) {
    INFO(req);
    const fs::path file = scratch("validate.json");
    std::ofstream(file) << req;
    auto ref = run_writ("eval policies/vendor_account_access --request " + file.string());
    auto tab = run_writ("eval --table " + out.string() + " --request " + file.string());
    INFO(ref.out << ref.err << "---\n" << tab.out << tab.err);
    REQUIRE(ref.status == 0);
    REQUIRE(tab.status == 0);
    auto first_line = [](const std::string& s) { return s.substr(0, s.find('\n')); };
    CHECK(first_line(ref.out) == first_line(tab.out));
    auto codes = [](const std::string& s, const std::regex& line) {
      std::multiset<std::string> out;
      for (std::sregex_iterator it(s.begin(), s.end(), line), end; it != end; ++it) out.insert((*it)[1]);
      return out;
    };
    const auto ref_codes = codes(ref.out, std::regex(R"(\n  ([a-z_]+):)"));
    CHECK(ref_codes == codes(tab.out, std::regex(R"(\n  ([a-z_]+)(?=\n))")));
    CHECK((req == good) == ref_codes.empty());
  }
}
