// Permission patterns -> PermissionSet: `M/a/b:act` is one permission, `M/a/**:x` the resource
// and every descendant, `M/**:x` the whole module; actions by name, list, `*`, `@read`, `@write`.
// Errors: W020 (unknown module, resource or action), W030 (action not on the resource), W031
// (a wildcard that selects nothing). Used by lowering and by the request reader for custom grants
// (never by the interpreter: requests reach it with their patterns resolved).
// Covered by tests/unit/lower/lower_policy_test.cpp and fixtures W020/W030/W031.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower {
namespace {

/// `typed` is what the user wrote at `span` (one segment), compared with the candidates; `name`
/// is what the message shows.
void undeclared(Diagnostics& diags, std::string_view kind, const std::string& name, Span span,
                const std::vector<std::string>& candidates, std::string_view typed = {}) {
  auto& d = diags.report(DiagCode::undeclared_name, span, kind, name);
  if (auto c = detail::closest(typed.empty() ? name : typed, candidates))
    d.help.push_back(fmt::format("did you mean `{}`?", *c));
}

void add_subtree(const ir::Policy& p, ir::ResourceId r, std::vector<ir::ResourceId>& out) {
  out.push_back(r);
  for (auto c : p.resources[r.value].children) add_subtree(p, c, out);
}

ir::Pattern::Actions actions_of(ast::PermissionPattern::Actions a) {
  switch (a) {
    case ast::PermissionPattern::Actions::named: return ir::Pattern::Actions::named;
    case ast::PermissionPattern::Actions::all: return ir::Pattern::Actions::all;
    case ast::PermissionPattern::Actions::read_class: return ir::Pattern::Actions::read_class;
    case ast::PermissionPattern::Actions::write_class: return ir::Pattern::Actions::write_class;
  }
  return ir::Pattern::Actions::named;
}

}  // namespace

ir::PermissionSet expand_pattern(const ir::Policy& p, const ast::PermissionPattern& pat, Diagnostics& diags, ir::Pattern* resolved) {
  const ir::PermissionSet none;
  auto mit = p.module_by_name.find(pat.module.text);
  if (mit == p.module_by_name.end()) {
    std::vector<std::string> names;
    for (const auto& m : p.modules) names.push_back(m.name);
    undeclared(diags, "module", pat.module.text, pat.module.span, names);
    return none;
  }
  const ir::ModuleId module = mit->second;
  const ir::Module& mod = p.modules[module.value];

  // Resources the pattern selects: one, a subtree, or (`M/**`) the whole module.
  std::vector<ir::ResourceId> selected;
  std::optional<ir::ResourceId> at;
  std::string path;
  for (const auto& seg : pat.path) {
    path += (path.empty() ? "" : "/") + seg.text;
    auto it = p.resource_by_path.find(mod.name + "/" + path);
    if (it == p.resource_by_path.end()) {
      std::vector<std::string> siblings;
      const auto& kids = at ? p.resources[at->value].children : std::vector<ir::ResourceId>{};
      if (at) {
        for (auto c : kids) siblings.push_back(p.resources[c.value].name);
      } else {
        for (auto r : mod.resources)
          if (!p.resources[r.value].parent) siblings.push_back(p.resources[r.value].name);
      }
      undeclared(diags, "resource", mod.name + "/" + path, seg.span, siblings, seg.text);
      return none;
    }
    at = it->second;
  }
  if (at) {
    if (pat.subtree) add_subtree(p, *at, selected);
    else selected.push_back(*at);
  } else if (pat.subtree) {
    selected = mod.resources;
  }
  const std::string where = mod.name + (path.empty() ? "" : "/" + path) + (pat.subtree ? "/**" : "");

  ir::Pattern ir_pattern;
  ir_pattern.module = module;
  for (const auto& seg : pat.path) ir_pattern.path.push_back(seg.text);
  ir_pattern.subtree = pat.subtree;
  ir_pattern.actions = actions_of(pat.actions);

  ir::PermissionSet out;
  bool ok = true;
  if (pat.actions == ast::PermissionPattern::Actions::named) {
    std::vector<std::string> module_actions;
    for (auto a : mod.actions) module_actions.push_back(p.actions[a.value].name);
    for (const auto& name : pat.action_names) {
      auto it = p.action_by_name.find(mod.name + ":" + name.text);
      if (it == p.action_by_name.end()) {
        undeclared(diags, "action", name.text, name.span, module_actions);
        ok = false;
        continue;
      }
      if (std::find(ir_pattern.named.begin(), ir_pattern.named.end(), it->second) == ir_pattern.named.end())
        ir_pattern.named.push_back(it->second);
      bool found = false;
      for (auto r : selected)
        if (auto perm = p.permission_of(r, it->second)) {
          out.insert(*perm);
          found = true;
        }
      if (!found) {
        diags.report(DiagCode::action_not_on_resource, name.span, name.text, where);
        ok = false;
      }
    }
  } else {
    for (auto r : selected)
      for (auto a : p.resources[r.value].actions) {
        const auto cls = p.actions[a.value].action_class;
        if (pat.actions == ast::PermissionPattern::Actions::all ||
            (pat.actions == ast::PermissionPattern::Actions::read_class && cls == ir::ActionClass::read) ||
            (pat.actions == ast::PermissionPattern::Actions::write_class && cls == ir::ActionClass::write))
          out.insert(*p.permission_of(r, a));
      }
    if (out.empty()) {
      diags.report(DiagCode::pattern_matches_nothing, pat.span, dsl::print_pattern(pat));
      ok = false;
    }
  }
  std::sort(ir_pattern.named.begin(), ir_pattern.named.end());
  if (resolved) *resolved = std::move(ir_pattern);
  return ok ? out : none;
}

}  // namespace writ::lower
