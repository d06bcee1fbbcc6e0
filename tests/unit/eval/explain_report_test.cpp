// `writ explain` as data (compiler/eval/explain.hpp) and how answers read (compiler/report/):
// a role's rows per scope with what gives and takes each permission; a principal's grid per
// organization; reason messages rendered from ids with their locations.
#include "compiler/eval/explain.hpp"
#include "compiler/ir/print.hpp"
#include "tests/unit/eval/eval_support.hpp"

using namespace writ;
using namespace writ::eval;
using namespace writ::eval::testing;

namespace {
const char* kRoles = R"(
role base { permit m/docs:{view, edit}; deny m/docs:edit when context.flag; }
role top { extends base; level m = l1; at descendants { permit m/users:view; } }
)";
}

TEST_CASE("explain_role: per scope, every permission with its permits and denies through extends", "[eval][explain]") {
  auto p = compile(kRoles);
  const auto e = explain_role(p, p->role_by_name.at("top"));
  const auto& self = e.scopes[0];
  auto row = [&](const std::string& name) -> const ExplainRow* {
    for (const auto& r : self)
      if (p->permission_name(r.permission) == name) return &r;
    return nullptr;
  };
  const ExplainRow* edit = row("m/docs:edit");
  REQUIRE(edit);
  // Given by base's permit and by the level, taken by base's conditional deny (denies last).
  REQUIRE(edit->entries.size() == 3);
  CHECK(edit->entries.back().kind == ExplainEntry::Kind::deny);
  CHECK(edit->entries.back().declared_in == p->role_by_name.at("base"));
  CHECK(ir::condition_text(p, edit->entries.back().when) == "context.flag");
  CHECK_FALSE(row("m/users:view"));
  REQUIRE(e.scopes[1].size() == 1);
  CHECK(p->permission_name(e.scopes[1][0].permission) == "m/users:view");
  const std::string text = report::explain_role_text(p, e);
  CHECK(text.find("m/docs:edit") != std::string::npos);
  CHECK(text.find("deny*") != std::string::npos);
  CHECK(text.find("[from base]") != std::string::npos);
}

TEST_CASE("explain_principal: the allowed set at every organization the request knows of", "[eval][explain]") {
  auto p = compile(kRoles);
  ir::Request r = Req(p, "m/docs:view", "client").role("top", "partner");
  const auto g = explain_principal(p, r);
  auto at = [&](const std::string& org) {
    for (std::size_t i = 0; i < g.organizations.size(); ++i)
      if (g.organizations[i] == org) return g.allowed[i];
    FAIL("no column " << org);
    return ir::PermissionSet{};
  };
  // At partner: m/docs:view only — the deny of edit applies while `context.flag` is missing.
  CHECK(at("partner") == ir::PermissionSet::of({*resolve_permission(p, Req(p, "m/docs:view"), nullptr)}));
  CHECK(at("client") == ir::PermissionSet::of({*resolve_permission(p, Req(p, "m/users:view"), nullptr)}));  // the descendants block
  CHECK(at("other").empty());
  // Every cell agrees with a decision.
  for (std::size_t i = 0; i < g.organizations.size(); ++i)
    for (std::uint32_t q = 0; q < p->permission_count(); ++q) {
      ir::Request probe = r;
      probe.target_org = g.organizations[i];
      REQUIRE(set_permission(probe, p->permission_name(ir::PermissionId{q})));
      CHECK(decide(p, probe).allow == g.allowed[i].contains(ir::PermissionId{q}));
    }
}

TEST_CASE("reason messages are rendered from ids, with the rule's location", "[eval][report]") {
  auto p = compile(kRoles);
  const ir::Request r = Req(p, "m/docs:edit", "partner").role("top", "partner");
  Decision d = decide(p, r);
  CHECK_FALSE(d.allow);  // flag missing: the deny may apply, so it does (fail closed)
  const report::Context ctx{p.policy(), p.compilation().sources, r};
  const std::string text = report::reasons_text(ctx, d, "");
  CHECK(text.find("role_deny: `deny m/docs:edit` in role `base` (inherited: top -> base) via role top at partner") != std::string::npos);
  CHECK(text.find("overridden_permit") != std::string::npos);
  CHECK(text.find("t.writ:") != std::string::npos);
  const std::string json = report::decision_json(ctx, d, "decide");
  CHECK(json.find("\"rule\": \"role base at self deny m/docs:edit when context.flag\"") != std::string::npos);
}
