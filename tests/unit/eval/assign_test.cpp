// docs/semantics.md §8: may P assign R at O.
#include "tests/unit/eval/eval_support.hpp"

using namespace writ;
using namespace writ::eval;
using namespace writ::eval::testing;
using K = ir::PrincipalKind;

namespace {
const char* kPolicy = R"(
role user { assigned_by automatic; permit m/users:view; }
role administrator { named_accounts; assigned_by administrator; permit m/**:*; }
role support { named_accounts; assigned_by administrator; }
role senior_admin { extends administrator; }
role superuser { assigned_by administrator; assigned_by support when principal.has_grant; }
role ext_admin { holders external; assigned_by ext_admin; }

template access { grantee internal; granted_by administrator; valid_to optional; grants superuser; }
)";
}

TEST_CASE("§8 an authorizer role held with effect at O may assign", "[eval][assign]") {
  auto p = compile(kPolicy);
  auto ask = [&](Req q, const char* role, const char* org) { return may_assign(p, q, role, org); };
  CHECK(ask(Req(p, "m/docs:view").role("administrator", "partner"), "superuser", "client").allow);  // below
  CHECK(ask(Req(p, "m/docs:view").role("administrator", "client"), "superuser", "client").allow);   // at
  CHECK_FALSE(ask(Req(p, "m/docs:view").role("administrator", "client"), "superuser", "partner").allow);  // upward
  CHECK_FALSE(ask(Req(p, "m/docs:view").role("administrator", "other"), "superuser", "client").allow);    // sideways
  CHECK(ask(Req(p, "m/docs:view").role("senior_admin", "client"), "superuser", "client").allow);     // extends
  Decision d = ask(Req(p, "m/docs:view"), "superuser", "client");
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "no_assigner"));
}

TEST_CASE("§8 automatic roles are assignable by nobody", "[eval][assign]") {
  auto p = compile(kPolicy);
  Decision d = may_assign(p, Req(p, "m/docs:view").role("administrator"), "user", "");
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "automatic_role"));
}

TEST_CASE("§8 unknown role", "[eval][assign][fail-closed]") {
  auto p = compile(kPolicy);
  Decision d = may_assign(p, Req(p, "m/docs:view").role("administrator"), "ghost", "");
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "unknown_role"));
}

TEST_CASE("§8 conditional assigner: support, if access granted", "[eval][assign]") {
  auto p = compile(kPolicy);
  CHECK_FALSE(may_assign(p, Req(p, "m/docs:view").role("support"), "superuser", "").allow);
  ir::GrantInstance g;
  g.template_name = "access";
  g.grantor_roles = {{"administrator", ""}};
  g.roles = {"superuser"};
  CHECK(may_assign(p, Req(p, "m/docs:view").role("support").grant(g), "superuser", "").allow);
  g.revoked = true;
  CHECK_FALSE(may_assign(p, Req(p, "m/docs:view").role("support").grant(g), "superuser", "").allow);
}

TEST_CASE("§8 holder constraints apply to the assigner's own bindings", "[eval][assign][holders]") {
  auto p = compile(kPolicy);
  CHECK_FALSE(may_assign(p, Req(p, "m/docs:view").role("administrator").shared(), "superuser", "").allow);
  CHECK_FALSE(may_assign(p, Req(p, "m/docs:view").role("ext_admin"), "ext_admin", "").allow);
  CHECK(may_assign(p, Req(p, "m/docs:view").role("ext_admin").kind(K::external), "ext_admin", "").allow);
}
