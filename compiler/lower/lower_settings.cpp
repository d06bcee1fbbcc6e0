// Pass 9: the analysis settings of issue 8 — `suppress CODE "REASON";` in declarations and the
// policy header, `severity CODE LEVEL;` in the header — checked where they are written: a reason
// that says nothing (W040), a level that is not a severity or `off` (W040), the same code twice in
// one place (W021); then copied into ir::Policy::suppressions (each with the span of the
// declaration it sits in, none for the header: the whole policy) and ir::Policy::severities.
// Check codes are not resolved here: the catalogue belongs to the analyses, which report a code
// they do not know as a bad setting (compiler/analysis/analyze.cpp).
// Covered by tests/unit/lower/settings_test.cpp and the fixtures W040_analysis_settings,
// W001_suppress_without_reason, W016_suppress_without_reason.
#include <fmt/format.h>

#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

/// `within`: the span of the declaration the suppressions sit in; empty for the policy header.
void suppressions(Lowerer& l, const std::vector<ast::Suppression>& xs, Span within) {
  Declared seen("suppression of check");
  for (const ast::Suppression& x : xs) {
    if (!seen.add(x.code, l.diags)) continue;
    if (is_blank(x.reason.value)) {
      l.diags.report(DiagCode::invalid_value, x.reason.span,
                     fmt::format("`suppress {}` gives no reason; say why the finding is acceptable", x.code.text));
      continue;
    }
    l.p.suppressions.push_back(ir::Suppression{x.code.text, x.reason.value, within, x.span});
  }
}

template <class D>
void suppressions_all(Lowerer& l, const std::vector<const D*>& decls) {
  for (const D* d : decls) suppressions(l, d->suppressions, d->span);
}

/// The levels a check may be given: the diagnostics' severities, or `off`.
bool known_level(std::string_view level) {
  if (level == "off") return true;
  for (auto s : {Severity::note, Severity::warning, Severity::error})
    if (severity_name(s) == level) return true;
  return false;
}

void severities(Lowerer& l, const ast::PolicyDecl& d) {
  Declared seen("severity of check");
  for (const ast::SeverityOverride& x : d.severities) {
    if (!seen.add(x.code, l.diags)) continue;
    if (!known_level(x.level.text)) {
      l.diags.report(DiagCode::invalid_value, x.level.span,
                     fmt::format("unknown severity `{}` for check `{}`; write {}, {}, {} or off", x.level.text, x.code.text,
                                 severity_name(Severity::error), severity_name(Severity::warning),
                                 severity_name(Severity::note)));
      continue;
    }
    l.p.severities.push_back(ir::SeverityOverride{x.code.text, x.level.text, x.span});
  }
}

}  // namespace

void lower_settings(Lowerer& l) {
  if (l.policy_decl) {
    suppressions(l, l.policy_decl->suppressions, Span{});
    severities(l, *l.policy_decl);
  }
  suppressions_all(l, l.module_decls);
  suppressions_all(l, l.level_decls);
  suppressions_all(l, l.role_decls);
  suppressions_all(l, l.forbid_decls);
  suppressions_all(l, l.template_decls);
  suppressions_all(l, l.implicit_decls);
}

}  // namespace writ::lower::detail
