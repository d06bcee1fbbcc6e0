// writ test --mutate as values (compiler/mutate/run.hpp): a test that asks a rule's permission
// kills the mutants of that rule; a rule no test asks leaves a survivor whose example request the
// policy and the mutant decide differently; a mutant that changes nothing any request can see is
// equivalent and not counted against the score.
#include <catch2/catch.hpp>

#include <algorithm>

#include "compiler/driver/compile.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/mutate/mutants.hpp"
#include "compiler/mutate/run.hpp"

using namespace writ;

namespace {

const std::string kPolicy = R"(
policy p { combining permissive; }
module m {
  action view: read;
  action edit: write;
  resource docs actions view, edit;
  resource keys actions view, edit;
}
role viewer { permit m/docs:view; permit m/docs:view as again; }
role editor { permit m/keys:edit; }
test viewer_views { role viewer; request m/docs:view; expect allow; }
test viewer_cannot_edit { role viewer; request m/docs:edit; expect deny; }
)";

}  // namespace

TEST_CASE("killed, survived with a confirmed example, and equivalent mutants") {
  auto c = driver::compile_text("p.writ", kPolicy);
  REQUIRE(c.ok());
  const auto run = mutate::run(*c.policy, c.suite);
  REQUIRE(run.mutants.size() > 3);
  CHECK(run.killed + run.survived + run.equivalent + run.undecided == run.mutants.size());
  CHECK(run.baseline_failures == 0);
  auto find = [&](const std::string& text) {
    return std::find_if(run.mutants.begin(), run.mutants.end(),
                        [&](const mutate::MutantResult& m) { return m.description.find(text) != std::string::npos; });
  };
  // Removing one of two equal permits changes no decision: equivalent.
  auto dup = find("remove rule again");
  REQUIRE(dup != run.mutants.end());
  CHECK(dup->status == mutate::MutantResult::Status::equivalent);
  // Widening viewer's permit to every action is what viewer_cannot_edit catches.
  auto widen = find("widen role viewer at self permit m/docs:view to every action");
  REQUIRE(widen != run.mutants.end());
  CHECK(widen->status == mutate::MutantResult::Status::killed);
  CHECK(widen->killed_by == "viewer_cannot_edit");
  // Nobody tests editor: removing its permit survives, with an example the two decide apart.
  auto removed = find("remove role editor at self permit m/keys:edit");
  REQUIRE(removed != run.mutants.end());
  REQUIRE(removed->status == mutate::MutantResult::Status::survived);
  REQUIRE(removed->example);
  const facts::Facts original(*c.policy);
  CHECK(eval::decide(original, *removed->example).allow);
  mutate::for_each_mutant(*c.policy, [&](mutate::Mutant&& m) {
    if (m.description != removed->description) return;
    const facts::Facts mutated(m.policy);
    CHECK_FALSE(eval::decide(mutated, *removed->example).allow);
  });
  // The score leaves the equivalent mutants out.
  const double expected = 100.0 * static_cast<double>(run.killed) / static_cast<double>(run.mutants.size() - run.equivalent);
  CHECK(run.score() == Approx(expected));
  CHECK(run.score() < 100.0);
}

TEST_CASE("a test that fails on the policy itself kills nothing") {
  auto text = kPolicy;
  text.replace(text.find("request m/docs:edit; expect deny;"), std::string("request m/docs:edit; expect deny;").size(),
               "request m/docs:edit; expect allow;");
  auto c = driver::compile_text("p.writ", text);
  REQUIRE(c.ok());
  const auto run = mutate::run(*c.policy, c.suite);
  CHECK(run.baseline_failures == 1);
  for (const auto& m : run.mutants) CHECK(m.killed_by != "viewer_cannot_edit");
}

TEST_CASE("a mutant that only changes a grant template's limits is undecided, never called equivalent") {
  auto text = kPolicy + R"(
role admin { assigned_by admin; permit m/**:*; }
template t {
  grantee internal;
  granted_by admin;
  valid_to required;
  duration max 30d;
  grants viewer;
  scope self;
  ceiling grantor;
  revocable;
  audited;
}
)";
  auto c = driver::compile_text("p.writ", text);
  REQUIRE(c.ok());
  const auto run = mutate::run(*c.policy, c.suite);
  auto it = std::find_if(run.mutants.begin(), run.mutants.end(),
                         [](const mutate::MutantResult& m) { return m.op == "lengthen-maximum"; });
  REQUIRE(it != run.mutants.end());
  CHECK(it->status == mutate::MutantResult::Status::undecided);
  CHECK(it->change.find("max_duration") != std::string::npos);
  CHECK_FALSE(it->example);
}
