// Pass 2: each module's actions, resource tree and level names, and the dense permission
// numbering every bitset relies on: module order, then resources in pre-order, then each
// resource's actions in the order the resource lists them.
// Covered by tests/unit/lower/lower_ast_test.cpp.
#include <fmt/format.h>

#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

std::string text_of(const std::optional<ast::StringLit>& s) { return s ? s->value : std::string(); }

struct ModuleLowering {
  Lowerer& l;
  ir::ModuleId module;
  Declared resources{"resource"};

  void resource(const ast::ResourceDecl& d, std::optional<ir::ResourceId> parent, const std::string& parent_path) {
    ir::Policy& p = l.p;
    const std::string path = parent_path.empty() ? d.name.text : parent_path + "/" + d.name.text;
    if (!resources.add(ast::Name{path, d.name.span}, l.diags)) return;
    const ir::ResourceId id{static_cast<std::uint32_t>(p.resources.size())};
    ir::Resource r;
    r.module = module;
    r.parent = parent;
    r.name = d.name.text;
    r.path = path;
    r.title = text_of(d.title);
    r.span = d.span;
    const std::string& mod = p.modules[module.value].name;
    std::vector<std::string> module_actions;
    for (auto a : p.modules[module.value].actions) module_actions.push_back(p.actions[a.value].name);
    for (const auto& a : d.actions) {
      auto it = p.action_by_name.find(mod + ":" + a.text);
      if (it == p.action_by_name.end()) {
        l.undeclared("action", a.text, a.span, module_actions);
        continue;
      }
      if (std::find(r.actions.begin(), r.actions.end(), it->second) != r.actions.end()) {
        l.diags.report(DiagCode::duplicate_decl, a.span, fmt::format("action of resource `{}`", path), a.text);
        continue;
      }
      r.actions.push_back(it->second);
    }
    p.resource_by_path.emplace(mod + "/" + path, id);
    p.modules[module.value].resources.push_back(id);
    if (parent) p.resources[parent->value].children.push_back(id);
    // INVARIANT: permissions are appended right after their resource, so both are in pre-order,
    // a resource's permissions are contiguous, and a subtree's permissions are one run.
    r.first_permission = ir::PermissionId{static_cast<std::uint32_t>(p.permissions.size())};
    for (auto a : r.actions) p.permissions.push_back(ir::Permission{module, id, a});
    p.resources.push_back(std::move(r));
    for (const auto& child : d.children) resource(child, id, path);
  }
};

}  // namespace

void lower_modules(Lowerer& l) {
  ir::Policy& p = l.p;
  for (std::uint32_t m = 0; m < l.module_decls.size(); ++m) {
    const ast::ModuleDecl& d = *l.module_decls[m];
    const ir::ModuleId module{m};
    Declared actions("action");
    for (const auto& a : d.actions) {
      if (!actions.add(a.name, l.diags)) continue;
      const ir::ActionId id{static_cast<std::uint32_t>(p.actions.size())};
      p.actions.push_back(ir::Action{module, a.name.text, text_of(a.title), a.action_class, a.span});
      p.action_by_name.emplace(d.name.text + ":" + a.name.text, id);
      p.modules[m].actions.push_back(id);
    }
    ModuleLowering ml{l, module};
    for (const auto& r : d.resources) ml.resource(r, std::nullopt, "");
    Declared levels("level");
    for (const auto& lv : d.levels) {
      if (!levels.add(lv.name, l.diags)) continue;
      const ir::LevelId id{static_cast<std::uint32_t>(p.levels.size())};
      ir::Level level;
      level.module = module;
      level.name = lv.name.text;
      level.title = text_of(lv.title);
      level.description = text_of(lv.description);
      level.span = lv.span;
      p.levels.push_back(std::move(level));
      p.level_by_name.emplace(d.name.text + "." + lv.name.text, id);
      p.modules[m].levels.push_back(id);
      l.level_decls.push_back(&lv);
    }
  }
}

}  // namespace writ::lower::detail
