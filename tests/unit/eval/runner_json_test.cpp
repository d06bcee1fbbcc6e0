// docs/semantics.md §10 (the test runner and coverage) and docs/request-format.md (request JSON).
#include "compiler/eval/test_runner.hpp"
#include "compiler/request/request_json.hpp"
#include "compiler/eval/who_can.hpp"
#include "compiler/ir/print.hpp"
#include "tests/unit/eval/eval_support.hpp"

using namespace writ;
using namespace writ::eval;
using namespace writ::eval::testing;

namespace {
const char* kPolicy = R"(
role r { permit m/docs:view; deny m/docs:delete; }
role unused { permit m/users:edit; }
template t { grantee internal; granted_by r; valid_to required; duration max 1d; grants unused; }

test passes "r views" { role r; target client; request m/docs:view; expect allow; }
test fails "r edits" { role r; target client; request m/docs:edit; expect allow; }
test too_long {
  role r;
  target client;
  validate t { grantor_role r; roles unused; from 2025-01-01T00:00:00Z; to 2025-01-03T00:00:00Z; }
  expect invalid duration_above_max;
}
test assigns { role r; assign unused; expect deny; }
)";
}

TEST_CASE("§10 run_tests: passes and failures with expected vs actual", "[eval][runner]") {
  auto p = compile(kPolicy);
  auto run = run_tests(p, p.suite());
  REQUIRE(run.results.size() == 4);
  CHECK(run.passed == 3);
  CHECK(run.failed == 1);
  const auto& fail = run.results[1];
  CHECK_FALSE(fail.passed);
  CHECK(fail.expected == "allow");
  CHECK(fail.actual == "deny");
  CHECK(has_reason(fail.decision, "no_rule"));
  CHECK(run.results[2].actual.find("duration_above_max") != std::string::npos);
  CHECK(report::describe_request(*fail.test).find("request m/docs:edit") != std::string::npos);
}

TEST_CASE("§10 coverage lists rules, cells and limits no test exercises", "[eval][runner]") {
  auto p = compile(kPolicy);
  auto run = run_tests(p, p.suite());
  auto missing = coverage(p, p.suite(), run);
  auto mentions = [&](const std::string& kind, const std::string& text) {
    for (const auto& u : missing) {
      const std::string line = report::uncovered_text(p.policy(), u);
      if (line.find("uncovered " + kind) == 0 && line.find(text) != std::string::npos) return true;
    }
    return false;
  };
  CHECK(mentions("rule", "deny m/docs:delete"));
  CHECK(mentions("rule", "permit m/users:edit"));
  CHECK_FALSE(mentions("rule", "permit m/docs:view"));
  CHECK(mentions("cell", "role unused"));
  CHECK(mentions("limit", "grantor_not_allowed"));
  CHECK_FALSE(mentions("limit", "duration_above_max"));
}

TEST_CASE("request JSON: full document round trip", "[eval][json]") {
  std::string text = R"({
    "principal": {"id": "a", "kind": "vendor_support", "named": false, "org": "partner",
      "roles": ["r", {"role": "q", "org": "client"}],
      "grants": [{"template": "t", "grantee_id": "x", "grantor": {"kind": "internal", "roles": ["r"]},
                  "roles": ["unused"], "custom": ["m/docs:view"], "valid_from": "2025-03-01T00:00:00Z",
                  "valid_to": 1741219200, "org": "client", "fields": {"reason": "why"}, "revoked": true}]},
    "target": "client", "organizations": {"partner": "", "client": "partner", "top": null},
    "at": "2025-03-02T00:00:00Z", "context": {"env": "sandbox", "flag": true, "seats": 3},
    "permission": "m/users/perms:edit"
  })";
  std::string error;
  auto doc = request_from_json(text, error);
  INFO(error);
  REQUIRE(doc);
  const ir::Request& r = doc->request;
  CHECK(doc->query == RequestDocument::Query::decide);
  CHECK(r.principal.kind == ir::PrincipalKind::vendor_support);
  CHECK_FALSE(r.principal.named);
  CHECK(r.principal.roles.size() == 2);
  CHECK(r.principal.roles[1].org == "client");
  REQUIRE(r.principal.grants.size() == 1);
  CHECK(r.principal.grants[0].revoked);
  CHECK(*r.principal.grants[0].valid_to == 1741219200);
  REQUIRE(r.org_parents);
  CHECK(r.org_parents->at("top").empty());
  CHECK(r.module == "m");
  CHECK(r.resource == "users/perms");
  CHECK(r.action == "edit");
  CHECK(std::get<std::int64_t>(r.context.at("seats")) == 3);
  auto again = request_from_json(request_to_json(r), error);
  INFO(error);
  REQUIRE(again);
  CHECK(again->request == r);
}

TEST_CASE("request JSON: malformed input gives a path-qualified error", "[eval][json][fail-closed]") {
  std::string error;
  CHECK_FALSE(request_from_json("{", error));
  CHECK(error.find("not valid JSON") != std::string::npos);
  CHECK_FALSE(request_from_json(R"({"principal": {"roles": [1]}})", error));
  CHECK(error.find("$.principal.roles[0]") != std::string::npos);
  CHECK_FALSE(request_from_json(R"({"principal": {"kind": "alien"}})", error));
  CHECK(error.find("$.principal.kind") != std::string::npos);
  CHECK_FALSE(request_from_json(R"({"surprise": 1})", error));
  CHECK(error.find("unknown key `surprise`") != std::string::npos);
  CHECK_FALSE(request_from_json(R"({"at": "yesterday"})", error));
  CHECK_FALSE(request_from_json(R"({"permission": "nocolon"})", error));
  CHECK_FALSE(request_from_json(R"({"permission": "m/docs:view", "assign": {"role": "r"}})", error));
  CHECK_FALSE(request_from_json(R"({"context": {"x": [1]}})", error));
  auto none = request_from_json("{}", error);
  REQUIRE(none);
  CHECK(none->query == RequestDocument::Query::none);
}

TEST_CASE("who_can lists roles, scopes, templates and blockers", "[eval][who-can]") {
  auto p = compile(R"(
    role a { permit m/docs:edit requires w >= basic; }
    role b { holders internal, external; at descendants { level m = l1; } }
    role c { permit m/docs:view; }
    template t { grantee external; granted_by c; valid_to required; grants b; scope descendants; ceiling grantor; }
    forbid f { applies_to kind external; deny m/docs:edit; }
  )");
  ir::Request r;
  REQUIRE(set_permission(r, "m/docs:edit"));
  auto perm = resolve_permission(p, r, nullptr);
  REQUIRE(perm);
  const WhoCan w = who_can(p, *perm);
  auto find = [&](WhoCanPath::Via via, const std::string& role) -> const WhoCanPath* {
    for (const auto& path : w.paths)
      if (path.via == via && p->roles[path.role.value].name == role) return &path;
    return nullptr;
  };
  const WhoCanPath* a = find(WhoCanPath::Via::role, "a");
  REQUIRE(a);
  REQUIRE(a->requirements.size() == 1);
  CHECK(ir::requirement_text(p, a->requirements[0]) == "w >= basic");
  CHECK(a->scope == ir::OrgScope::self);
  const WhoCanPath* b = find(WhoCanPath::Via::role, "b");
  REQUIRE(b);
  CHECK(b->scope == ir::OrgScope::descendants);
  REQUIRE(b->level);
  CHECK(ir::level_name(p, *b->level) == "m.l1");
  const WhoCanPath* via_t = find(WhoCanPath::Via::template_role, "b");
  REQUIRE(via_t);
  CHECK(p->templates[via_t->template_->value].name == "t");
  CHECK_FALSE(find(WhoCanPath::Via::role, "c"));
  REQUIRE(w.forbids.size() == 1);
  const std::string text = report::who_can_text(p, p.compilation().sources, w);
  CHECK(text.find("if:       requires w >= basic") != std::string::npos);
  CHECK(text.find("unless:   forbid f (applies to kind external)") != std::string::npos);
  CHECK(text.find("template t -> role b") != std::string::npos);
}
