// Pass 7: forbid rules (absolute ceilings) and assertions. Selectors resolve to roles, templates
// or levels; assertion patterns are expanded now so the prover works on sets.
// Covered by tests/unit/lower/lower_policy_test.cpp and fixtures W020, W040.
#include <fmt/format.h>

#include "compiler/lower/lower.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

ir::Selector::Kind kind_of(ast::Selector::Kind k) {
  switch (k) {
    case ast::Selector::Kind::anyone: return ir::Selector::Kind::anyone;
    case ast::Selector::Kind::principal_kind: return ir::Selector::Kind::principal_kind;
    case ast::Selector::Kind::role: return ir::Selector::Kind::role;
    case ast::Selector::Kind::template_: return ir::Selector::Kind::template_;
    case ast::Selector::Kind::level: return ir::Selector::Kind::level;
  }
  return ir::Selector::Kind::anyone;
}

ir::Assertion::Kind kind_of(ast::AssertDecl::Kind k) {
  switch (k) {
    case ast::AssertDecl::Kind::never: return ir::Assertion::Kind::never;
    case ast::AssertDecl::Kind::always: return ir::Assertion::Kind::always;
    case ast::AssertDecl::Kind::read_only: return ir::Assertion::Kind::read_only;
    case ast::AssertDecl::Kind::min_holders: return ir::Assertion::Kind::min_holders;
  }
  return ir::Assertion::Kind::never;
}

std::optional<ir::Selector> lower_selector(Lowerer& l, const ast::Selector& s) {
  ir::Selector out;
  out.kind = kind_of(s.kind);
  out.principal_kind = s.principal_kind;
  out.span = s.span;
  switch (s.kind) {
    case ast::Selector::Kind::anyone:
    case ast::Selector::Kind::principal_kind: return out;
    case ast::Selector::Kind::role:
      if (auto id = l.resolve_role(s.name)) {
        out.role = *id;
        return out;
      }
      return std::nullopt;
    case ast::Selector::Kind::template_:
      if (auto id = l.resolve_template(s.name)) {
        out.template_ = *id;
        return out;
      }
      return std::nullopt;
    case ast::Selector::Kind::level: {
      if (!s.module) {
        // `level NAME` without a module: accept it when exactly one module has such a level.
        std::optional<ir::LevelId> found;
        int count = 0;
        for (std::uint32_t i = 0; i < l.p.levels.size(); ++i)
          if (l.p.levels[i].name == s.name.text) {
            found = ir::LevelId{i};
            ++count;
          }
        if (count == 1) {
          out.level = *found;
          return out;
        }
        if (count == 0) l.undeclared("level", s.name.text, s.name.span, {});
        else
          l.diags.report(DiagCode::invalid_value, s.name.span,
                         fmt::format("several modules have a level `{}`; write `level MODULE.{}`", s.name.text, s.name.text));
        return std::nullopt;
      }
      auto m = l.resolve_module(*s.module);
      if (!m) return std::nullopt;
      if (auto lv = l.resolve_level(*m, s.name)) {
        out.level = *lv;
        return out;
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

void lower_rules(Lowerer& l) {
  ir::Policy& p = l.p;
  for (std::uint32_t i = 0; i < l.forbid_decls.size(); ++i) {
    const ast::ForbidDecl* d = l.forbid_decls[i];
    const ir::ForbidId id{i};
    ir::Forbid f;
    f.name = d->name.text;
    f.title = d->title ? d->title->value : "";
    f.reason = d->reason ? d->reason->value : "";
    for (const auto& s : d->applies_to)
      if (auto sel = lower_selector(l, s)) f.applies_to.push_back(*sel);
    for (const auto& deny : d->denies) {
      const ir::RuleId rid = l.add_rule(ir::RuleKind::forbid_deny, deny.pattern, deny.when, deny.name, deny.span);
      p.rules[rid.value].forbid = id;
      f.denies.push_back(rid);
      f.covers |= p[rid].permissions;
    }
    f.when = l.condition(d->when);
    f.span = d->span;
    p.forbids.push_back(std::move(f));
  }
  for (const ast::AssertDecl* d : l.assert_decls) {
    ir::Assertion a;
    a.name = d->name.text;
    a.title = d->title ? d->title->value : "";
    a.kind = kind_of(d->kind);
    a.span = d->span;
    if (auto sel = lower_selector(l, d->subject)) a.subject = *sel;
    if (d->pattern) {
      ir::Pattern pattern;
      a.permissions = expand_pattern(p, *d->pattern, l.diags, &pattern);
      a.pattern = std::move(pattern);
    }
    a.count = d->count;
    using K = ast::AssertDecl::Kind;
    using SK = ast::Selector::Kind;
    if (d->kind == K::min_holders) {
      if (d->subject.kind != SK::role) l.diags.report(DiagCode::invalid_value, d->subject.span, "`min_holders` counts the holders of a role");
      if (d->count < 1)
        l.diags.report(DiagCode::invalid_value, d->span, fmt::format("`min_holders` needs a count of at least 1; `{}` is not", d->count));
    }
    if (d->kind == K::read_only && d->subject.kind != SK::role && d->subject.kind != SK::level)
      l.diags.report(DiagCode::invalid_value, d->subject.span, "`read_only` is asserted of a role or a level");
    p.assertions.push_back(std::move(a));
  }
}

}  // namespace writ::lower::detail
