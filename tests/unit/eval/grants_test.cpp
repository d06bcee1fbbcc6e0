// docs/semantics.md §6: grants at decision time (window, revocation, kind, scope, conditions,
// ceiling, template denies, custom) and implicit grants.
#include "tests/unit/eval/eval_support.hpp"

using namespace writ;
using namespace writ::eval;
using namespace writ::eval::testing;
using K = ir::PrincipalKind;

namespace {

const char* kGrants = R"(
role admin { permit m/**:*; permit w/**:*; }
role viewer { permit m/docs:view; }
role support_full { holders vendor_support; permit m/**:*; }
role support_view { holders vendor_support; permit m/docs:view; at descendants { permit m/docs:view; } }

template access {
  grantee vendor_support;
  grantee_id cra "CRA ID";
  granted_by admin;
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
  revocable;
}

template wide {
  grantee vendor_support;
  granted_by admin;
  valid_to optional;
  grants support_view;
  scope descendants;
}

role engineer { permit w/panel:view; }
role read_only { permit m/**:@read; }
implicit ticket {
  grantee internal;
  grantee_roles engineer;
  when context.open;
  grants read_only;
}
)";

ir::GrantInstance grant(std::vector<std::string> roles, const char* from = "2025-03-01T00:00:00Z", const char* to = "2025-03-06T00:00:00Z") {
  ir::GrantInstance g;
  g.template_name = "access";
  g.grantee_id = "cra-1";
  g.grantor_kind = K::internal;
  g.grantor_roles = {{"admin", ""}};
  g.roles = std::move(roles);
  if (from) g.valid_from = ts(from);
  if (to) g.valid_to = ts(to);
  g.fields = {{"requested_by", "bob"}};
  return g;
}

Req support(const TestPolicy& p, std::string_view perm, ir::GrantInstance g, const char* at = "2025-03-03T00:00:00Z") {
  Req q(p, perm);
  q.kind(K::vendor_support).at(at).ctx("tier", std::string("paid")).grant(std::move(g));
  return q;
}

}  // namespace

TEST_CASE("§6.1 a live grant gives its roles", "[eval][grants]") {
  auto p = compile(kGrants);
  CHECK(allowed(p, support(p, "m/docs:edit", grant({"support_full"}))));
  CHECK_FALSE(allowed(p, support(p, "m/docs:edit", grant({"support_view"}))));
  // Without the grant: nothing.
  CHECK_FALSE(allowed(p, Req(p, "m/docs:view").kind(K::vendor_support)));
}

TEST_CASE("§6.1 time window: valid_from inclusive, valid_to exclusive", "[eval][grants][time]") {
  auto p = compile(kGrants);
  auto at = [&](const char* instant) { return decide(p, support(p, "m/docs:view", grant({"support_view"}), instant)); };
  CHECK_FALSE(at("2025-02-28T23:59:59Z").allow);
  CHECK(has_reason(at("2025-02-28T23:59:59Z"), "grant_not_yet_valid"));
  CHECK(at("2025-03-01T00:00:00Z").allow);   // exactly valid_from
  CHECK(at("2025-03-05T23:59:59Z").allow);   // last second
  CHECK_FALSE(at("2025-03-06T00:00:00Z").allow);  // exactly valid_to
  CHECK(has_reason(at("2025-03-06T00:00:00Z"), "grant_expired"));
}

TEST_CASE("§6.1 missing valid_to: required -> dead, optional -> default duration or unbounded", "[eval][grants][time]") {
  auto p = compile(kGrants);
  Decision d = decide(p, support(p, "m/docs:view", grant({"support_view"}, "2025-03-01T00:00:00Z", nullptr)));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "grant_missing_valid_to"));
  ir::GrantInstance w;
  w.template_name = "wide";
  w.grantor_roles = {{"admin", ""}};
  w.roles = {"support_view"};
  CHECK(allowed(p, support(p, "m/docs:view", w, "2030-01-01T00:00:00Z")));
}

TEST_CASE("§6.1 revoked grants give nothing", "[eval][grants][fail-closed]") {
  auto p = compile(kGrants);
  auto g = grant({"support_view"});
  g.revoked = true;
  Decision d = decide(p, support(p, "m/docs:view", g));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "grant_revoked"));
}

TEST_CASE("§6.1 unknown template gives nothing", "[eval][grants][fail-closed]") {
  auto p = compile(kGrants);
  auto g = grant({"support_view"});
  g.template_name = "ghost";
  Decision d = decide(p, support(p, "m/docs:view", g));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "unknown_template"));
}

TEST_CASE("§6.1 grantee kind must be allowed by the template", "[eval][grants]") {
  auto p = compile(kGrants);
  Req q = support(p, "m/docs:view", grant({"support_view"}));
  q.kind(K::external);
  Decision d = decide(p, q);
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "grantee_kind_not_allowed"));
}

TEST_CASE("§6.1 grant scope: self only at the grant's org, descendants below it", "[eval][grants][scope]") {
  auto p = compile(kGrants);
  auto g = grant({"support_view"});
  g.org = "partner";
  Req below = support(p, "m/docs:view", g);  // target client
  Decision d = decide(p, below);
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "grant_out_of_scope"));
  ir::GrantInstance w;
  w.template_name = "wide";
  w.grantor_roles = {{"admin", ""}};
  w.roles = {"support_view"};
  w.org = "partner";
  CHECK(allowed(p, support(p, "m/docs:view", w)));  // client is below partner
  Req up = support(p, "m/docs:view", w);
  up.r.target_org = "other";
  CHECK_FALSE(allowed(p, up));
}

TEST_CASE("§6.1 scope condition and preconditions are re-checked at every decision", "[eval][grants]") {
  auto p = compile(kGrants);
  Req sandbox = support(p, "m/docs:view", grant({"support_view"}));
  sandbox.ctx("env", std::string("sandbox"));
  CHECK(has_reason(decide(p, sandbox), "grant_scope_condition"));
  CHECK_FALSE(allowed(p, sandbox));
  Req free = support(p, "m/docs:view", grant({"support_view"}));
  free.ctx("tier", std::string("free"));
  CHECK(has_reason(decide(p, free), "grant_precondition"));
  Req unknown_tier = support(p, "m/docs:view", grant({"support_view"}));
  unknown_tier.r.context.erase("tier");
  CHECK_FALSE(allowed(p, unknown_tier));  // unknown precondition: fail closed
}

TEST_CASE("§6.1 roles the template cannot grant give nothing", "[eval][grants]") {
  auto p = compile(kGrants);
  Decision d = decide(p, support(p, "m/docs:view", grant({"viewer"})));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "role_not_grantable"));
}

TEST_CASE("§6.1 template denies remove from the grant", "[eval][grants]") {
  auto p = compile(kGrants);
  CHECK(allowed(p, support(p, "m/users/perms:view", grant({"support_full"}))));
  Decision d = decide(p, support(p, "m/users/perms:edit", grant({"support_full"})));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "template_deny"));
}

TEST_CASE("§6.1 custom permissions", "[eval][grants]") {
  auto p = compile(kGrants);
  auto g = grant({});
  g.custom = {custom(p, "m/users:view")};
  CHECK(allowed(p, support(p, "m/users:view", g)));
  CHECK_FALSE(allowed(p, support(p, "m/users:edit", g)));
  g.custom = {custom(p, "m/nope:view")};
  Decision d = decide(p, support(p, "m/users:view", g));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "unknown_permission"));
}

TEST_CASE("§6.2 ceiling: a grant never gives more than its grantor holds now", "[eval][grants][ceiling]") {
  auto p = compile(kGrants);
  auto g = grant({"support_full"});
  g.grantor_roles = {{"viewer", ""}};
  CHECK(allowed(p, support(p, "m/docs:view", g)));
  Decision d = decide(p, support(p, "m/docs:edit", g));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "above_grantor_access"));
}

TEST_CASE("§6.2 a grantor who lost the role takes the grant down", "[eval][grants][ceiling][fail-closed]") {
  auto p = compile(kGrants);
  auto g = grant({"support_full"});
  g.grantor_roles = {};
  CHECK_FALSE(allowed(p, support(p, "m/docs:view", g)));
  g.grantor_roles = {{"admin", "other"}};  // admin elsewhere: no authority here
  CHECK_FALSE(allowed(p, support(p, "m/docs:view", g)));
  g.grantor_roles = {{"admin", "partner"}};  // admin at partner: only partner itself (self scope)
  CHECK_FALSE(allowed(p, support(p, "m/docs:view", g)));
  g.grantor_roles = {{"admin", "client"}};
  CHECK(allowed(p, support(p, "m/docs:view", g)));
}

TEST_CASE("§6.3 implicit grants apply at the organization of their trigger, while their condition holds", "[eval][implicit]") {
  auto p = compile(kGrants);
  auto engineer = [&](std::string perm, std::string target = "client") {
    Req q(p, perm, std::move(target));
    q.role("engineer", "other").ctx("open", true);
    return q;
  };
  CHECK_FALSE(allowed(p, engineer("m/docs:view")));                                      // no trigger named
  CHECK(has_reason(decide(p, engineer("m/docs:view").trigger("ticket", "other")), "implicit_not_triggered"));
  CHECK(has_reason(decide(p, engineer("m/docs:view").trigger("nope", "client")), "unknown_implicit"));
  CHECK(allowed(p, engineer("m/docs:view").trigger("ticket", "client")));
  CHECK(allowed(p, engineer("m/docs:view").trigger("ticket")));                          // default: the target
  CHECK_FALSE(allowed(p, engineer("m/docs:view").trigger("ticket", "other")));           // another account's ticket
  CHECK_FALSE(allowed(p, engineer("m/docs:view", "sub").trigger("ticket", "client")));   // read_only has no descendants block
  CHECK_FALSE(allowed(p, engineer("m/docs:view").trigger("nope", "client")));            // not this implicit grant
  CHECK_FALSE(allowed(p, Req(p, "m/docs:view").role("engineer", "other").trigger("ticket", "client")));  // condition false
  CHECK_FALSE(allowed(p, engineer("m/docs:edit").trigger("ticket", "client")));          // read only
  CHECK_FALSE(allowed(p, Req(p, "m/docs:view").role("viewer", "other").ctx("open", true).trigger("ticket", "client")));  // not an engineer
  CHECK_FALSE(allowed(p, engineer("m/docs:view").trigger("ticket", "client").kind(K::external)));
}

TEST_CASE("§6.1 a `scope self` grant gives nothing below its organization (mutation M24)", "[eval][grants]") {
  auto p = compile(kGrants);
  auto g = grant({"support_view"});
  g.org = "partner";
  // support_view gives m/docs:view at descendants too; the template's scope self stops it there.
  CHECK_FALSE(allowed(p, support(p, "m/docs:view", g)));  // target client, below partner
  Req at_partner(p, "m/docs:view", "partner");
  at_partner.kind(K::vendor_support).at("2025-03-03T00:00:00Z").ctx("tier", std::string("paid")).grant(g);
  CHECK(allowed(p, at_partner));
}

TEST_CASE("§6.1 an unknown scope condition gives nothing (mutation M32)", "[eval][grants][fail-closed]") {
  auto p = compile(kGrants);
  // `staging` is not a value of the enum `env`: the scope condition reads it as missing.
  Req staging = support(p, "m/docs:view", grant({"support_view"}));
  staging.ctx("env", std::string("staging"));
  Decision d = decide(p, staging);
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "grant_scope_condition"));
  CHECK(allowed(p, support(p, "m/docs:view", grant({"support_view"}))));  // env defaults to production
}

TEST_CASE("§6.1 a grant without an end under a maximum ends at valid_from + maximum (mutation M18)", "[eval][grants][time]") {
  // No default duration, so nothing but the maximum ends the grant.
  auto p = compile(std::string(kGrants) + R"(
template capped {
  grantee vendor_support;
  granted_by admin;
  valid_to optional;
  duration max 2d;
  grants support_view;
}
)");
  ir::GrantInstance g;
  g.template_name = "capped";
  g.grantor_roles = {{"admin", ""}};
  g.roles = {"support_view"};
  g.valid_from = ts("2025-03-01T00:00:00Z");
  auto at = [&](const char* instant) { return decide(p, support(p, "m/docs:view", g, instant)); };
  CHECK(at("2025-03-02T23:59:59Z").allow);
  CHECK_FALSE(at("2025-03-03T00:00:00Z").allow);  // valid_from + 2d, exclusive
  CHECK(has_reason(at("2025-03-03T00:00:00Z"), "grant_beyond_max_duration"));
}

TEST_CASE("§2.2 a granted role that needs a named account gives nothing to a shared one (mutation M21)", "[eval][grants][holders]") {
  auto p = compile(std::string(kGrants) + R"(
role support_named { holders vendor_support; named_accounts; permit w/panel:view; }
template named_access {
  grantee vendor_support;
  granted_by admin;
  valid_to optional;
  grants support_named;
}
)");
  ir::GrantInstance g;
  g.template_name = "named_access";
  g.grantor_roles = {{"admin", ""}};
  g.roles = {"support_named"};
  CHECK(allowed(p, support(p, "w/panel:view", g)));
  Req shared = support(p, "w/panel:view", g);
  shared.shared();
  Decision d = decide(p, shared);
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "named_account_required"));
}
