// docs/semantics.md §1-§5: decisions, one TEST_CASE per rule.
#include "tests/unit/eval/eval_support.hpp"

using namespace writ;
using namespace writ::eval;
using namespace writ::eval::testing;
using K = ir::PrincipalKind;

TEST_CASE("§2 deny by default: no roles, nothing allowed", "[eval]") {
  auto p = compile("role r { permit m/docs:view; }");
  Decision d = decide(p, Req(p, "m/docs:view"));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "no_rule"));
}

TEST_CASE("§1 unknown module, resource, action are denies with reasons", "[eval][fail-closed]") {
  auto p = compile("role r { permit m/**:*; }");
  auto ask = [&](std::string module, std::string resource, std::string action) {
    Req q(p, "m/docs:view");
    q.role("r");
    q.r.module = module;
    q.r.resource = resource;
    q.r.action = action;
    return decide(p, q);
  };
  CHECK(ask("m", "docs", "view").allow);
  CHECK(has_reason(ask("nope", "docs", "view"), "unknown_module"));
  CHECK(has_reason(ask("m", "nope", "view"), "unknown_resource"));
  CHECK(has_reason(ask("m", "docs", "nope"), "unknown_action"));
  CHECK(has_reason(ask("m", "users/perms", "delete"), "unknown_action"));  // not supported by the resource
  CHECK_FALSE(ask("m", "", "view").allow);
}

TEST_CASE("§2.2 unknown role binding gives nothing", "[eval][fail-closed]") {
  auto p = compile("role r { permit m/docs:view; }");
  Decision d = decide(p, Req(p, "m/docs:view").role("ghost"));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "unknown_role"));
}

TEST_CASE("§3 permit gives its permissions, nothing else", "[eval]") {
  auto p = compile("role r { permit m/docs:{view, edit}; }");
  CHECK(allowed(p, Req(p, "m/docs:view").role("r")));
  CHECK(allowed(p, Req(p, "m/docs:edit").role("r")));
  CHECK_FALSE(allowed(p, Req(p, "m/docs:delete").role("r")));
}

TEST_CASE("§3.1 inheritance gives permits and denies, transitively", "[eval]") {
  auto p = compile(R"(
    role base { permit m/docs:*; deny m/docs:delete; }
    role mid { extends base; permit m/users:view; }
    role top { extends mid; }
  )");
  CHECK(allowed(p, Req(p, "m/docs:view").role("top")));
  CHECK(allowed(p, Req(p, "m/users:view").role("top")));
  CHECK_FALSE(allowed(p, Req(p, "m/docs:delete").role("top")));
}

TEST_CASE("§2 permissive: a role's deny removes only from that role", "[eval][combining]") {
  auto p = compile(R"(
    role a { permit m/docs:*; deny m/docs:delete; }
    role b { permit m/docs:delete; }
  )");
  CHECK_FALSE(allowed(p, Req(p, "m/docs:delete").role("a")));
  CHECK(allowed(p, Req(p, "m/docs:delete").role("a").role("b")));
  Decision d = decide(p, Req(p, "m/docs:delete").role("a"));
  CHECK(has_reason(d, "role_deny"));
}

TEST_CASE("§2 deny_overrides: any held deny removes the permission", "[eval][combining]") {
  auto p = compile(R"(
    role a { permit m/docs:view; deny m/docs:delete; }
    role b { permit m/docs:delete; }
  )", "deny_overrides");
  CHECK(allowed(p, Req(p, "m/docs:delete").role("b")));
  CHECK_FALSE(allowed(p, Req(p, "m/docs:delete").role("a").role("b")));
  CHECK(allowed(p, Req(p, "m/docs:view").role("a").role("b")));
}

TEST_CASE("§3.2 levels give their permits, above adds nothing", "[eval][levels]") {
  auto p = compile(R"(
    role one { level m = l1; }
    role two { level m = l2; }
  )");
  CHECK(allowed(p, Req(p, "m/docs:edit").role("one")));
  CHECK_FALSE(allowed(p, Req(p, "m/docs:delete").role("one")));
  CHECK(allowed(p, Req(p, "m/users/perms:edit").role("two")));
}

TEST_CASE("§3.3 a derived read-only level has the read-class permissions of its base", "[eval][levels]") {
  auto p = compile("role ro { level m = l1_ro; }");
  CHECK(allowed(p, Req(p, "m/docs:view").role("ro")));
  CHECK_FALSE(allowed(p, Req(p, "m/docs:edit").role("ro")));
  CHECK_FALSE(allowed(p, Req(p, "m/users:view").role("ro")));  // not in l1 at all
}

TEST_CASE("§3.4 permit requirements: an effective level >= the required one at the target", "[eval][requirements]") {
  auto p = compile(R"(
    role runner { permit w/panel:run requires m >= l1; }
    role one { level m = l1; }
    role two { level m = l2; }
    role ro { level m = l1_ro; }
    role one_below { at descendants { level m = l1; } }
  )");
  CHECK_FALSE(allowed(p, Req(p, "w/panel:run").role("runner")));
  CHECK(allowed(p, Req(p, "w/panel:run").role("runner").role("one")));
  CHECK(allowed(p, Req(p, "w/panel:run").role("runner").role("two")));         // l2 above l1
  CHECK_FALSE(allowed(p, Req(p, "w/panel:run").role("runner").role("ro")));     // l1_ro is not >= l1
  // The level must be held at the target: l1 held only below `partner` counts at `client`...
  CHECK(allowed(p, Req(p, "w/panel:run").role("runner").role("one_below", "partner")));
  // ...but not at `partner` itself.
  Decision d = decide(p, Req(p, "w/panel:run", "partner").role("runner", "partner").role("one_below", "partner"));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "requirement_unmet"));
}

TEST_CASE("§3.4 level-wide requirements make a level count only while they hold", "[eval][requirements]") {
  auto p = compile(R"(
    module x {
      action view: read;
      resource r actions view;
      level dep { requires w >= full; permit x/r:view; }
    }
    role d { level x = dep; }
    role wb { level w = basic; }
    role wf { level w = full; }
    role needs_dep { permit m/docs:view requires x >= dep; }
  )");
  CHECK_FALSE(allowed(p, Req(p, "x/r:view").role("d")));
  CHECK_FALSE(allowed(p, Req(p, "x/r:view").role("d").role("wb")));
  CHECK(allowed(p, Req(p, "x/r:view").role("d").role("wf")));
  // A requirement on a level is met only by an effective one.
  CHECK_FALSE(allowed(p, Req(p, "m/docs:view").role("needs_dep").role("d")));
  CHECK(allowed(p, Req(p, "m/docs:view").role("needs_dep").role("d").role("wf")));
}

TEST_CASE("§4 organization scope: self at the org, descendants strictly below, nothing up or sideways", "[eval][scope]") {
  auto p = compile(R"(
    role r {
      permit m/docs:view;
      at descendants { permit m/docs:edit; }
    }
  )");
  auto at = [&](const char* perm, const char* target) { return allowed(p, Req(p, perm, target).role("r", "partner")); };
  CHECK(at("m/docs:view", "partner"));
  CHECK_FALSE(at("m/docs:edit", "partner"));
  CHECK_FALSE(at("m/docs:view", "client"));
  CHECK(at("m/docs:edit", "client"));
  CHECK(at("m/docs:edit", "sub"));
  CHECK_FALSE(at("m/docs:edit", "other"));    // sideways
  CHECK_FALSE(at("m/docs:view", "nowhere"));  // unknown organization
  // Upward: held at `client`, nothing at `partner`.
  Decision d = decide(p, Req(p, "m/docs:view", "partner").role("r", "client"));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "unrelated_org"));
}

TEST_CASE("§1.1 a cycle in the organization tree relates nothing", "[eval][scope][fail-closed]") {
  auto p = compile("role r { at descendants { permit m/docs:view; } }");
  Req q(p, "m/docs:view", "a");
  q.role("r", "b");
  q.r.org_parents = {{"a", "b"}, {"b", "a"}};
  CHECK_FALSE(allowed(p, q));
}

TEST_CASE("§2.2 holder constraints: kind and named accounts", "[eval][holders]") {
  auto p = compile(R"(
    role ext { holders external; permit m/docs:view; }
    role named_only { named_accounts; permit m/docs:view; }
  )");
  Decision d = decide(p, Req(p, "m/docs:view").role("ext"));
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "holder_kind_not_allowed"));
  CHECK(allowed(p, Req(p, "m/docs:view").role("ext").kind(K::external)));
  CHECK(allowed(p, Req(p, "m/docs:view").role("named_only")));
  Decision s = decide(p, Req(p, "m/docs:view").role("named_only").shared());
  CHECK_FALSE(s.allow);
  CHECK(has_reason(s, "named_account_required"));
}

TEST_CASE("§2.3 automatic roles: held by every allowed principal at its home org", "[eval][automatic]") {
  auto p = compile(R"(
    role user { assigned_by automatic; permit m/users:view; }
    role ext_user { holders external; assigned_by automatic; permit m/docs:view; }
  )");
  CHECK(allowed(p, Req(p, "m/users:view")));
  CHECK_FALSE(allowed(p, Req(p, "m/docs:view")));
  CHECK(allowed(p, Req(p, "m/docs:view").kind(K::external)));
  CHECK_FALSE(allowed(p, Req(p, "m/users:view").kind(K::external)));
  // Held at home: a principal of `other` gets nothing at `client`.
  CHECK_FALSE(allowed(p, Req(p, "m/users:view").home("other")));
}

TEST_CASE("§5 rule when: permits need true", "[eval][conditions]") {
  auto p = compile(R"(
    role r { permit m/docs:view when context.env == "production"; permit m/docs:edit when context.flag; }
  )");
  CHECK(allowed(p, Req(p, "m/docs:view").role("r")));  // default production
  CHECK_FALSE(allowed(p, Req(p, "m/docs:view").role("r").ctx("env", std::string("sandbox"))));
  CHECK(allowed(p, Req(p, "m/docs:edit").role("r").ctx("flag", true)));
  Decision d = decide(p, Req(p, "m/docs:edit").role("r"));  // flag has no default: unknown
  CHECK_FALSE(d.allow);
  CHECK(has_reason(d, "condition_false"));
}

TEST_CASE("§5.1 missing attribute: a comparison and its negation are both non-true", "[eval][conditions][fail-closed]") {
  auto p = compile(R"(
    role r {
      permit m/docs:view when context.tier == "paid";
      permit m/docs:edit when not (context.tier == "paid");
      permit m/docs:delete when context.tier not in ["free"];
    }
  )");
  CHECK_FALSE(allowed(p, Req(p, "m/docs:view").role("r")));
  CHECK_FALSE(allowed(p, Req(p, "m/docs:edit").role("r")));
  CHECK_FALSE(allowed(p, Req(p, "m/docs:delete").role("r")));
  CHECK(allowed(p, Req(p, "m/docs:view").role("r").ctx("tier", std::string("paid"))));
  CHECK(allowed(p, Req(p, "m/docs:edit").role("r").ctx("tier", std::string("free"))));
  // A value of the wrong type is as good as missing.
  CHECK_FALSE(allowed(p, Req(p, "m/docs:view").role("r").ctx("tier", std::int64_t{3})));
  CHECK_FALSE(allowed(p, Req(p, "m/docs:view").role("r").ctx("tier", std::string("platinum"))));
}

TEST_CASE("§5.2 unknown makes denies and forbids apply (fail closed)", "[eval][conditions][fail-closed]") {
  auto p = compile(R"(
    role r { permit m/docs:*; deny m/docs:delete when context.tier == "free"; }
    forbid f { applies_to anyone; deny m/docs:edit when context.flag; }
  )");
  CHECK_FALSE(allowed(p, Req(p, "m/docs:delete").role("r")));                                 // tier unknown
  CHECK(allowed(p, Req(p, "m/docs:delete").role("r").ctx("tier", std::string("paid"))));
  CHECK_FALSE(allowed(p, Req(p, "m/docs:edit").role("r")));                                   // flag unknown
  CHECK(allowed(p, Req(p, "m/docs:edit").role("r").ctx("flag", false)));
}

TEST_CASE("§5.3 forbid rules are absolute in both modes", "[eval][forbid]") {
  for (std::string mode : {"permissive", "deny_overrides"}) {
    auto p = compile(R"(
      role admin { holders internal, vendor_support; permit m/**:*; }
      forbid no_perm_edits { applies_to kind vendor_support; deny m/users/perms:@write; reason "never"; }
    )", mode);
    CHECK(allowed(p, Req(p, "m/users/perms:edit").role("admin")));
    Decision d = decide(p, Req(p, "m/users/perms:edit").role("admin").kind(K::vendor_support));
    CHECK_FALSE(d.allow);
    CHECK(has_reason(d, "forbid"));
    CHECK(allowed(p, Req(p, "m/users/perms:view").role("admin").kind(K::vendor_support)));
  }
}

TEST_CASE("§5.3 forbid selectors: role, level, anyone, when", "[eval][forbid]") {
  auto p = compile(R"(
    role base { permit m/**:*; }
    role tainted { extends base; }
    role leveled { level m = l2; }
    forbid by_role { applies_to role base; deny m/docs:delete; }
    forbid by_level { applies_to level m.l2; deny m/users:edit; }
    forbid by_when { applies_to anyone; deny m/users/perms:edit; when context.env == "sandbox"; }
  )");
  CHECK_FALSE(allowed(p, Req(p, "m/docs:delete").role("tainted")));  // extends base
  CHECK_FALSE(allowed(p, Req(p, "m/users:edit").role("leveled")));
  CHECK(allowed(p, Req(p, "m/users:edit").role("base")));
  CHECK(allowed(p, Req(p, "m/users/perms:edit").role("base")));
  CHECK_FALSE(allowed(p, Req(p, "m/users/perms:edit").role("base").ctx("env", std::string("sandbox"))));
}

TEST_CASE("§9 allow reasons name the rule and inheritance chain", "[eval][reasons]") {
  auto p = compile("role base { permit m/docs:view; }\nrole top { extends base; }");
  Decision d = decide(p, Req(p, "m/docs:view").role("top"));
  REQUIRE(d.allow);
  REQUIRE_FALSE(d.reasons.empty());
  CHECK(d.reasons[0].code == ReasonCode::permit);
  CHECK(d.reasons[0].effect == Effect::allow);
  const ir::Request r = Req(p, "m/docs:view").role("top");
  CHECK(message_of(p, r, d, d.reasons[0]).find("top -> base") != std::string::npos);
  CHECK(report::span_of(p.policy(), d.reasons[0]).line > 0);
  REQUIRE(d.reasons[0].rule);
  CHECK(p.policy()[*d.reasons[0].rule].key == "role base at self permit m/docs:view");
}

TEST_CASE("§4 target.relation tells a role's own organization from those below it", "[eval]") {
  // One descendants-scoped permit, narrowed by a condition to organizations strictly below.
  auto p = compile(R"(role r {
    permit m/docs:view;
    at descendants { permit m/docs:edit when target.relation == "descendant"; }
    permit m/docs:delete when target.relation == "self";
  })");
  CHECK(decide(p, Req(p, "m/docs:edit", "client").role("r", "partner")).allow);
  CHECK_FALSE(decide(p, Req(p, "m/docs:delete", "client").role("r", "partner")).allow);
  CHECK(decide(p, Req(p, "m/docs:delete", "partner").role("r", "partner")).allow);
  CHECK_FALSE(decide(p, Req(p, "m/docs:edit", "partner").role("r", "partner")).allow);
}
