// Pass 4: levels. `above` (ordering, W024 on cycles), `= readonly(L)` (kept as data: the
// interpreter derives the read-class permissions of L), permits with their requirements on other
// modules, level-wide requirements (W023 on cycles). W033 for a level of the wrong module, W042
// for a requirement on the level's own module, W032 for write actions in a derived read-only level.
// Covered by tests/unit/lower/lower_levels_test.cpp and fixtures W023, W024, W032, W033, W042.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

std::string chain_text(const ir::Policy& p, const std::vector<std::uint32_t>& chain) {
  std::vector<std::string> names;
  for (auto n : chain) names.push_back(fmt::format("`{}`", level_name(p, ir::LevelId{n})));
  return fmt::format("{}", fmt::join(names, " -> "));
}

/// A permit of a level: its pattern must be in the level's module (W033) and its requirements on
/// other modules (W042).
ir::Rule lower_level_permit(Lowerer& l, ir::ModuleId module, const ast::Name& level, const ast::Permit& permit) {
  const std::string& mod = l.p.modules[module.value].name;
  ir::Rule rule = l.lower_rule(permit.pattern, permit.when);
  rule.span = permit.span;
  if (permit.pattern.module.text != mod && l.p.module_by_name.count(permit.pattern.module.text)) {
    // A level is a set of permissions of its own module only.
    l.diags.report(DiagCode::level_wrong_module, permit.pattern.module.span, level.text, mod, permit.pattern.module.text);
    rule.permissions = ir::PermissionSet(l.p.permission_count());
  }
  for (const auto& r : permit.requirements) {
    if (r.module.text == permit.pattern.module.text) {
      l.diags.report(DiagCode::self_requirement, r.span,
                     fmt::format("a permit of module `{}` requires a level of its own module; a level's own "
                                 "permissions cannot depend on it",
                                 r.module.text));
      continue;
    }
    if (auto req = l.lower_requirement(r)) rule.requirements.push_back(*req);
  }
  return rule;
}

}  // namespace

void lower_levels(Lowerer& l) {
  ir::Policy& p = l.p;
  const std::size_t n = p.levels.size();
  std::vector<std::vector<Edge>> above(n), requires_(n), derived(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const ast::LevelDecl& d = *l.level_decls[i];
    const ir::ModuleId module = p.levels[i].module;
    const std::string& mod = p.modules[module.value].name;
    ir::Level& level = p.levels[i];
    for (const auto& a : d.above)
      if (auto id = l.resolve_level(module, a)) {
        level.above.push_back(*id);
        above[i].push_back(Edge{id->value, a.span});
      }
    if (d.readonly_of) {
      if (auto id = l.resolve_level(module, *d.readonly_of)) {
        level.readonly_of = *id;
        derived[i].push_back(Edge{id->value, d.readonly_of->span});
      }
      // The DSL grammar gives a derived level no body; YAML could. Writes there contradict the
      // derivation (W032); anything else is a body the language does not have (W040).
      for (const auto& permit : d.permits) {
        ir::Rule rule = lower_level_permit(l, module, d.name, permit);
        bool wrote = false;
        for (auto perm : rule.permissions.members()) {
          const ir::Action& act = p.actions[p.permissions[perm.value].action.value];
          if (act.action_class == ir::ActionClass::write) {
            l.diags.report(DiagCode::write_where_read, permit.pattern.span, dsl::print_pattern(permit.pattern), act.name);
            wrote = true;
            break;
          }
        }
        if (!wrote)
          l.diags.report(DiagCode::invalid_value, permit.span,
                         fmt::format("level `{}.{}` is derived with `readonly`; it has no permits of its own", mod,
                                     d.name.text));
      }
      if (!d.requirements.empty())
        l.diags.report(DiagCode::invalid_value, d.requirements.front().span,
                       fmt::format("level `{}.{}` is derived with `readonly`; it has no requirements of its own", mod,
                                   d.name.text));
      continue;
    }
    for (const auto& permit : d.permits) level.permits.push_back(lower_level_permit(l, module, d.name, permit));
    for (const auto& r : d.requirements) {
      if (r.module.text == mod) {
        l.diags.report(DiagCode::self_requirement, r.span,
                       fmt::format("level `{}.{}` requires a level of its own module `{}`", mod, d.name.text, mod));
        continue;
      }
      if (auto req = l.lower_requirement(r)) {
        level.requirements.push_back(*req);
        requires_[i].push_back(Edge{req->level.value, r.span});
      }
    }
  }
  find_cycles(above, [&](const std::vector<std::uint32_t>& chain, Span span) {
    l.diags.report(DiagCode::level_order_cycle, span, chain_text(p, chain));
  });
  find_cycles(derived, [&](const std::vector<std::uint32_t>& chain, Span span) {
    l.diags.report(DiagCode::level_order_cycle, span, chain_text(p, chain) + " (through `readonly`)");
  });
  find_cycles(requires_, [&](const std::vector<std::uint32_t>& chain, Span span) {
    l.diags.report(DiagCode::requirement_cycle, span, chain_text(p, chain));
  });
}

}  // namespace writ::lower::detail
