// See test_runner.hpp.
#include "compiler/eval/test_runner.hpp"

#include <algorithm>
#include <set>

#include "compiler/eval/interpreter.hpp"

namespace writ::eval {
namespace {

using Expect = ir::TestCase::Expect;
using Query = ir::TestCase::Query;

std::string expect_text(const ir::TestCase& t) {
  switch (t.expect) {
    case Expect::allow: return "allow";
    case Expect::deny: return "deny";
    case Expect::valid: return "valid";
    case Expect::invalid: {
      std::string out = "invalid";
      for (std::size_t i = 0; i < t.expect_violations.size(); ++i) out += (i ? ", " : " ") + t.expect_violations[i];
      return out;
    }
  }
  return "?";
}

}  // namespace

ir::Request test_request(const ir::TestSuite& suite, const ir::TestCase& t) {
  ir::Request r = t.request;
  if (!r.org_parents) r.org_parents = suite.organizations;
  return r;
}

TestResult run_test(const facts::Facts& facts, const ir::TestSuite& suite, const ir::TestCase& t) {
  TestResult r;
  r.test = &t;
  r.expected = expect_text(t);
  const ir::Request req = test_request(suite, t);
  switch (t.query) {
    case Query::request:
    case Query::assign: {
      r.decision = t.query == Query::request ? decide(facts, req) : may_assign(facts, req, t.assign_role, t.assign_org);
      r.actual = r.decision.allow ? "allow" : "deny";
      r.passed = (t.expect == Expect::allow && r.decision.allow) || (t.expect == Expect::deny && !r.decision.allow);
      break;
    }
    case Query::validate: {
      r.violations = validate_grant(facts, req, t.validate);
      if (r.violations.empty()) {
        r.actual = "valid";
        r.passed = t.expect == Expect::valid;
      } else {
        r.actual = "invalid";
        for (std::size_t i = 0; i < r.violations.size(); ++i) r.actual += (i ? ", " : " ") + std::string(code_name(r.violations[i].code));
        // Every expected code must be reported; further violations do not fail the test.
        r.passed = t.expect == Expect::invalid && std::all_of(t.expect_violations.begin(), t.expect_violations.end(), [&](const std::string& code) {
                     return std::any_of(r.violations.begin(), r.violations.end(), [&](const Violation& v) { return code_name(v.code) == code; });
                   });
      }
      break;
    }
  }
  return r;
}

TestRun run_tests(const facts::Facts& facts, const ir::TestSuite& suite) {
  TestRun run;
  for (const auto& t : suite.tests) {
    run.results.push_back(run_test(facts, suite, t));
    (run.results.back().passed ? run.passed : run.failed)++;
  }
  return run;
}

std::vector<Uncovered> coverage(const facts::Facts& facts, const ir::TestSuite& suite, const TestRun& run) {
  (void)suite;
  const ir::Policy& policy = facts.policy();
  std::vector<Uncovered> out;
  std::vector<bool> cited(policy.rules.size(), false);
  for (const auto& r : run.results)
    for (const auto& reason : r.decision.reasons)
      if (reason.rule && reason.rule->value < cited.size()) cited[reason.rule->value] = true;
  for (std::uint32_t i = 0; i < policy.rules.size(); ++i)
    if (!cited[i]) {
      Uncovered u;
      u.kind = Uncovered::Kind::rule;
      u.rule = ir::RuleId{i};
      out.push_back(u);
    }

  // Cells: per role, the permissions its own scope may give that no request test holding it asks.
  for (std::uint32_t i = 0; i < policy.roles.size(); ++i) {
    const ir::RoleId role{i};
    ir::PermissionSet may;
    facts.for_each_in_closure(role, [&](std::uint32_t q) { may |= facts.own(ir::RoleId{q}, ir::OrgScope::self).may_allow; });
    ir::PermissionSet asked;
    for (const auto& r : run.results) {
      const ir::TestCase& t = *r.test;
      if (t.query != Query::request) continue;
      const bool holds = std::any_of(t.request.principal.roles.begin(), t.request.principal.roles.end(),
                                     [&](const ir::RoleBinding& b) { return b.role == policy[role].name; });
      if (!holds) continue;
      if (auto p = resolve_permission(policy, t.request, nullptr)) asked.insert(*p);
    }
    const ir::PermissionSet missing = may - asked;
    if (missing.empty()) continue;
    Uncovered u;
    u.kind = Uncovered::Kind::cell;
    u.role = role;
    u.permissions = missing.members();
    u.of = may.count();
    out.push_back(std::move(u));
  }

  // Limits: each constraint a template declares, and the code that shows a test tripped it.
  for (std::uint32_t i = 0; i < policy.templates.size(); ++i) {
    const ir::TemplateId tid{i};
    const ir::GrantTemplate& t = policy[tid];
    std::set<std::string_view> seen;
    for (const auto& r : run.results) {
      if (r.test->query == Query::validate && r.test->validate.template_name == t.name)
        for (const auto& v : r.violations) seen.insert(code_name(v.code));
      for (const auto& reason : r.decision.reasons)
        if (reason.template_ == tid) seen.insert(code_name(reason.code));
    }
    std::vector<std::string_view> limits{"grantor_not_allowed", "role_not_grantable", "grant_expired"};
    if (!t.grantee_kinds.empty()) limits.push_back("grantee_kind_not_allowed");
    if (!t.grantee_requires.empty()) limits.push_back("grantee_role_missing");
    if (t.valid_to == ir::Presence::required) limits.push_back("missing_valid_to");
    if (t.valid_from == ir::Presence::required) limits.push_back("missing_valid_from");
    if (t.max_duration) limits.push_back("duration_above_max");
    if (std::any_of(t.fields.begin(), t.fields.end(), [](const ir::Field& f) { return f.presence == ir::Presence::required; }) || !t.grantee_id.empty())
      limits.push_back("missing_field");
    if (!t.preconditions.empty()) limits.push_back("precondition_failed");
    if (!t.scope_when.always()) limits.push_back("scope_outside_template");
    if (t.ceiling_grantor) limits.push_back("above_grantor_access");
    if (!t.denies.empty() && t.custom) limits.push_back("forbidden_permission");
    if (!t.custom) limits.push_back("custom_not_allowed");
    if (t.revocable) limits.push_back("grant_revoked");
    for (auto code : limits)
      if (!seen.count(code)) {
        Uncovered u;
        u.kind = Uncovered::Kind::limit;
        u.template_ = tid;
        u.code = std::string(code);
        out.push_back(std::move(u));
      }
  }
  return out;
}

}  // namespace writ::eval
