// Stable identities (compiler/ir/keys.hpp): a rule's and an authorizer's key depends on what it
// means — owner, scope, canonical pattern, requirements, condition — never on file order,
// formatting or syntax; identical rules are numbered; permissions are remapped by name between
// two versions of a policy.
#include <catch2/catch.hpp>

#include <set>

#include "compiler/driver/compile.hpp"
#include "compiler/ir/keys.hpp"

using namespace writ;

namespace {

const char* kHead = R"(policy p { }
attribute env: {production, sandbox};
module m {
  action view: read;
  action edit, delete: write;
  resource docs actions view, edit, delete;
  resource users { actions view; resource perms actions view, edit; }
  level basic { permit m/docs:view; }
}
)";

std::set<std::string> keys(const std::string& body) {
  auto c = driver::compile_text("k.writ", std::string(kHead) + body);
  std::string diags;
  for (const auto& d : c.diags.items()) diags += d.message + "\n";
  INFO(diags);
  REQUIRE(c.ok());
  std::set<std::string> out;
  for (const auto& r : c.policy->rules) out.insert(r.key);
  for (const auto& a : c.policy->authorizers) out.insert(a.key);
  return out;
}

}  // namespace

TEST_CASE("keys name the owner, scope, canonical pattern, requirements and condition", "[lower][keys]") {
  auto k = keys(R"(role r {
  assigned_by admin when context.env == "production";
  permit m/docs:{delete, view} requires m2 >= l when context.env != "sandbox";
  at descendants { deny m/users/**:@read; }
}
role admin { permit m/**:*; }
module m2 { action use: read; resource x actions use; level l { permit m2/x:use; } }
forbid f { applies_to anyone; deny m/docs:delete; }
template t { grantee internal; granted_by admin; valid_to optional; duration max 1d; grants r; ceiling grantor; deny m/users/perms:edit; }
)");
  CHECK(k.count("role r at self permit m/docs:{view, delete} requires m2 >= l when context.env == \"production\""));
  CHECK(k.count("role r at descendants deny m/users/**:@read"));
  CHECK(k.count("role r assigned_by admin when context.env == \"production\""));
  CHECK(k.count("level m.basic permit m/docs:view"));
  CHECK(k.count("forbid f deny m/docs:delete"));
  CHECK(k.count("template t deny m/users/perms:edit"));
  CHECK(k.count("template t granted_by admin"));
}

TEST_CASE("keys do not change with declaration order, formatting or equivalent spellings", "[lower][keys]") {
  auto a = keys("role r { permit m/docs:{view, edit} when not (context.env == \"sandbox\"); deny m/docs:delete; }\nrole s { permit m/users:view; }\n");
  auto b = keys("role s {\n  permit m/users:view;\n}\n\nrole r {\n  deny m/docs:delete;\n  permit m/docs:{edit, view} when context.env != \"sandbox\";\n}\n");
  CHECK(a == b);
}

TEST_CASE("identical rules are numbered, different ones are not", "[lower][keys]") {
  auto k = keys("role r { permit m/docs:view; permit m/docs:view; permit m/docs:view when context.env == \"sandbox\"; }\n");
  CHECK(k.count("role r at self permit m/docs:view"));
  CHECK(k.count("role r at self permit m/docs:view #2"));
  CHECK(k.count("role r at self permit m/docs:view when context.env == \"sandbox\""));
  CHECK(k.size() == 4);  // plus the level's rule
}

TEST_CASE("permissions are remapped by name: adding a resource changes no other permission", "[lower][keys]") {
  auto before = driver::compile_text("a.writ", "policy p { }\nmodule m { action view: read; resource a actions view; resource c actions view; }\n");
  auto after = driver::compile_text("b.writ", "policy p { }\nmodule m { action view: read; resource a actions view; resource b actions view; resource c actions view; }\n");
  REQUIRE(before.ok());
  REQUIRE(after.ok());
  auto map = ir::remap(*before.policy, *after.policy);
  REQUIRE(map.size() == 2);
  REQUIRE(map[0]);
  REQUIRE(map[1]);
  CHECK(after.policy->permission_name(*map[0]) == "m/a:view");
  CHECK(after.policy->permission_name(*map[1]) == "m/c:view");  // id 1 before, id 2 after
  auto back = ir::remap(*after.policy, *before.policy);
  CHECK_FALSE(back[1].has_value());  // m/b:view does not exist before
  auto s = ir::remap_set(ir::PermissionSet::range(0, 3), back);
  CHECK(s.count() == 2);
}

TEST_CASE("template constraints have keys the diff can compare", "[lower][keys]") {
  auto c = driver::compile_text("t.writ", std::string(kHead) + R"(role admin { permit m/**:*; }
role r { permit m/docs:view; }
template t { grantee internal; granted_by admin; valid_to required; duration default 1d max 5d; grants r; scope descendants; ceiling grantor; precondition context.env == "production"; revocable; }
)");
  REQUIRE(c.ok());
  auto cs = ir::template_constraints(*c.policy, ir::TemplateId{0});
  std::map<std::string, std::string> m(cs.begin(), cs.end());
  CHECK(m.at("template t duration max") == "5d");
  CHECK(m.at("template t scope") == "descendants");
  CHECK(m.at("template t ceiling grantor") == "yes");
  CHECK(m.count("template t precondition context.env == \"production\""));
  CHECK(m.count("template t granted_by admin"));
  CHECK(m.at("template t revocable") == "yes");
  CHECK(m.at("template t audited") == "no");
}
