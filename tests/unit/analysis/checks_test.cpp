// Every check: a fixture that triggers it (code, primary line, related spans, witness replayed
// through the interpreter) and a near miss that must not. tests/fixtures/analysis/ holds them.
#include "tests/unit/analysis/analysis_support.hpp"
#include "compiler/analysis/witness.hpp"

using namespace writ;
using namespace writ::analysis;
using namespace writ::analysis::testing;

namespace {

struct Case {
  const char* fixture;  ///< <fixture>_trigger.writ and <fixture>_near.writ
  Check check;
  std::uint32_t line;   ///< of the primary span
  std::size_t related;  ///< related spans at least
  bool has_request;     ///< the witness carries interpreter queries
};

const Case kCases[] = {
    {"a001", Check::assign_exceeds_assigner, 15, 2, true},
    {"a002", Check::escalation_chain, 12, 2, true},
    {"a003", Check::external_reaches_internal, 16, 2, true},
    {"a004", Check::template_exceeds_grantor, 16, 3, true},
    {"a005", Check::contained_exceeds_assigner, 15, 2, true},
    {"a010", Check::grant_max_above_limit, 14, 1, true},
    {"a011", Check::grant_not_revocable, 14, 0, false},
    {"a011", Check::grant_not_audited, 14, 0, false},
    {"a013", Check::admin_grantable_to_external, 18, 2, true},
    {"a020", Check::role_never_held, 12, 0, true},
    {"a021", Check::unused_level, 15, 0, false},
    {"a022", Check::unused_attribute, 12, 0, false},
    {"a030", Check::above_lacks_permissions, 17, 1, false},
    {"a031", Check::permit_dead_by_deny, 14, 1, true},
    {"a032", Check::requirement_unsatisfiable, 27, 2, true},
};

}  // namespace

TEST_CASE("each check fires on its fixture with spans and a witness the interpreter confirms") {
  for (const auto& k : kCases) {
    INFO(k.fixture << " " << info(k.check).code);
    auto a = analyze_fixture(std::string(k.fixture) + "_trigger");
    auto found = a.of(k.check);
    REQUIRE(found.size() == 1);
    const Finding& f = *found.front();
    CHECK(f.primary.line == k.line);
    CHECK(f.related.size() >= k.related);
    for (const auto& [span, what] : f.related) CHECK(span.known());
    CHECK(f.witness.queries.empty() == !k.has_request);
    CHECK(replays(*a.facts, f));
    CHECK(f.severity == info(k.check).severity);
    CHECK(!f.suppressed);
  }
}

TEST_CASE("each check stays silent on its near miss") {
  for (const auto& k : kCases) {
    INFO(k.fixture << " " << info(k.check).code);
    auto a = analyze_fixture(std::string(k.fixture) + "_near");
    CHECK(a.of(k.check).empty());
  }
}

TEST_CASE("A001 reports exactly the permissions gained, at the scope that gains") {
  auto a = analyze_fixture("a001_trigger");
  auto f = a.of(Check::assign_exceeds_assigner).at(0);
  CHECK(f->permissions.count() == 1);
  const auto& p = *a.c->policy;
  CHECK(p.permission_name(f->permissions.members().front()) == "m/docs:edit");
  CHECK(f->args.at(0) == "lead");
  CHECK(f->args.at(1) == "admin");
  CHECK(f->args.at(4) == "self");
  // The witness: the admin may edit, the lead may not, and the lead may assign admin.
  REQUIRE(f->witness.queries.size() == 3);
  CHECK(f->witness.queries[0].expect_allow);
  CHECK_FALSE(f->witness.queries[1].expect_allow);
  CHECK(f->witness.queries[2].kind == Query::Kind::assign);
}

TEST_CASE("A001 compares an assignment below the assigner's organization with its access there") {
  auto a = analyze_fixture("a001_below");
  auto found = a.of(Check::assign_exceeds_assigner);
  REQUIRE(found.size() == 1);
  const Finding& f = *found.front();
  CHECK(f.args.at(0) == "lead");
  CHECK(f.args.at(1) == "admin");
  CHECK(f.args.at(4).rfind("descendants (assigned below", 0) == 0);
  CHECK(f.permissions.count() == 2);
  // The witness: admin held where it is assigned may edit; lead, held above, may not there; and
  // lead may assign admin there.
  REQUIRE(f.witness.queries.size() == 3);
  CHECK(f.witness.queries[1].request.target_org != f.witness.queries[1].request.principal.roles.at(0).org);
  CHECK(f.witness.queries[2].kind == Query::Kind::assign);
  CHECK(f.witness.queries[2].request.target_org == f.witness.queries[1].request.target_org);
  CHECK(replays(*a.facts, f));
  // Near misses: the assigner holds the access below too, or assigns only in its own organization.
  CHECK(analyze_fixture("a001_below_near").of(Check::assign_exceeds_assigner).empty());
}

TEST_CASE("an edge marked intended in the policy silences A001, the same edge unmarked reports") {
  auto marked = analyze_fixture("a001_intended");
  const auto& p = *marked.c->policy;
  REQUIRE(p[p.roles.at(1).assigned_by.at(0)].intended == "leads appoint the admins");
  CHECK(marked.of(Check::assign_exceeds_assigner).empty());
  CHECK(marked.of(Check::contained_exceeds_assigner).empty());
  CHECK(analyze_fixture("a001_trigger").of(Check::assign_exceeds_assigner).size() == 1);
}

TEST_CASE("a granted_by edge marked intended silences A004, the same edge unmarked reports") {
  auto marked = analyze_fixture("a004_intended");
  const auto& p = *marked.c->policy;
  REQUIRE(p[p.templates.at(0).granted_by.at(0)].intended == "helpers lend the editor role on purpose");
  CHECK(marked.of(Check::template_exceeds_grantor).empty());
  CHECK(analyze_fixture("a004_trigger").of(Check::template_exceeds_grantor).size() == 1);
}

TEST_CASE("a contained edge that gives more than the assigner holds is A005, not A001") {
  auto a = analyze_fixture("a005_trigger");
  const auto& p = *a.c->policy;
  REQUIRE(p[p.roles.at(1).assigned_by.at(0)].contained);
  CHECK(a.of(Check::assign_exceeds_assigner).empty());
  auto f = a.of(Check::contained_exceeds_assigner).at(0);
  CHECK(f->args.at(0) == "lead");
  CHECK(f->args.at(1) == "admin");
  CHECK(p.permission_name(f->permissions.members().front()) == "m/docs:edit");
  CHECK(f->severity == Severity::error);
}

TEST_CASE("A002 is silent on a chain whose first step already gains all of it, which A001 reports") {
  auto a = analyze_fixture("a002_first_step");
  CHECK(a.of(Check::escalation_chain).empty());
  auto one = a.of(Check::assign_exceeds_assigner);
  CHECK(std::any_of(one.begin(), one.end(), [](const Finding* f) { return f->args.at(0) == "a" && f->args.at(1) == "b"; }));
  // The chain of the trigger fixture gains more than its first step: reported.
  CHECK(analyze_fixture("a002_trigger").of(Check::escalation_chain).size() == 1);
}

TEST_CASE("A002 takes no step along an intended edge") {
  auto a = analyze_fixture("a002_intended");
  CHECK(a.of(Check::escalation_chain).empty());
  CHECK(a.of(Check::assign_exceeds_assigner).empty());
  CHECK(analyze_fixture("a002_trigger").of(Check::escalation_chain).size() == 1);
}

TEST_CASE("A002's witness is the shortest chain, every step replayed") {
  auto a = analyze_fixture("a002_trigger");
  auto f = a.of(Check::escalation_chain).at(0);
  REQUIRE(f->witness.chain.size() == 3);
  CHECK(f->witness.chain[0].role == "a");
  CHECK(f->witness.chain[1].role == "b");
  CHECK(f->witness.chain[2].role == "c");
  CHECK(f->args.at(2) == "2");
  // two contrasting decisions and one assignment per step
  CHECK(f->witness.queries.size() == 4);
}

TEST_CASE("A004 custom grants without a ceiling exceed a grantor lacking the permission") {
  auto a = analyze_fixture("a004_trigger", [](ir::Policy& p) {
    p.templates[0].grantable_roles.clear();
    p.templates[0].custom = true;
  });
  auto found = a.of(Check::template_exceeds_grantor);
  REQUIRE(found.size() == 1);
  CHECK(found[0]->args.at(2) == "custom permissions");
  CHECK(replays(*a.facts, *found[0]));
}

TEST_CASE("a witness the interpreter contradicts fails the replay") {
  // The analysis keeps only findings whose witness `confirm` accepts; flipping one expectation
  // must make both the analysis' replay and the test's own replay reject it.
  auto a = analyze_fixture("a001_trigger");
  Finding f = *a.of(Check::assign_exceeds_assigner).at(0);
  CHECK(confirm(*a.facts, f.witness));
  f.witness.queries[1].expect_allow = true;
  CHECK_FALSE(confirm(*a.facts, f.witness));
  CHECK_FALSE(replays(*a.facts, f));
}

TEST_CASE("A001 near miss: an assigner holding what it assigns is silent, with no automatic role masking it") {
  auto a = analyze_fixture("a001_near_assigned");
  for (const auto* f : a.of(Check::assign_exceeds_assigner)) CHECK(f->args.at(0) != "lead");
  // boss (automatic, holding nothing) assigning lead is a real finding
  CHECK(a.of(Check::assign_exceeds_assigner).size() == 1);
}

TEST_CASE("A032 is what it says: no principal, whatever roles it holds, meets the requirement") {
  auto a = analyze_fixture("a032_trigger");
  const auto* f = a.of(Check::requirement_unsatisfiable).at(0);
  const auto& p = *a.c->policy;
  CHECK(f->args.at(1) == "editor");
  CHECK(f->args.at(3) == "portal >= full");
  std::uint32_t rule = 0;
  for (std::uint32_t i = 0; i < p.rules.size(); ++i)
    if (p.rules[i].span.line == 27) rule = i;
  // The witness holds every role of its kind assigning a level of `m`, and the requirement is unmet.
  const auto d = eval::decide(*a.facts, f->witness.queries.at(0).request);
  CHECK(std::any_of(d.reasons.begin(), d.reasons.end(),
                    [&](const eval::Reason& r) { return r.code == eval::ReasonCode::requirement_unmet && r.rule && r.rule->value == rule; }));
  // Every set of roles, kind and scope: the permit never allows.
  for (std::uint32_t mask = 0; mask < (1u << p.roles.size()); ++mask) {
    std::vector<ir::RoleId> held;
    for (std::uint32_t r = 0; r < p.roles.size(); ++r)
      if (mask >> r & 1u) held.push_back(ir::RoleId{r});
    for (auto k : ir::all_of<ir::PrincipalKind>())
      for (auto s : ir::all_of<ir::OrgScope>()) {
        const auto dd = eval::decide(*a.facts, make_request(p, k, held, s, "m/docs:edit"));
        CHECK(std::none_of(dd.reasons.begin(), dd.reasons.end(), [&](const eval::Reason& r) {
          return r.effect == eval::Effect::allow && r.rule && r.rule->value == rule;
        }));
      }
  }
}

TEST_CASE("A032's near miss: a principal holding both roles is allowed through the permit") {
  auto a = analyze_fixture("a032_near");
  const auto& p = *a.c->policy;
  const auto d = eval::decide(*a.facts, make_request(p, ir::PrincipalKind::internal, {*a.facts->role("editor"), *a.facts->role("partner")},
                                                     ir::OrgScope::self, "m/docs:edit"));
  CHECK(d.allow);
}
