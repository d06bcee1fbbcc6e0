// See test_runner.hpp.
#include "compiler/eval/test_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "compiler/eval/conditions.hpp"
#include "compiler/eval/effective_access.hpp"
#include "compiler/lower/lower.hpp"

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

ir::Request request_of(const ir::Policy& policy, const ir::TestCase& t) {
  ir::Request r = t.request;
  if (r.org_parents.empty()) r.org_parents = policy.organizations;
  return r;
}

bool same_span(const Span& a, const Span& b) { return a.known() && a.file == b.file && a.begin == b.begin; }

}  // namespace

TestResult run_test(const ir::Policy& policy, const ir::TestCase& t) {
  TestResult r;
  r.test = &t;
  r.expected = expect_text(t);
  ir::Request req = request_of(policy, t);
  switch (t.query) {
    case Query::request:
    case Query::assign: {
      Decision d = t.query == Query::request ? decide(policy, req) : may_assign(policy, req, t.assign_role, t.assign_org);
      r.actual = d.allow ? "allow" : "deny";
      r.reasons = std::move(d.reasons);
      r.passed = (t.expect == Expect::allow && r.actual == "allow") || (t.expect == Expect::deny && r.actual == "deny");
      break;
    }
    case Query::validate: {
      r.violations = validate_grant(policy, req, t.validate);
      if (r.violations.empty()) {
        r.actual = "valid";
        r.passed = t.expect == Expect::valid;
      } else {
        r.actual = "invalid";
        for (std::size_t i = 0; i < r.violations.size(); ++i) r.actual += (i ? ", " : " ") + r.violations[i].code;
        // Every expected code must be reported; further violations do not fail the test.
        r.passed = t.expect == Expect::invalid &&
                   std::all_of(t.expect_violations.begin(), t.expect_violations.end(), [&](const std::string& code) {
                     return std::any_of(r.violations.begin(), r.violations.end(), [&](const Violation& v) { return v.code == code; });
                   });
      }
      break;
    }
  }
  return r;
}

TestRun run_tests(const ir::Policy& policy) {
  TestRun run;
  for (const auto& t : policy.tests) {
    run.results.push_back(run_test(policy, t));
    (run.results.back().passed ? run.passed : run.failed)++;
  }
  return run;
}

std::string describe_request(const ir::Policy& policy, const ir::TestCase& t) {
  (void)policy;
  const ir::Request& r = t.request;
  std::vector<std::string> parts;
  parts.push_back(fmt::format("kind {}{}", kind_name(r.principal.kind), r.principal.named ? "" : " (shared)"));
  if (!r.principal.id.empty()) parts.push_back(fmt::format("id {}", r.principal.id));
  if (!r.principal.org.empty()) parts.push_back(fmt::format("org {}", r.principal.org));
  for (const auto& b : r.principal.roles) parts.push_back(fmt::format("role {}{}", b.role, b.org.empty() ? "" : " at " + b.org));
  for (const auto& g : r.principal.grants) {
    std::string roles;
    for (const auto& x : g.roles) roles += (roles.empty() ? "" : ",") + x;
    for (const auto& x : g.custom) roles += (roles.empty() ? "" : ",") + x;
    parts.push_back(fmt::format("grant {}[{}{}{}{}]", g.template_name, roles, g.valid_from ? " from " + lower::format_timestamp(*g.valid_from) : "",
                                g.valid_to ? " to " + lower::format_timestamp(*g.valid_to) : "", g.revoked ? " revoked" : ""));
  }
  parts.push_back(fmt::format("target {}", r.target_org));
  parts.push_back(fmt::format("at {}", lower::format_timestamp(r.at)));
  for (const auto& [k, v] : r.context)
    parts.push_back(fmt::format("context {}={}", k, std::visit([](const auto& x) { return fmt::format("{}", x); }, v)));
  switch (t.query) {
    case Query::request: parts.push_back(fmt::format("request {}/{}:{}", r.module, r.resource, r.action)); break;
    case Query::assign: parts.push_back(fmt::format("assign {}{}", t.assign_role, t.assign_org.empty() ? "" : " at " + t.assign_org)); break;
    case Query::validate: parts.push_back(fmt::format("validate {}", t.validate.template_name)); break;
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

std::vector<Uncovered> coverage(const ir::Policy& policy, const TestRun& run) {
  std::vector<Uncovered> out;
  std::vector<Span> cited;
  for (const auto& r : run.results)
    for (const auto& reason : r.reasons) cited.push_back(reason.span);
  auto is_cited = [&](const Span& s) { return std::any_of(cited.begin(), cited.end(), [&](const Span& c) { return same_span(c, s); }); };
  auto rule = [&](const ir::Rule& r, const std::string& where, const char* verb) {
    if (!is_cited(r.span)) out.push_back({"rule", fmt::format("{}: `{} {}`", where, verb, r.pattern), r.span});
  };

  for (const auto& role : policy.roles)
    for (std::size_t s = 0; s < ir::kOrgScopeCount; ++s) {
      std::string where = fmt::format("role {}{}", role.name, s == 0 ? "" : " (at descendants)");
      for (const auto& r : role.at[s].permits) rule(r, where, "permit");
      for (const auto& r : role.at[s].denies) rule(r, where, "deny");
    }
  for (const auto& l : policy.levels)
    for (const auto& r : l.permits) rule(r, fmt::format("level {}.{}", policy[l.module].name, l.name), "permit");
  for (const auto& t : policy.templates)
    for (const auto& r : t.denies) rule(r, fmt::format("template {}", t.name), "deny");
  for (const auto& f : policy.forbids)
    for (const auto& r : f.denies) rule(r, fmt::format("forbid {}", f.name), "deny");

  // Cells: per role, the permissions its own scope may give that no request test holding it asks.
  for (std::uint32_t i = 0; i < policy.roles.size(); ++i) {
    ir::RoleId role{i};
    ir::PermissionSet may(policy.permission_count());
    for (const auto& c : role_contributions(policy, role, ir::OrgScope::self))
      if (c.kind != Contribution::Kind::deny) may |= c.permissions;
    std::set<std::uint32_t> asked;
    for (const auto& r : run.results) {
      const ir::TestCase& t = *r.test;
      if (t.query != Query::request) continue;
      bool holds = std::any_of(t.request.principal.roles.begin(), t.request.principal.roles.end(),
                               [&](const ir::RoleBinding& b) { return b.role == policy[role].name; });
      if (!holds) continue;
      if (auto p = resolve_permission(policy, t.request, nullptr)) asked.insert(p->value);
    }
    std::vector<std::string> missing;
    for (auto p : may.members())
      if (!asked.count(p.value)) missing.push_back(policy.permission_name(p));
    if (missing.empty()) continue;
    std::string list;
    for (std::size_t k = 0; k < missing.size() && k < 6; ++k) list += (k ? ", " : "") + missing[k];
    if (missing.size() > 6) list += fmt::format(", and {} more", missing.size() - 6);
    out.push_back({"cell", fmt::format("role {}: {} of {} permissions never requested: {}", policy[role].name, missing.size(), may.count(), list), policy[role].span});
  }

  // Limits: each constraint a template declares, and the violation code that shows a test tripped it.
  for (std::uint32_t i = 0; i < policy.templates.size(); ++i) {
    const ir::GrantTemplate& t = policy.templates[i];
    std::set<std::string> seen;
    for (const auto& r : run.results) {
      if (r.test->query == Query::validate && r.test->validate.template_name == t.name)
        for (const auto& v : r.violations) seen.insert(v.code);
      for (const auto& reason : r.reasons)
        if (same_span(reason.span, t.span)) seen.insert(reason.code);
    }
    std::vector<std::pair<std::string, std::string>> limits{{"grantor_not_allowed", "who may grant (granted_by)"}};
    if (!t.grantee_kinds.empty()) limits.emplace_back("grantee_kind_not_allowed", "grantee kinds");
    if (t.valid_to == ir::Presence::required) limits.emplace_back("missing_valid_to", "valid_to required");
    if (t.valid_from == ir::Presence::required) limits.emplace_back("missing_valid_from", "valid_from required");
    if (t.max_duration) limits.emplace_back("duration_above_max", fmt::format("maximum duration {}", lower::format_duration(*t.max_duration)));
    if (std::any_of(t.fields.begin(), t.fields.end(), [](const ir::Field& f) { return f.presence == ir::Presence::required; }) || !t.grantee_id.empty())
      limits.emplace_back("missing_field", "required fields");
    if (!t.preconditions.empty()) limits.emplace_back("precondition_failed", "preconditions");
    if (t.scope_when) limits.emplace_back("scope_outside_template", "scope condition");
    if (t.ceiling_grantor) limits.emplace_back("above_grantor_access", "ceiling grantor");
    if (!t.denies.empty() && t.custom) limits.emplace_back("forbidden_permission", "denied permissions in custom grants");
    if (!t.custom) limits.emplace_back("custom_not_allowed", "no custom permissions");
    limits.emplace_back("role_not_grantable", "grantable roles");
    limits.emplace_back("grant_expired", "expiry at decision time (valid_to exclusive)");
    if (t.revocable) limits.emplace_back("grant_revoked", "revocation");
    for (const auto& [code, what] : limits)
      if (!seen.count(code)) out.push_back({"limit", fmt::format("template {}: {} ({}) is never exercised", t.name, what, code), t.span});
  }
  return out;
}

}  // namespace writ::eval
