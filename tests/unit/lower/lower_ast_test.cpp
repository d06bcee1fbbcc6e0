// Lowering from hand-built ASTs, independent of both front ends: the permission numbering,
// pattern expansion (`**`, `@read`, `@write`, `*`, lists) and what no grammar can express
// (W032: a body on a derived read-only level, which only a YAML file could write).
#include <catch2/catch.hpp>

#include "compiler/lower/dump.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/lower/lower.hpp"

namespace {
using namespace writ;

Span sp(std::uint32_t line, std::uint32_t col = 1) { return Span{1, line * 100 + col, line * 100 + col + 1, line, col}; }
ast::Name nm(std::string text, std::uint32_t line = 1) { return ast::Name{std::move(text), sp(line)}; }

ast::ResourceDecl resource(std::string name, std::vector<std::string> actions, std::vector<ast::ResourceDecl> kids = {}) {
  ast::ResourceDecl r;
  r.name = nm(std::move(name));
  for (auto& a : actions) r.actions.push_back(nm(a));
  r.children = std::move(kids);
  return r;
}

ast::PermissionPattern pattern(std::string module, std::vector<std::string> path, bool subtree,
                               ast::PermissionPattern::Actions actions, std::vector<std::string> names = {},
                               std::uint32_t line = 30) {
  ast::PermissionPattern p;
  p.module = nm(std::move(module), line);
  for (auto& s : path) p.path.push_back(nm(s, line));
  p.subtree = subtree;
  p.actions = actions;
  for (auto& n : names) p.action_names.push_back(nm(n, line));
  p.span = sp(line);
  return p;
}

/// module portal { action view: read; action edit, delete: write;
///   resource reports actions view, edit { resource detail actions view, delete; }
///   resource tenants actions view; }
/// module billing { action view: read; resource services actions view; }
ast::File base_file() {
  ast::File f;
  f.id = 1;
  f.path = "t.writ";
  ast::PolicyDecl policy;
  policy.name = nm("p");
  f.decls.emplace_back(policy);
  ast::ModuleDecl portal;
  portal.name = nm("portal", 2);
  auto action = [](std::string n, ast::ActionClass c) {
    ast::ActionDecl a;
    a.name = nm(std::move(n), 3);
    a.action_class = c;
    return a;
  };
  portal.actions = {action("view", ast::ActionClass::read), action("edit", ast::ActionClass::write),
                    action("delete", ast::ActionClass::write)};
  portal.resources.push_back(resource("reports", {"view", "edit"}, {resource("detail", {"view", "delete"})}));
  portal.resources.push_back(resource("tenants", {"view"}));
  f.decls.emplace_back(portal);
  ast::ModuleDecl billing;
  billing.name = nm("billing", 4);
  billing.actions = {action("view", ast::ActionClass::read)};
  billing.resources.push_back(resource("services", {"view"}));
  f.decls.emplace_back(billing);
  return f;
}

std::vector<std::string> names(const ir::Policy& p, const ir::PermissionSet& s) {
  std::vector<std::string> out;
  for (auto id : s.members()) out.push_back(p.permission_name(id));
  return out;
}

using A = ast::PermissionPattern::Actions;

}  // namespace

TEST_CASE("permissions are numbered by module, resource pre-order, then the resource's action order", "[lower]") {
  SourceMap sources;
  sources.add("t.writ", std::string(4000, ' '));
  Diagnostics diags;
  auto lowered = lower::lower({base_file()}, sources, diags);
  REQUIRE(lowered);
  const ir::Policy* p = &lowered->policy;
  std::vector<std::string> all;
  for (std::uint32_t i = 0; i < p->permission_count(); ++i) all.push_back(p->permission_name(ir::PermissionId{i}));
  CHECK(all == std::vector<std::string>{"portal/reports:view", "portal/reports:edit", "portal/reports/detail:view",
                                        "portal/reports/detail:delete", "portal/tenants:view", "billing/services:view"});
  const auto detail = p->resource_by_path.at("portal/reports/detail");
  CHECK(p->resources[detail.value].parent == p->resource_by_path.at("portal/reports"));
  CHECK(p->permission_of(detail, p->action_by_name.at("portal:delete")) == ir::PermissionId{3});
  CHECK_FALSE(p->permission_of(detail, p->action_by_name.at("portal:edit")).has_value());
  CHECK(names(*p, facts::Facts(*p).read_permissions()) ==
        std::vector<std::string>{"portal/reports:view", "portal/reports/detail:view", "portal/tenants:view",
                                 "billing/services:view"});
}

TEST_CASE("pattern expansion: one, lists, subtrees, classes, whole module", "[lower][pattern]") {
  SourceMap sources;
  sources.add("t.writ", std::string(4000, ' '));
  Diagnostics diags;
  auto lowered = lower::lower({base_file()}, sources, diags);
  REQUIRE(lowered);
  const ir::Policy* p = &lowered->policy;
  auto expand = [&](const ast::PermissionPattern& pat) { return names(*p, lower::expand_pattern(*p, pat, diags)); };
  using V = std::vector<std::string>;
  CHECK(expand(pattern("portal", {"reports"}, false, A::named, {"edit"})) == V{"portal/reports:edit"});
  CHECK(expand(pattern("portal", {"reports"}, false, A::named, {"view", "edit"})) ==
        V{"portal/reports:view", "portal/reports:edit"});
  CHECK(expand(pattern("portal", {"reports"}, false, A::all)) == V{"portal/reports:view", "portal/reports:edit"});
  CHECK(expand(pattern("portal", {"reports"}, true, A::all)) ==
        V{"portal/reports:view", "portal/reports:edit", "portal/reports/detail:view", "portal/reports/detail:delete"});
  CHECK(expand(pattern("portal", {}, true, A::read_class)) ==
        V{"portal/reports:view", "portal/reports/detail:view", "portal/tenants:view"});
  CHECK(expand(pattern("portal", {}, true, A::write_class)) == V{"portal/reports:edit", "portal/reports/detail:delete"});
  // A named action on a subtree needs only one resource below to have it.
  CHECK(expand(pattern("portal", {"reports"}, true, A::named, {"delete"})) == V{"portal/reports/detail:delete"});
  CHECK(diags.empty());

  auto codes = [&](const ast::PermissionPattern& pat) {
    Diagnostics d;
    CHECK(lower::expand_pattern(*p, pat, d).empty());
    std::vector<std::string> out;
    for (const auto& x : d.items()) out.emplace_back(x.code());
    return out;
  };
  CHECK(codes(pattern("portl", {"reports"}, false, A::all)) == V{"W020"});
  CHECK(codes(pattern("portal", {"reprts"}, false, A::all)) == V{"W020"});
  CHECK(codes(pattern("portal", {"reports"}, false, A::named, {"delete"})) == V{"W030"});
  CHECK(codes(pattern("portal", {"reports"}, false, A::named, {"nope"})) == V{"W020"});
  CHECK(codes(pattern("portal", {"tenants"}, false, A::write_class)) == V{"W031"});
  Diagnostics d;
  lower::expand_pattern(*p, pattern("portal", {"reprts"}, false, A::all), d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].help == std::vector<std::string>{"did you mean `reports`?"});
}

TEST_CASE("a derived read-only level with a body: W032 for writes, W040 otherwise", "[lower][W032]") {
  ast::File f = base_file();
  auto& portal = std::get<ast::ModuleDecl>(f.decls[1]);
  ast::LevelDecl l1;
  l1.name = nm("l1", 10);
  ast::Permit all;
  all.pattern = pattern("portal", {}, true, A::all, {}, 11);
  all.span = sp(11);
  l1.permits.push_back(all);
  ast::LevelDecl ro;
  ro.name = nm("ro", 12);
  ro.readonly_of = nm("l1", 12);
  ast::Permit write;
  write.pattern = pattern("portal", {"reports"}, false, A::named, {"edit"}, 13);
  write.span = sp(13);
  ast::Permit read;
  read.pattern = pattern("portal", {"reports"}, false, A::named, {"view"}, 14);
  read.span = sp(14);
  ro.permits = {write, read};
  portal.levels = {l1, ro};
  SourceMap sources;
  sources.add("t.writ", std::string(4000, ' '));
  Diagnostics diags;
  auto lowered = lower::lower({f}, sources, diags);
  CHECK_FALSE(lowered);
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].code() == "W032");
  CHECK(diags.items()[0].span.line == 13);
  CHECK(diags.items()[0].message == "`portal/reports:edit` includes write action `edit` where only read actions are allowed");
  CHECK(diags.items()[1].code() == "W040");
}

TEST_CASE("a derived read-only level keeps readonly_of and no permits", "[lower][readonly]") {
  ast::File f = base_file();
  auto& portal = std::get<ast::ModuleDecl>(f.decls[1]);
  ast::LevelDecl l1;
  l1.name = nm("l1", 10);
  ast::Permit all;
  all.pattern = pattern("portal", {}, true, A::all, {}, 11);
  l1.permits.push_back(all);
  ast::LevelDecl ro;
  ro.name = nm("ro", 12);
  ro.readonly_of = nm("l1", 12);
  portal.levels = {ro, l1};  // declared before its source: order does not matter
  SourceMap sources;
  sources.add("t.writ", std::string(4000, ' '));
  Diagnostics diags;
  auto lowered = lower::lower({f}, sources, diags);
  REQUIRE(lowered);
  const ir::Policy* p = &lowered->policy;
  const auto& level = p->levels[p->level_by_name.at("portal.ro").value];
  CHECK(level.readonly_of == p->level_by_name.at("portal.l1"));
  CHECK(level.permits.empty());
}
