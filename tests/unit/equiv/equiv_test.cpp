// A023-A025 (compiler/equiv/): each fires on its fixture of tests/fixtures/analysis/ with the spans
// and a witness the interpreter decides as the finding says, stays silent on its near miss, and
// means what the catalogue says — checked here by brute force over every request of the small
// fixtures (every role alone and in pairs, both scopes, every kind, every value of `frozen`), not
// through the diff engine the checks use.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "compiler/analysis/witness.hpp"
#include "compiler/driver/compile.hpp"
#include "compiler/equiv/equiv.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/mutate/mutants.hpp"

using namespace writ;
using analysis::Check;
using analysis::Finding;

namespace {

struct Fixture {
  std::unique_ptr<driver::Compilation> c;
  std::unique_ptr<facts::Facts> facts;
  std::vector<Finding> found;

  [[nodiscard]] std::vector<const Finding*> of(Check check) const {
    std::vector<const Finding*> out;
    for (const auto& f : found)
      if (f.check == check) out.push_back(&f);
    return out;
  }
  [[nodiscard]] const ir::Policy& policy() const { return *c->policy; }
  [[nodiscard]] ir::RoleId role(const std::string& name) const { return *facts->role(name); }
};

Fixture load(const std::string& name) {
  Fixture x;
  x.c = std::make_unique<driver::Compilation>(driver::compile_file(std::string(WRIT_TEST_DIR) + "/fixtures/analysis/" + name + ".writ"));
  INFO(name);
  for (const auto& d : x.c->diags.items()) INFO(d.message);
  REQUIRE(x.c->ok());
  x.facts = std::make_unique<facts::Facts>(*x.c->policy);
  x.found = equiv::findings(*x.facts);
  return x;
}

/// Every query of the witness decided by the interpreter as it claims (not through analysis::confirm).
bool replays(const facts::Facts& f, const Finding& finding) {
  for (const auto& q : finding.witness.queries)
    if (q.kind != analysis::Query::Kind::decide || eval::decide(f, q.request).allow != q.expect_allow) return false;
  return !finding.witness.queries.empty();
}

/// Every request of the fixtures' small world: `roles` held at root, each permission, scope, kind
/// and value of `frozen` (missing, true, false). `same(a, b)` compares two deciders on all of them.
template <class Decide>
bool all_alike(const ir::Policy& p, const std::vector<std::vector<ir::RoleId>>& role_sets, Decide&& decide_both) {
  const std::vector<std::optional<bool>> frozen{std::nullopt, true, false};
  for (const auto& roles : role_sets)
    for (std::uint32_t perm = 0; perm < p.permission_count(); ++perm)
      for (auto s : ir::all_of<ir::OrgScope>())
        for (auto k : ir::all_of<ir::PrincipalKind>())
          for (const auto& v : frozen) {
            auto r = analysis::make_request(p, k, roles, s, p.permission_name(ir::PermissionId{perm}));
            if (v) r.context["frozen"] = ir::Value{*v};
            if (!decide_both(r)) return false;
          }
  return true;
}

/// No role, each role, each pair of roles.
std::vector<std::vector<ir::RoleId>> holdings(const ir::Policy& p) {
  std::vector<std::vector<ir::RoleId>> out{{}};
  for (std::uint32_t a = 0; a < p.roles.size(); ++a) {
    out.push_back({ir::RoleId{a}});
    for (std::uint32_t b = a + 1; b < p.roles.size(); ++b) out.push_back({ir::RoleId{a}, ir::RoleId{b}});
  }
  return out;
}

/// Holding `b` instead of `a` (with every other role alone or not at all) decides alike.
bool replaceable(const Fixture& x, ir::RoleId a, ir::RoleId b) {
  const auto& p = x.policy();
  std::vector<std::vector<ir::RoleId>> with{{}};
  for (std::uint32_t o = 0; o < p.roles.size(); ++o)
    if (o != a.value && o != b.value) with.push_back({ir::RoleId{o}});
  return all_alike(p, with, [&](ir::Request r) {
    auto ra = r, rb = r;
    ra.principal.roles.push_back({p[a].name, analysis::kRootOrg});
    rb.principal.roles.push_back({p[b].name, analysis::kRootOrg});
    return eval::decide(*x.facts, ra).allow == eval::decide(*x.facts, rb).allow;
  });
}

/// The fixture's policy without `rule` decides every small-world request alike.
bool removable(const Fixture& x, ir::RuleId rule) {
  ir::Policy q = x.policy();
  mutate::remove_rule(q, rule);
  const facts::Facts fq(q);
  return all_alike(x.policy(), holdings(x.policy()),
                   [&](const ir::Request& r) { return eval::decide(*x.facts, r).allow == eval::decide(fq, r).allow; });
}

std::optional<ir::RuleId> rule_at(const ir::Policy& p, std::uint32_t line) {
  for (std::uint32_t i = 0; i < p.rules.size(); ++i)
    if (p.rules[i].span.line == line) return ir::RuleId{i};
  return std::nullopt;
}

bool cites_line(const facts::Facts& f, const analysis::Query& q, std::uint32_t line) {
  const auto d = eval::decide(f, q.request);
  for (const auto& r : d.reasons)
    if (r.rule && r.effect != eval::Effect::info && f.policy()[*r.rule].span.line == line) return true;
  return false;
}

}  // namespace

TEST_CASE("A023 reports two roles that decide every request alike, with both spans and a witness") {
  auto x = load("a023_trigger");
  const auto found = x.of(Check::identical_roles);
  REQUIRE(found.size() == 1);
  const Finding& f = *found.front();
  CHECK(f.primary.line == x.policy()[x.role("viewer")].span.line);
  REQUIRE(f.related.size() == 1);
  CHECK(f.related.front().first.line == x.policy()[x.role("reader")].span.line);
  CHECK(f.args.at(0) == "viewer");
  CHECK(f.args.at(1) == "reader");
  // Both allow the example, nobody without them does: from a home the automatic `admin` does not
  // reach, since at home it gives the view to everyone.
  CHECK(f.args.at(2) == "m/docs:view");
  REQUIRE(f.witness.queries.size() == 3);
  CHECK(replays(*x.facts, f));
  CHECK(f.witness.queries[2].request.principal.org != analysis::kRootOrg);
  // What the finding means, by brute force: either replaces the other in every request.
  CHECK(replaceable(x, x.role("reader"), x.role("viewer")));
  CHECK(replaceable(x, x.role("viewer"), x.role("reader")));
}

TEST_CASE("A023 stays silent when one permission differs under one condition value") {
  auto x = load("a023_near");
  CHECK(x.of(Check::identical_roles).empty());
  CHECK_FALSE(replaceable(x, x.role("reader"), x.role("viewer")));
}

TEST_CASE("A024 reports a permit a parent's wildcard already gives, with the rule that shadows it") {
  auto x = load("a024_trigger");
  const auto found = x.of(Check::shadowed_permit);
  REQUIRE(found.size() == 1);
  const Finding& f = *found.front();
  const auto& p = x.policy();
  const auto base_rule = p[p[x.role("base")].at[0].permits.at(0)];
  CHECK(f.primary.line == 23);
  REQUIRE(f.related.size() == 1);
  CHECK(f.related.front().first.line == base_rule.span.line);
  CHECK(f.args.at(1) == "role `editor`");
  REQUIRE(replays(*x.facts, f));
  // The witness request is allowed by the shadowing rule.
  CHECK(cites_line(*x.facts, f.witness.queries.front(), base_rule.span.line));
  CHECK(removable(x, *rule_at(p, 23)));
}

TEST_CASE("A024 stays silent on a permit that adds one cell") {
  auto x = load("a024_near");
  CHECK(x.of(Check::shadowed_permit).empty());
  CHECK_FALSE(removable(x, *rule_at(x.policy(), 23)));
}

TEST_CASE("A025 reports a deny a forbid already makes, with the forbid as witness") {
  auto x = load("a025_trigger");
  const auto found = x.of(Check::redundant_deny);
  REQUIRE(found.size() == 1);
  const Finding& f = *found.front();
  const auto& p = x.policy();
  const auto line = p[p[x.role("editor")].at[0].denies.at(0)].span.line;
  CHECK(f.primary.line == line);
  REQUIRE(f.related.size() == 1);
  CHECK(f.related.front().first.line == p[p.forbids.at(0).denies.at(0)].span.line);
  REQUIRE(replays(*x.facts, f));
  CHECK(cites_line(*x.facts, f.witness.queries.front(), f.related.front().first.line));
  CHECK(removable(x, *rule_at(p, line)));
}

TEST_CASE("A025 stays silent on a deny that removes one cell the forbid spares") {
  auto x = load("a025_near");
  CHECK(x.of(Check::redundant_deny).empty());
  const auto& p = x.policy();
  CHECK_FALSE(removable(x, p[x.role("editor")].at[0].denies.at(0)));
}

TEST_CASE("A024 through the diff engine: a parent's wider condition, not written as a part of it") {
  auto x = load("a024_engine_trigger");
  const auto found = x.of(Check::shadowed_permit);
  REQUIRE(found.size() == 1);
  const Finding& f = *found.front();
  CHECK(f.primary.line == 23);
  REQUIRE(replays(*x.facts, f));
  CHECK(f.witness.queries.front().request.context.at("tier") == ir::Value{std::string("gold")});
  CHECK(cites_line(*x.facts, f.witness.queries.front(), 18));
}

TEST_CASE("A024 through the diff engine stays silent on a cell only another kind shows") {
  auto x = load("a024_engine_near");
  CHECK(x.of(Check::shadowed_permit).empty());
  // The cell: an external holder of `gold` with tier gold, allowed only by the permit.
  const auto& p = x.policy();
  auto r = analysis::make_request(p, ir::PrincipalKind::external, {x.role("gold")}, ir::OrgScope::self, "m/docs:view");
  r.context["tier"] = ir::Value{std::string("gold")};
  CHECK(eval::decide(*x.facts, r).allow);
  ir::Policy q = p;
  mutate::remove_rule(q, *rule_at(p, 24));
  const facts::Facts fq(q);
  CHECK_FALSE(eval::decide(fq, r).allow);
}

TEST_CASE("A023 stays silent when a forbid selecting one of the roles tells them apart") {
  auto x = load("a023_forbid_near");
  CHECK(x.of(Check::identical_roles).empty());
  CHECK_FALSE(replaceable(x, x.role("reader"), x.role("viewer")));
}
