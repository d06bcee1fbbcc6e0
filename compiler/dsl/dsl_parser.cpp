// See dsl_parser.hpp. Runs the grammar with the actions of dsl_actions.hpp and turns every way the
// parse can stop (syntax error, nesting, budget) into exactly one diagnostic; nothing escapes.
#include "compiler/dsl/dsl_parser.hpp"

#include <exception>

#include "compiler/dsl/dsl_actions.hpp"

namespace writ::dsl {
namespace {

using detail::State;

/// Runs `Rule` over `text` (which starts at `origin`) and reports failures. True on success.
template <typename Rule>
bool run(std::string_view text, Span origin, const std::string& source, Diagnostics& diags, State& state) {
  auto report = [&](DiagCode code, std::size_t offset, auto&&... args) {
    Span at = state.pos.span(offset, std::min(offset + 1, text.size()));
    diags.report(code, at, std::forward<decltype(args)>(args)...);
  };
  try {
    tao::pegtl::memory_input<tao::pegtl::tracking_mode::lazy> in(text.data(), text.size(), source);
    if (tao::pegtl::parse<Rule, detail::action, detail::control>(in, state)) return true;
    report(DiagCode::syntax_error, 0, "unexpected input");  // unreachable: every rule ends in must<>
  } catch (const tao::pegtl::parse_error& e) {
    std::size_t offset = e.positions().empty() ? 0 : e.positions().front().byte;
    report(DiagCode::syntax_error, offset, std::string(e.message()));
  } catch (const detail::NestingTooDeep& e) {
    report(DiagCode::nesting_too_deep, e.offset, limits::kMaxNesting);
  } catch (const detail::BudgetExhausted& e) {
    report(DiagCode::parse_budget, e.offset, state.budget);
  } catch (const std::exception& e) {
    // Out of memory or an internal error: still a diagnostic, never an escaped exception.
    report(DiagCode::syntax_error, 0, fmt::format("internal parser error: {}", e.what()));
  }
  (void)origin;
  return false;
}

template <typename Rule>
bool run_fragment(std::string_view text, Span origin, Diagnostics& diags, State& state) {
  return run<Rule>(text, origin, "fragment", diags, state);
}

}  // namespace

std::optional<ast::File> parse_file(const SourceMap& sources, FileId file, Diagnostics& diags) {
  const std::string& text = sources.text(file);
  State state(text, Span{file, 0, 0, 1, 1}, limits::parse_step_budget(text.size()));
  if (!run<grammar::file>(text, Span{file, 0, 0, 1, 1}, sources.path(file), diags, state)) return std::nullopt;
  ast::File out = std::move(state.file);
  out.id = file;
  out.path = sources.path(file);
  // Comments after the last declaration.
  out.trailing_comments.insert(out.trailing_comments.end(), state.pending.begin(), state.pending.end());
  if (out.decls.empty()) {
    diags.report(DiagCode::empty_file, Span{file, 0, 0, 1, 1});
    return std::nullopt;
  }
  return out;
}

std::optional<ast::Expr> parse_expression(std::string_view text, Span origin, Diagnostics& diags) {
  State state(text, origin, limits::parse_step_budget(text.size()));
  if (!run_fragment<grammar::expression_fragment>(text, origin, diags, state)) return std::nullopt;
  return std::move(state.exprs.back());
}

std::optional<ast::PermissionPattern> parse_pattern(std::string_view text, Span origin, Diagnostics& diags) {
  State state(text, origin, limits::parse_step_budget(text.size()));
  if (!run_fragment<grammar::pattern_fragment>(text, origin, diags, state)) return std::nullopt;
  return std::move(state.patterns.back());
}

std::optional<ast::Requirement> parse_requirement(std::string_view text, Span origin, Diagnostics& diags) {
  State state(text, origin, limits::parse_step_budget(text.size()));
  if (!run_fragment<grammar::requirement_fragment>(text, origin, diags, state)) return std::nullopt;
  return std::move(state.requirements.back());
}

}  // namespace writ::dsl
