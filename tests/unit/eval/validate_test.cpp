// docs/semantics.md §7: grant validation, one TEST_CASE per violation code.
#include "tests/unit/eval/eval_support.hpp"

using namespace writ;
using namespace writ::eval;
using namespace writ::eval::testing;
using K = ir::PrincipalKind;

namespace {

const char* kPolicy = R"(
role owner { permit m/**:*; permit w/**:*; }
role admin { permit m/**:*; }
role limited { permit m/docs:view; }
role support_full { holders vendor_support; permit m/**:*; }
role support_view { holders vendor_support, external; permit m/docs:view; }
forbid x { applies_to role owner; deny w/panel:run; }

template access {
  grantee vendor_support;
  grantee_id cra;
  granted_by owner, admin;
  granted_by anyone when context.flag;
  field reason optional;
  field requested_by required;
  valid_from optional;
  valid_to required;
  duration default 5d max 180d;
  grants support_full, support_view;
  grants custom;
  ceiling grantor;
  precondition context.tier not in ["free", "trial"];
  scope when context.env == "production";
  deny m/users/perms:@write;
}

template fixed {
  grantee external;
  granted_by owner;
  valid_from required;
  valid_to optional;
  duration max 10d;
  grants support_view;
}
)";

ir::GrantInstance good() {
  ir::GrantInstance g;
  g.template_name = "access";
  g.grantee_id = "cra-1";
  g.grantor_roles = {{"admin", ""}};
  g.roles = {"support_view"};
  g.valid_from = ts("2025-03-01T00:00:00Z");
  g.valid_to = ts("2025-03-06T00:00:00Z");
  g.fields = {{"requested_by", "bob"}};
  return g;
}

ir::Request ctx(const TestPolicy& p) {
  Req q(p, "m/docs:view");
  q.kind(K::vendor_support).at("2025-03-01T00:00:00Z").ctx("tier", std::string("paid"));
  return q.r;
}

std::vector<Violation> check(const TestPolicy& p, const ir::GrantInstance& g) { return validate_grant(p, ctx(p), g); }

}  // namespace

TEST_CASE("§7 a valid grant has no violations", "[eval][validate]") {
  auto p = compile(kPolicy);
  auto vs = check(p, good());
  for (const auto& v : vs) UNSCOPED_INFO(code_name(v.code));
  CHECK(vs.empty());
}

TEST_CASE("§7 unknown_template", "[eval][validate][fail-closed]") {
  auto p = compile(kPolicy);
  auto g = good();
  g.template_name = "ghost";
  auto vs = check(p, g);
  REQUIRE(vs.size() == 1);
  CHECK(vs[0].code == ViolationCode::unknown_template);
}

TEST_CASE("§7 grantor_not_allowed, and the anyone-when switch", "[eval][validate]") {
  auto p = compile(kPolicy);
  auto g = good();
  g.grantor_roles = {{"limited", ""}};
  g.roles = {"support_view"};
  CHECK(has_violation(check(p, g), "grantor_not_allowed"));
  ir::Request c = ctx(p);
  c.context["flag"] = true;
  CHECK_FALSE(has_violation(validate_grant(p, c, g), "grantor_not_allowed"));
  g.grantor_roles = {{"admin", "other"}};  // admin elsewhere
  CHECK(has_violation(check(p, g), "grantor_not_allowed"));
}

TEST_CASE("§7 grantee_kind_not_allowed", "[eval][validate]") {
  auto p = compile(kPolicy);
  ir::Request c = ctx(p);
  c.principal.kind = K::external;
  CHECK(has_violation(validate_grant(p, c, good()), "grantee_kind_not_allowed"));
}

TEST_CASE("§7 role_not_grantable, unknown_role, nothing_granted", "[eval][validate]") {
  auto p = compile(kPolicy);
  auto g = good();
  g.roles = {"limited"};
  CHECK(has_violation(check(p, g), "role_not_grantable"));
  g.roles = {"ghost"};
  CHECK(has_violation(check(p, g), "unknown_role"));
  g.roles = {};
  CHECK(has_violation(check(p, g), "nothing_granted"));
}

TEST_CASE("§7 custom_not_allowed, unknown_permission, forbidden_permission", "[eval][validate]") {
  auto p = compile(kPolicy);
  auto g = good();
  g.custom = {custom(p, "m/users/perms:edit")};
  CHECK(has_violation(check(p, g), "forbidden_permission"));
  g.custom = {custom(p, "m/nothing:view")};
  CHECK(has_violation(check(p, g), "unknown_permission"));
  ir::GrantInstance f;
  f.template_name = "fixed";
  f.grantor_roles = {{"owner", ""}};
  f.valid_from = ts("2025-03-01T00:00:00Z");
  f.custom = {custom(p, "m/docs:view")};
  ir::Request c = ctx(p);
  c.principal.kind = K::external;
  CHECK(has_violation(validate_grant(p, c, f), "custom_not_allowed"));
}

TEST_CASE("§7 missing_valid_to, missing_valid_from, window_inverted", "[eval][validate][time]") {
  auto p = compile(kPolicy);
  auto g = good();
  g.valid_to.reset();
  CHECK(has_violation(check(p, g), "missing_valid_to"));
  g = good();
  g.valid_to = g.valid_from;
  CHECK(has_violation(check(p, g), "window_inverted"));
  ir::GrantInstance f;
  f.template_name = "fixed";
  f.grantor_roles = {{"owner", ""}};
  f.roles = {"support_view"};
  ir::Request c = ctx(p);
  c.principal.kind = K::external;
  CHECK(has_violation(validate_grant(p, c, f), "missing_valid_from"));
}

TEST_CASE("§7 duration_above_max: exactly the maximum is valid", "[eval][validate][time]") {
  auto p = compile(kPolicy);
  auto g = good();
  g.valid_to = *g.valid_from + 180 * 86400;
  CHECK_FALSE(has_violation(check(p, g), "duration_above_max"));
  g.valid_to = *g.valid_from + 180 * 86400 + 1;
  CHECK(has_violation(check(p, g), "duration_above_max"));
  // Without valid_from the duration runs from the instant the grant is made.
  g.valid_from.reset();
  g.valid_to = ts("2025-03-01T00:00:00Z") + 181 * 86400;
  CHECK(has_violation(check(p, g), "duration_above_max"));
  // Optional valid_to with no default and a maximum: unbounded exceeds it.
  ir::GrantInstance f;
  f.template_name = "fixed";
  f.grantor_roles = {{"owner", ""}};
  f.roles = {"support_view"};
  f.valid_from = ts("2025-03-01T00:00:00Z");
  ir::Request c = ctx(p);
  c.principal.kind = K::external;
  CHECK(has_violation(validate_grant(p, c, f), "duration_above_max"));
}

TEST_CASE("§7 missing_field, unknown_field", "[eval][validate]") {
  auto p = compile(kPolicy);
  auto g = good();
  g.fields.clear();
  CHECK(has_violation(check(p, g), "missing_field"));
  g = good();
  g.grantee_id.clear();
  CHECK(has_violation(check(p, g), "missing_field"));
  g = good();
  g.fields["color"] = "blue";
  CHECK(has_violation(check(p, g), "unknown_field"));
}

TEST_CASE("§7 precondition_failed (free, trial, unknown tier)", "[eval][validate][fail-closed]") {
  auto p = compile(kPolicy);
  for (const char* tier : {"free", "trial"}) {
    ir::Request c = ctx(p);
    c.context["tier"] = std::string(tier);
    CHECK(has_violation(validate_grant(p, c, good()), "precondition_failed"));
  }
  ir::Request c = ctx(p);
  c.context.erase("tier");
  CHECK(has_violation(validate_grant(p, c, good()), "precondition_failed"));
}

TEST_CASE("§7 scope_outside_template", "[eval][validate]") {
  auto p = compile(kPolicy);
  ir::Request c = ctx(p);
  c.context["env"] = std::string("sandbox");
  CHECK(has_violation(validate_grant(p, c, good()), "scope_outside_template"));
  auto g = good();
  g.org = "partner";  // the account is `client`, below partner; template scope self
  CHECK(has_violation(check(p, g), "scope_outside_template"));
}

TEST_CASE("§7 above_grantor_access", "[eval][validate][ceiling]") {
  auto p = compile(kPolicy);
  auto g = good();
  g.roles = {"support_full"};
  g.grantor_roles = {{"admin", ""}, {"limited", ""}};
  CHECK_FALSE(has_violation(check(p, g), "above_grantor_access"));
  ir::Request c = ctx(p);
  c.context["flag"] = true;  // anyone may grant, but only within their own access
  g.grantor_roles = {{"limited", ""}};
  auto vs = validate_grant(p, c, g);
  CHECK(has_violation(vs, "above_grantor_access"));
  CHECK_FALSE(has_violation(vs, "grantor_not_allowed"));
  g.roles = {"support_view"};
  CHECK(validate_grant(p, c, g).empty());
}

TEST_CASE("§7 every violation is listed, not just the first", "[eval][validate]") {
  auto p = compile(kPolicy);
  auto g = good();
  g.grantor_roles = {};
  g.valid_to = *g.valid_from + 200 * 86400;
  g.fields.clear();
  ir::Request c = ctx(p);
  c.context["tier"] = std::string("trial");
  auto vs = validate_grant(p, c, g);
  for (const char* code : {"grantor_not_allowed", "duration_above_max", "missing_field", "precondition_failed", "above_grantor_access"})
    CHECK(has_violation(vs, code));
}

// §7 with `scope descendants`: below G the grantor's bindings without an organization are held at
// the organization asked about (as at decision time, §6.2), so they count with their `self`
// block there; a binding named at G counts only with its `at descendants` block.
TEST_CASE("§7 above_grantor_access below G: an org-less grantor binding is held there", "[eval][validate][ceiling]") {
  auto p = compile(R"(
role wide { permit m/**:*; at descendants { permit m/**:*; } }
role local { permit m/**:*; }
role sup { holders vendor_support; permit m/**:*; at descendants { permit m/**:*; } }
template below {
  grantee vendor_support;
  granted_by wide, local;
  valid_to required;
  duration max 10d;
  grants sup;
  scope descendants;
  ceiling grantor;
}
)");
  ir::GrantInstance g;
  g.template_name = "below";
  g.roles = {"sup"};
  g.valid_to = ts("2025-03-02T00:00:00Z");
  const ir::Request c = Req(p, "m/docs:view").kind(K::vendor_support).at("2025-03-01T00:00:00Z").r;
  g.grantor_roles = {{"local", ""}};
  CHECK(validate_grant(p, c, g).empty());
  g.grantor_roles = {{"local", "client"}};  // held at G itself: nothing of `local` reaches below it
  CHECK(has_violation(validate_grant(p, c, g), "above_grantor_access"));
  g.grantor_roles = {{"wide", "client"}};
  CHECK(validate_grant(p, c, g).empty());
}
