// The assignments checks (A050-A052) and `min_holders` proved or refuted (A040) over the files of
// tests/fixtures/assignments/: each check on a file that triggers it, with the binding's and the
// role's spans and a witness replayed through the interpreter directly, and a near miss that must
// stay silent; without the data `min_holders` stays A041.
#include <catch2/catch.hpp>

#include <memory>

#include "compiler/analysis/holders.hpp"
#include "compiler/prove/prove.hpp"
#include "tests/unit/analysis/analysis_support.hpp"

using namespace writ;
using namespace writ::analysis;
using namespace writ::analysis::testing;

namespace {

const std::string kDir = std::string(WRIT_TEST_DIR) + "/fixtures/assignments/";

struct Checked : Analyzed {
  std::optional<ir::Assignments> data;
  std::vector<prove::AssertionResult> proved;

  [[nodiscard]] std::string where(const Span& s) const {
    return s.known() ? c->sources.path(s.file).substr(kDir.size()) + ":" + std::to_string(s.line) + ":" + std::to_string(s.col) : "?";
  }
};

/// policy.writ checked with `file` as its assignments data (none when empty).
Checked check(const std::string& file) {
  Checked out;
  out.c = std::make_unique<driver::Compilation>(driver::compile_file(kDir + "policy.writ"));
  for (const auto& d : out.c->diags.items()) UNSCOPED_INFO(d.message);
  REQUIRE(out.c->ok());
  if (!file.empty()) {
    out.data = driver::load_assignments(out.c->sources, out.c->diags, kDir + file);
    for (const auto& d : out.c->diags.items()) UNSCOPED_INFO(d.message);
    REQUIRE(out.data);
  }
  out.facts = std::make_unique<facts::Facts>(*out.c->policy);
  Options o;
  o.assignments = out.data ? &*out.data : nullptr;
  prove::Options po;
  po.assignments = o.assignments;
  out.proved = prove::prove_all(*out.facts, po);
  out.result = analyze(*out.facts, o, prove::findings(*out.facts, out.proved));
  return out;
}

}  // namespace

TEST_CASE("A050: a shared account bound to a named-accounts role, at the binding, with a replayed witness") {
  auto a = check("a050_trigger.assignments.yaml");
  auto found = a.of(Check::shared_account_holds_named_role);
  REQUIRE(found.size() == 1);
  const Finding& f = *found.front();
  CHECK(a.where(f.primary) == "a050_trigger.assignments.yaml:7:13");
  CHECK(f.args == std::vector<std::string>{"ops", "admin"});
  REQUIRE(f.related.size() == 2);
  CHECK(a.where(f.related[0].first) == "a050_trigger.assignments.yaml:5:9");  // the entry's id
  CHECK(f.related[1].first == a.c->policy->roles.at(0).span);                // admin's declaration
  // The witness: with the binding alone a named account may edit, `ops` as listed may not.
  REQUIRE(f.witness.queries.size() == 2);
  CHECK(f.witness.queries[0].expect_allow);
  CHECK(f.witness.queries[0].request.principal.named);
  CHECK_FALSE(f.witness.queries[1].expect_allow);
  CHECK_FALSE(f.witness.queries[1].request.principal.named);
  CHECK(f.witness.queries[1].request.principal.id == "ops");
  CHECK(f.witness.queries[1].request.action == "edit");
  CHECK(replays(*a.facts, f));
  CHECK(f.severity == Severity::error);
  CHECK(check("a050_near.assignments.yaml").of(Check::shared_account_holds_named_role).empty());
}

TEST_CASE("A051: a binding of a role the policy does not declare") {
  auto a = check("a051_trigger.assignments.yaml");
  auto found = a.of(Check::undefined_role_held);
  REQUIRE(found.size() == 1);
  CHECK(a.where(found[0]->primary) == "a051_trigger.assignments.yaml:4:20");
  CHECK(found[0]->args == std::vector<std::string>{"alice", "admn"});
  CHECK(found[0]->witness.queries.empty());
  CHECK(found[0]->severity == Severity::warning);
  CHECK(check("a051_near.assignments.yaml").of(Check::undefined_role_held).empty());
}

TEST_CASE("A052: a principal whose kind the role's holders exclude, in a JSON file") {
  auto a = check("a052_trigger.assignments.json");
  auto found = a.of(Check::kind_may_not_hold);
  REQUIRE(found.size() == 1);
  const Finding& f = *found.front();
  CHECK(a.where(f.primary) == "a052_trigger.assignments.json:4:65");
  CHECK(f.args == std::vector<std::string>{"eve@partner.example", "external", "vendor", "`vendor_support`"});
  REQUIRE(f.witness.queries.size() == 2);
  CHECK(f.witness.queries[0].request.principal.kind == ir::PrincipalKind::vendor_support);
  CHECK(f.witness.queries[1].request.principal.kind == ir::PrincipalKind::external);
  CHECK(replays(*a.facts, f));
  auto near = check("a052_near.assignments.json");
  CHECK(near.of(Check::kind_may_not_hold).empty());
  CHECK(near.of(Check::shared_account_holds_named_role).empty());
  CHECK(near.of(Check::undefined_role_held).empty());
}

TEST_CASE("without assignments data the checks do not run and min_holders stays undecided (A041)") {
  auto a = check("");
  CHECK(a.of(Check::assertion_refuted).empty());
  auto undecided = a.of(Check::assertion_undecided);
  REQUIRE(undecided.size() == 1);
  CHECK_THAT(undecided[0]->args.at(1), Catch::Contains("--assignments"));
  CHECK(a.of(Check::shared_account_holds_named_role).empty());
}

TEST_CASE("min_holders: proved by two holders, one through a role extending the counted one") {
  auto a = check("min_holders_proved.assignments.yaml");
  REQUIRE(a.proved.size() == 1);
  CHECK(a.proved[0].status == prove::AssertionResult::Status::proved);
  CHECK(a.of(Check::assertion_refuted).empty());
  CHECK(a.of(Check::assertion_undecided).empty());
}

TEST_CASE("min_holders: refuted per organization, counting distinct principals whose binding gives the role") {
  auto a = check("min_holders_refuted.assignments.yaml");
  REQUIRE(a.proved.size() == 1);
  const auto& r = a.proved[0];
  REQUIRE(r.status == prove::AssertionResult::Status::refuted);
  REQUIRE(r.too_few.size() == 1);  // alpha has alice and bob
  CHECK(r.too_few[0].org == "beta");
  REQUIRE(r.too_few[0].holders.size() == 1);  // dave twice is one; erin's shared binding gives nothing
  CHECK(r.too_few[0].holders[0].first == "dave");
  auto found = a.of(Check::assertion_refuted);
  REQUIRE(found.size() == 1);
  const Finding& f = *found.front();
  CHECK(f.args.at(0) == "two_admins");
  CHECK(f.args.at(1) == "1");
  CHECK(f.args.at(2) == "`admin` has 1 holder(s) at `beta` (`dave`), 2 required");
  CHECK(f.primary == a.c->policy->assertions.at(0).span);
  bool cites_dave = false;
  for (const auto& [span, what] : f.related) cites_dave = cites_dave || a.where(span) == "min_holders_refuted.assignments.yaml:15:13";
  CHECK(cites_dave);
  CHECK(a.of(Check::shared_account_holds_named_role).size() == 1);  // erin
}

TEST_CASE("min_holders: refuted when nobody holds the role") {
  auto a = check("min_holders_none.assignments.yaml");
  REQUIRE(a.proved.at(0).status == prove::AssertionResult::Status::refuted);
  auto found = a.of(Check::assertion_refuted);
  REQUIRE(found.size() == 1);
  CHECK(found[0]->args.at(2) == "no principal of the assignments data holds `admin`, 2 required");
}

TEST_CASE("holdings: bindings of the role or of a role extending it, automatic roles, by the holder rules") {
  auto a = check("min_holders_refuted.assignments.yaml");
  const auto& p = *a.c->policy;
  auto admin = *a.facts->role("admin");
  auto partner = *a.facts->role("partner");
  auto held = holdings(*a.facts, *a.data, admin);
  // alice (admin), bob (super_admin at alpha), dave twice; not erin (shared).
  REQUIRE(held.size() == 4);
  CHECK(held[1].org == "alpha");
  CHECK(held[2].org == "beta");
  // `member` is automatic and extends partner: every internal principal holds partner at home.
  auto via_member = holdings(*a.facts, *a.data, partner);
  REQUIRE(via_member.size() == 4);
  CHECK(via_member[0].binding == Holding::kAutomatic);
  CHECK(via_member[0].org == "alpha");
  CHECK(may_hold(p[admin], a.data->principals[0].principal));
  CHECK_FALSE(may_hold(p[admin], a.data->principals[3].principal));
}
