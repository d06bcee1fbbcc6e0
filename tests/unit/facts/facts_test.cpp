// The facts layer (compiler/facts/facts.hpp): closures of `extends` and of the level order,
// materialized level permits (derived read-only levels, includes with the included level's
// requirements), per-(role, scope) contributions and their unconditional part, automatic roles.
#include <catch2/catch.hpp>

#include <algorithm>

#include "compiler/driver/compile.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/print.hpp"

using namespace writ;

namespace {

const char* kPolicy = R"(policy p { }
attribute on: bool;
module m {
  action view: read;
  action edit: write;
  resource a actions view, edit;
  resource b actions view, edit;
  level l0 { permit m/a:view; }
  level l1 above l0 { permit m/a:view; permit m/b:view when context.on; }
  level l1_ro = readonly(l1);
  level l2 above l1 { permit m/**:*; }
}
module w {
  action use: write;
  resource x actions use;
  level basic { permit w/x:use; }
  level gated { requires m >= l1; permit w/x:use; }
}
role base { permit m/a:edit; deny m/b:edit; level m = l0; }
role mid { extends base; at descendants { permit m/b:view; } }
role top { extends mid; level w = gated; }
role lone { assigned_by automatic; permit m/a:view when context.on; }
)";

struct Fixture {
  driver::Compilation c = driver::compile_text("f.writ", kPolicy);
  std::unique_ptr<facts::Facts> f;
  Fixture() {
    std::string diags;
    for (const auto& d : c.diags.items()) diags += d.message + "\n";
    INFO(diags);
    REQUIRE(c.ok());
    f = std::make_unique<facts::Facts>(*c.policy);
  }
  const ir::Policy& p() const { return *c.policy; }
  ir::RoleId role(const char* n) const { return p().role_by_name.at(n); }
  ir::LevelId level(const char* n) const { return p().level_by_name.at(n); }
  ir::PermissionId perm(const char* n) const {
    for (std::uint32_t i = 0; i < p().permission_count(); ++i)
      if (p().permission_name(ir::PermissionId{i}) == n) return ir::PermissionId{i};
    FAIL("no permission " << n);
    return {};
  }
};

}  // namespace

TEST_CASE("extends closure is reflexive and transitive, with shortest chains", "[facts]") {
  Fixture x;
  CHECK(x.f->reaches(x.role("top"), x.role("top")));
  CHECK(x.f->reaches(x.role("top"), x.role("base")));
  CHECK(x.f->reaches(x.role("mid"), x.role("base")));
  CHECK_FALSE(x.f->reaches(x.role("base"), x.role("mid")));
  CHECK_FALSE(x.f->reaches(x.role("lone"), x.role("base")));
  CHECK(x.f->closure(x.role("top")).count() == 3);
  auto chain = x.f->chain(x.role("top"), x.role("base"));
  REQUIRE(chain.size() == 3);
  CHECK(x.p()[chain[1]].name == "mid");
  CHECK(x.f->chain(x.role("base"), x.role("top")).empty());
}

TEST_CASE("level order: above and includes, reflexive and transitive", "[facts][levels]") {
  Fixture x;
  CHECK(x.f->at_least(x.level("m.l2"), x.level("m.l0")));   // l2 above l1 above l0
  CHECK(x.f->at_least(x.level("m.l1"), x.level("m.l0")));
  CHECK(x.f->at_least(x.level("m.l1"), x.level("m.l1")));
  CHECK_FALSE(x.f->at_least(x.level("m.l0"), x.level("m.l1")));
  CHECK_FALSE(x.f->at_least(x.level("m.l1_ro"), x.level("m.l1")));  // a derived level is only what it is declared above
}

TEST_CASE("level permits: a level's own, readonly cuts to the read class", "[facts][levels]") {
  Fixture x;
  const auto& l1 = x.f->level_permits(x.level("m.l1"));
  REQUIRE(l1.size() == 2);
  ir::PermissionSet all;
  for (const auto& lp : l1) all |= lp.permissions;
  CHECK(all == ir::PermissionSet::of({x.perm("m/a:view"), x.perm("m/b:view")}));
  const auto& ro = x.f->level_permits(x.level("m.l1_ro"));
  for (const auto& lp : ro) CHECK(lp.permissions.subset_of(x.f->read_permissions()));
  const auto& l2 = x.f->level_permits(x.level("m.l2"));
  REQUIRE(l2.size() == 1);
  CHECK(l2[0].permissions.count() == 4);  // above adds nothing: only its own permit
  // A level's requirements: own plus the source level's for a derived level.
  CHECK(x.f->level_requirements(x.level("w.gated")).size() == 1);
  CHECK(x.f->level_requirements(x.level("w.basic")).empty());
}

TEST_CASE("per-role contributions are the role's own, the unconditional set excludes conditions and requirements", "[facts][roles]") {
  Fixture x;
  const auto& base = x.f->own(x.role("base"), ir::OrgScope::self);
  CHECK(base.contributions.size() == 3);  // permit, level l0's permit, deny
  CHECK(base.may_allow == ir::PermissionSet::of({x.perm("m/a:view"), x.perm("m/a:edit")}));
  CHECK(base.may_deny == ir::PermissionSet::of({x.perm("m/b:edit")}));
  CHECK(base.unconditional == base.may_allow);
  const auto& mid = x.f->own(x.role("mid"), ir::OrgScope::self);
  CHECK(mid.contributions.empty());  // inherited contributions are found through the closure, not copied
  CHECK(x.f->own(x.role("mid"), ir::OrgScope::descendants).may_allow == ir::PermissionSet::of({x.perm("m/b:view")}));
  const auto& lone = x.f->own(x.role("lone"), ir::OrgScope::self);
  CHECK(lone.unconditional.empty());  // conditional
  CHECK_FALSE(lone.may_allow.empty());
  const auto& top = x.f->own(x.role("top"), ir::OrgScope::self);
  CHECK(top.unconditional.empty());  // gated has a level-wide requirement
}

TEST_CASE("automatic roles are indexed", "[facts]") {
  Fixture x;
  CHECK(x.f->automatic_roles() == std::vector<ir::RoleId>{x.role("lone")});
  CHECK(x.f->all_permissions().count() == x.p().permission_count());
}
