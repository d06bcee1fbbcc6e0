// Pass 4: levels. `above` (ordering) and `includes` (the included levels' permits are this
// level's too, which implies `above`), `= readonly(L)` (kept as data: the facts layer derives the
// read-class permissions of L), permits with their requirements on other modules, level-wide
// requirements. W024 on cycles of the level order (above, includes and readonly together), W023
// on requirement cycles, W033 for a level of the wrong module, W042 for a requirement on the
// level's own module, W032 for write actions in a derived read-only level.
// Covered by tests/unit/lower/lower_policy_test.cpp and fixtures W023, W024, W032, W033, W042.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/ir/print.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

std::string chain_text(const ir::Policy& p, const std::vector<std::uint32_t>& chain) {
  std::vector<std::string> names;
  for (auto n : chain) names.push_back(fmt::format("`{}`", ir::level_name(p, ir::LevelId{n})));
  return fmt::format("{}", fmt::join(names, " -> "));
}

/// A permit of a level: its pattern must be in the level's module (W033) and its requirements on
/// other modules (W042).
ir::RuleId lower_level_permit(Lowerer& l, ir::LevelId level_id, const ast::Name& level, const ast::Permit& permit) {
  const ir::ModuleId module = l.p[level_id].module;
  const std::string& mod = l.p[module].name;
  const ir::RuleId id = l.add_rule(ir::RuleKind::level_permit, permit.pattern, permit.when, permit.name, permit.span);
  ir::Rule& rule = l.p.rules[id.value];
  rule.level = level_id;
  if (permit.pattern.module.text != mod && l.p.module_by_name.count(permit.pattern.module.text)) {
    // A level is a set of permissions of its own module only.
    l.diags.report(DiagCode::level_wrong_module, permit.pattern.module.span, level.text, mod, permit.pattern.module.text);
    l.p.rules[id.value].permissions = {};
  }
  for (const auto& r : permit.requirements) {
    if (r.module.text == permit.pattern.module.text) {
      l.diags.report(DiagCode::self_requirement, r.span,
                     fmt::format("a permit of module `{}` requires a level of its own module; a level's own "
                                 "permissions cannot depend on it",
                                 r.module.text));
      continue;
    }
    if (auto req = l.lower_requirement(r)) l.p.rules[id.value].requirements.push_back(*req);
  }
  return id;
}

void add_unique(std::vector<ir::LevelId>& v, ir::LevelId id) {
  if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
}

}  // namespace

void lower_levels(Lowerer& l) {
  ir::Policy& p = l.p;
  const std::size_t n = p.levels.size();
  std::vector<std::vector<Edge>> order(n), requires_(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const ast::LevelDecl& d = *l.level_decls[i];
    const ir::LevelId self{i};
    const ir::ModuleId module = p.levels[i].module;
    const std::string& mod = p[module].name;
    for (const auto& a : d.above)
      if (auto id = l.resolve_level(module, a)) {
        add_unique(p.levels[i].above, *id);
        order[i].push_back(Edge{id->value, a.span});
      }
    for (const auto& inc : d.includes)
      if (auto id = l.resolve_level(module, inc)) {
        add_unique(p.levels[i].includes, *id);
        add_unique(p.levels[i].above, *id);  // a level holding all of L's permits is at least as strong as L
        order[i].push_back(Edge{id->value, inc.span});
      }
    if (d.readonly_of) {
      if (auto id = l.resolve_level(module, *d.readonly_of)) {
        p.levels[i].readonly_of = *id;
        order[i].push_back(Edge{id->value, d.readonly_of->span});
      }
      // The DSL grammar gives a derived level no body; YAML could. Writes there contradict the
      // derivation (W032); anything else is a body the language does not have (W040).
      for (const auto& permit : d.permits) {
        const ir::RuleId rid = lower_level_permit(l, self, d.name, permit);
        bool wrote = false;
        for (auto perm : p[rid].permissions.members()) {
          const ir::Action& act = p[p[perm].action];
          if (act.action_class == ir::ActionClass::write) {
            l.diags.report(DiagCode::write_where_read, permit.pattern.span, dsl::print_pattern(permit.pattern), act.name);
            wrote = true;
            break;
          }
        }
        if (!wrote)
          l.diags.report(DiagCode::invalid_value, permit.span,
                         fmt::format("level `{}.{}` is derived with `readonly`; it has no permits of its own", mod, d.name.text));
      }
      if (!d.requirements.empty())
        l.diags.report(DiagCode::invalid_value, d.requirements.front().span,
                       fmt::format("level `{}.{}` is derived with `readonly`; it has no requirements of its own", mod, d.name.text));
      if (!d.includes.empty())
        l.diags.report(DiagCode::invalid_value, d.includes.front().span,
                       fmt::format("level `{}.{}` is derived with `readonly`; it includes nothing of its own", mod, d.name.text));
      continue;
    }
    for (const auto& permit : d.permits) {
      const ir::RuleId rid = lower_level_permit(l, self, d.name, permit);
      p.levels[i].permits.push_back(rid);
    }
    for (const auto& r : d.requirements) {
      if (r.module.text == mod) {
        l.diags.report(DiagCode::self_requirement, r.span, fmt::format("level `{}.{}` requires a level of its own module `{}`", mod, d.name.text, mod));
        continue;
      }
      if (auto req = l.lower_requirement(r)) {
        p.levels[i].requirements.push_back(*req);
        requires_[i].push_back(Edge{p[*req].level.value, r.span});
      }
    }
  }
  find_cycles(order, [&](const std::vector<std::uint32_t>& chain, Span span) {
    l.diags.report(DiagCode::level_order_cycle, span, chain_text(p, chain));
  });
  find_cycles(requires_, [&](const std::vector<std::uint32_t>& chain, Span span) {
    l.diags.report(DiagCode::requirement_cycle, span, chain_text(p, chain));
  });
}

}  // namespace writ::lower::detail
