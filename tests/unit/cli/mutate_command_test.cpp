// `writ test --mutate` end to end: the score line, each survivor with its span and a request to
// test, exit 1 while a mutant survives and 0 once every non-equivalent mutant is killed.
#include <catch2/catch.hpp>

#include "tests/unit/cli/cli_support.hpp"

using writ::testing::run_writ;
using writ::testing::TempDir;

namespace {

const std::string kPolicy = R"(policy p { combining permissive; }
module m {
  action view: read;
  action edit: write;
  resource docs actions view, edit;
}
role viewer { permit m/docs:view; }
role editor { permit m/docs:edit; }
test viewer_views { role viewer; request m/docs:view; expect allow; }
test viewer_cannot_edit { role viewer; request m/docs:edit; expect deny; }
)";

}  // namespace

TEST_CASE("test --mutate: a rule no test pins down is listed with a request, and fails the run") {
  TempDir tmp;
  const auto p = tmp.write("p.writ", kPolicy);
  const auto r = run_writ("test --mutate '" + p.string() + "'");
  CHECK(r.status == 1);
  CHECK(r.out.find("survived " + p.string() + ":8:15: remove-rule: remove role editor at self permit m/docs:edit") != std::string::npos);
  CHECK(r.out.find("test it: {") != std::string::npos);
  CHECK(r.out.find("mutation score of " + p.string() + ":") != std::string::npos);
  CHECK(r.out.find("2 passed, 0 failed") != std::string::npos);  // the tests themselves pass
}

TEST_CASE("test --mutate: every non-equivalent mutant killed is 100% and exit 0") {
  TempDir tmp;
  const auto p = tmp.write("p.writ", kPolicy + "test editor_edits { role editor; request m/docs:edit; expect allow; }\n"
                                                "test editor_cannot_view { role editor; request m/docs:view; expect deny; }\n");
  const auto r = run_writ("test --mutate '" + p.string() + "'");
  INFO(r.out);
  CHECK(r.status == 0);
  CHECK(r.out.find("mutation score of " + p.string() + ": 100.0%") != std::string::npos);
  CHECK(r.out.find("0 survived") != std::string::npos);
  // -v lists every mutant, killed ones with their test.
  const auto v = run_writ("test --mutate -v '" + p.string() + "'");
  CHECK(v.out.find("killed by viewer_cannot_edit") != std::string::npos);
  CHECK(v.out.find("equivalent ") != std::string::npos);  // flipping the combining rule changes nothing here
}
