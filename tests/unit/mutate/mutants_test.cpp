// The mutants of a policy (compiler/mutate/mutants.hpp): every operator fires where it applies,
// the list is the same on every run, and each mutant changes exactly what it says.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "compiler/driver/compile.hpp"
#include "compiler/mutate/mutants.hpp"

using namespace writ;

namespace {

const std::string kPolicy = R"(
policy p { combining permissive; }
attribute flag: bool;
module m {
  action view: read;
  action edit, delete: write;
  resource docs actions view, edit, delete;
  resource keys actions view, edit;
  level reader { permit m/docs:view; }
  level writer { permit m/docs:{view, edit}; }
}
role admin { assigned_by admin; permit m/**:*; }
role editor {
  holders internal, external;
  assigned_by admin when context.flag;
  permit m/docs:{view, edit} when context.flag;
  deny m/docs:delete;
  level m = reader;
}
forbid no_keys { applies_to kind external; deny m/keys:edit; deny m/keys:view when context.flag; reason "x"; }
template t {
  grantee external;
  granted_by admin;
  valid_to required;
  duration max 30d;
  grants editor;
  scope self;
  ceiling grantor;
  revocable;
  audited;
}
)";

std::vector<mutate::Mutant> all(const ir::Policy& p) {
  std::vector<mutate::Mutant> out;
  mutate::for_each_mutant(p, [&](mutate::Mutant&& m) { out.push_back(std::move(m)); });
  return out;
}

}  // namespace

TEST_CASE("every operator fires where it applies, in the same order every time") {
  auto c = driver::compile_text("p.writ", kPolicy);
  REQUIRE(c.ok());
  const auto ms = all(*c.policy);
  std::map<std::string, int> ops;
  for (const auto& m : ms) ++ops[m.op];
  for (const char* op : {"remove-rule", "remove-deny", "remove-forbid", "remove-edge", "drop-condition", "drop-holder",
                         "drop-ceiling", "lengthen-maximum", "widen-module", "widen-actions", "narrow", "swap-level",
                         "flip-combining"})
    CHECK(ops[op] > 0);
  const auto again = all(*c.policy);
  REQUIRE(again.size() == ms.size());
  for (std::size_t i = 0; i < ms.size(); ++i) CHECK(again[i].description == ms[i].description);
  std::set<std::string> descriptions;
  for (const auto& m : ms) descriptions.insert(m.description);
  CHECK(descriptions.size() == ms.size());  // no mutant twice
}

TEST_CASE("each mutant changes what it says and nothing else") {
  auto c = driver::compile_text("p.writ", kPolicy);
  REQUIRE(c.ok());
  const ir::Policy& p = *c.policy;
  const auto editor = *p.find(p.role_by_name, "editor");
  for (const auto& m : all(p)) {
    INFO(m.description);
    const auto& q = m.policy;
    if (m.op == "flip-combining") CHECK(q.combining == ir::Combining::deny_overrides);
    if (m.op == "drop-ceiling") CHECK_FALSE(q.templates[0].ceiling_grantor);
    if (m.op == "lengthen-maximum") CHECK(*q.templates[0].max_duration == 2 * *p.templates[0].max_duration);
    if (m.op == "remove-forbid") {
      CHECK(q.forbids[0].denies.empty());
      CHECK(q.forbids[0].covers.empty());
    }
    if (m.op == "remove-deny" && m.description.find("forbid") != std::string::npos) {
      REQUIRE(q.forbids[0].denies.size() == 1);
      CHECK(q.forbids[0].covers == q.rules[q.forbids[0].denies[0].value].permissions);
    }
    if (m.op == "drop-holder" && m.description.find("role editor") == 0) CHECK(q[editor].holders.size() == 1);
    if (m.op == "swap-level") CHECK(q[editor].at[0].levels[0].level.value != p[editor].at[0].levels[0].level.value);
    if (m.op == "widen-module") {
      bool widened = false;
      for (std::size_t i = 0; i < p.rules.size(); ++i)
        if (!(q.rules[i].permissions == p.rules[i].permissions)) {
          widened = true;
          CHECK(q.rules[i].permissions.members().size() == 5);  // every permission of m
        }
      CHECK(widened);
    }
    // Ids stay valid: the mutant has as many entities as the policy.
    CHECK(q.rules.size() == p.rules.size());
    CHECK(q.roles.size() == p.roles.size());
  }
}
