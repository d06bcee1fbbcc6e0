// docs/semantics.md §11 over the wide generator (small_world.hpp): rapidcheck draws a world seed
// (conditions with missing and ill-typed attributes, forbids of every selector kind, automatic
// roles, implicit grants and triggers, grants with windows, durations, scopes and ceilings, an
// organization tree) and checks each law on a stride of the world's request domain. The narrow
// generator of laws_test.cpp stays for the order and duplication law, which edits policy text.
#include "tests/unit/eval/eval_support.hpp"
#include "tests/unit/eval/naive.hpp"
#include "tests/unit/eval/small_world.hpp"

#ifdef WRIT_HAVE_RAPIDCHECK
#include <rapidcheck.h>

using namespace writ;
using namespace writ::eval;
using namespace writ::eval::testing;

namespace {

std::optional<TestPolicy> world_policy(const std::string& text) {
  auto c = driver::compile_text("world.writ", text);
  if (!c.ok()) {
    RC_LOG() << "did not compile:\n" << text;
    for (const auto& d : c.diags.items()) RC_LOG() << d.span.line << ":" << d.span.col << ": " << d.message << "\n";
    return std::nullopt;
  }
  return TestPolicy(std::move(c));
}

/// Every `stride`-th request of the world's domain, starting at `offset`.
std::vector<ir::Request> sample(const SmallWorld& w, const ir::Policy& p, std::size_t stride, std::size_t offset) {
  std::vector<ir::Request> out;
  std::size_t i = 0;
  for_each_request(w, p, [&](const ir::Request& r) {
    if (i++ % stride == offset % stride) out.push_back(r);
  });
  return out;
}

std::string mode() { return *rc::gen::element(std::string("permissive"), std::string("deny_overrides")); }

SmallWorld world() {
  const auto seed = *rc::gen::inRange<std::uint32_t>(1, 1u << 30);
  RC_TAG(seed % 7);
  auto w = make_world(seed, mode());
  RC_LOG() << "world seed " << seed << "\n";
  return w;
}

}  // namespace

TEST_CASE("world law 1: no bindings, grants, triggers or automatic roles: every request denied", "[eval][laws][world]") {
  REQUIRE(rc::check([] {
    SmallWorld w = world();
    auto p = world_policy(w.text);
    RC_ASSERT(p.has_value());
    for (auto r : sample(w, p->policy(), 97, *rc::gen::inRange(0, 97))) {
      r.principal.roles.clear();
      r.principal.grants.clear();
      r.principal.triggers.clear();
      bool automatic = false;
      for (const auto& role : p->policy().roles)
        if (role.automatic && std::count(role.holders.begin(), role.holders.end(), r.principal.kind)) automatic = true;
      if (automatic) continue;
      RC_ASSERT(!decide(p->facts(), r).allow);
    }
  }));
}

TEST_CASE("world law 2: a forbid selecting the principal denies whatever allows", "[eval][laws][world]") {
  REQUIRE(rc::check([] {
    SmallWorld w = world();
    const auto& perms = world_permissions();
    const std::string perm = perms[*rc::gen::inRange<std::size_t>(0, perms.size())];
    auto p = world_policy(w.text + "forbid law2 { applies_to anyone; deny " + perm + "; }\n");
    RC_ASSERT(p.has_value());
    for (const auto& r : sample(w, p->policy(), 53, *rc::gen::inRange(0, 53)))
      if (r.module + "/" + r.resource + ":" + r.action == perm) RC_ASSERT(!decide(p->facts(), r).allow);
  }));
}

TEST_CASE("world law 4b: adding a forbid rule never turns a deny into an allow", "[eval][laws][world]") {
  REQUIRE(rc::check([] {
    SmallWorld w = world();
    auto before = world_policy(w.text);
    RC_ASSERT(before.has_value());
    const std::vector<std::string> selectors = {"anyone", "kind external", "role r0", "role r1", "level m.lo", "level w.basic"};
    const auto& perms = world_permissions();
    std::string sel = selectors[*rc::gen::inRange<std::size_t>(0, selectors.size())];
    std::string text = w.text + "forbid law4 { applies_to " + sel + "; deny " + perms[*rc::gen::inRange<std::size_t>(0, perms.size())] +
                       (*rc::gen::arbitrary<bool>() ? " when context.flag" : "") + "; }\n";
    auto after = world_policy(text);
    RC_ASSERT(after.has_value());
    for (const auto& r : sample(w, before->policy(), 61, *rc::gen::inRange(0, 61)))
      if (!decide(before->facts(), r).allow) RC_ASSERT(!decide(after->facts(), r).allow);
  }));
}

TEST_CASE("world law 5: a ceiling grant gives only what the grantor holds (grantor decided by the naive evaluator)", "[eval][laws][world]") {
  REQUIRE(rc::check([] {
    SmallWorld w = world();
    RC_PRE(w.has_template && w.text.find("ceiling grantor") != std::string::npos);
    auto p = world_policy(w.text);
    RC_ASSERT(p.has_value());
    for (const auto& r : sample(w, p->policy(), 7, *rc::gen::inRange(0, 7))) {
      if (r.principal.grants.empty()) continue;
      const Decision d = decide(p->facts(), r);
      if (!d.allow) continue;
      // What the grant contributes: an allow through one of its sources. (A grant's roles may
      // also assign levels that meet another source's requirement; the ceiling limits
      // permissions, not level holdings, §3.4, so such an allow is not the grant's.)
      bool through_grant = false;
      for (const auto& reason : d.reasons)
        if (reason.effect == Effect::allow && reason.source && d.sources[*reason.source].grant) through_grant = true;
      if (!through_grant) continue;
      // Its grantor, as a principal of its own, decided by the naive evaluator, holds it.
      RC_ASSERT(naive::grantor_allows(p->policy(), r, r.principal.grants.front()));
    }
  }));
}

TEST_CASE("world law 6: unknown roles, templates and triggers never add access", "[eval][laws][world]") {
  REQUIRE(rc::check([] {
    SmallWorld w = world();
    auto p = world_policy(w.text);
    RC_ASSERT(p.has_value());
    for (const auto& r : sample(w, p->policy(), 89, *rc::gen::inRange(0, 89))) {
      const bool base = decide(p->facts(), r).allow;
      ir::Request more = r;
      more.principal.roles.push_back({"no_such_role", ""});
      more.principal.triggers.push_back({"no_such_implicit", ""});
      ir::GrantInstance g;
      g.template_name = "no_such_template";
      g.roles = {"r0"};
      more.principal.grants.push_back(g);
      RC_ASSERT(decide(p->facts(), more).allow == base);
    }
  }));
}

#endif
