// Private to the DSL parser: the actions of the expression layer (docs/language.md §3), which
// build ast::Expr trees on the expression stack with their depth (W005), and of permission
// patterns and requirements (§4). Covered by tests/unit/dsl/dsl_parser_test.cpp.
#pragma once

#include "compiler/dsl/actions_common.hpp"

namespace writ::dsl::detail {

namespace g = writ::grammar;
namespace pegtl = tao::pegtl;

// ---- §3 expressions
inline ast::Expr make_expr(ast::Expr::Kind k, Span span) {
  ast::Expr e;
  e.kind = k;
  e.span = span;
  return e;
}
template <bool V>
struct bool_action {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto e = make_expr(ast::Expr::Kind::boolean, s.pos.span(in.begin(), in.end()));
    e.bool_value = V;
    push_expr(s, std::move(e), 1, s.pos.offset(in.begin()));
  }
};
template <> struct action<g::expr_true> : bool_action<true> {};
template <> struct action<g::expr_false> : bool_action<false> {};
template <> struct action<g::expr_integer> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto e = make_expr(ast::Expr::Kind::integer, s.pos.span(in.begin(), in.end()));
    auto [p, ec] = std::from_chars(in.begin(), in.end(), e.int_value);
    if (ec != std::errc()) throw pegtl::parse_error("integer is too large", in.position());
    push_expr(s, std::move(e), 1, s.pos.offset(in.begin()));
  }
};
template <> struct action<g::expr_string> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto e = make_expr(ast::Expr::Kind::string, s.pos.span(in.begin(), in.end()));
    e.text = unescape(in.string_view());
    push_expr(s, std::move(e), 1, s.pos.offset(in.begin()));
  }
};
template <> struct action<g::expr_path> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto e = make_expr(ast::Expr::Kind::path, s.pos.span(in.begin(), in.end()));
    std::string_view t = in.string_view();
    for (std::size_t b = 0;;) {
      std::size_t d = t.find('.', b);
      e.segments.emplace_back(t.substr(b, d == std::string_view::npos ? std::string_view::npos : d - b));
      if (d == std::string_view::npos) break;
      b = d + 1;
    }
    push_expr(s, std::move(e), 1, s.pos.offset(in.begin()));
  }
};
template <> struct action<g::list_open> {
  static void apply0(State& s) { s.list_marks.push_back(s.exprs.size()); }
};
template <> struct action<g::list_expr> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto e = make_expr(ast::Expr::Kind::list, s.pos.span(in.begin(), in.end()));
    const std::size_t mark = s.list_marks.back();
    s.list_marks.pop_back();
    e.kids.assign(std::make_move_iterator(s.exprs.begin() + static_cast<std::ptrdiff_t>(mark)),
                  std::make_move_iterator(s.exprs.end()));
    s.exprs.resize(mark);
    s.expr_depths.resize(mark);
    push_expr(s, std::move(e), 2, s.pos.offset(in.begin()));
  }
};

/// Replaces the two topmost expressions by `kind(a, b)`, spanning from a's start to b's end.
inline void binary(State& s, ast::Expr::Kind kind, std::size_t offset) {
  auto [b, db] = pop_expr(s);
  auto [a, da] = pop_expr(s);
  Span span = a.span;
  span.end = b.span.end;
  auto e = make_expr(kind, span);
  e.kids.push_back(std::move(a));
  e.kids.push_back(std::move(b));
  push_expr(s, std::move(e), std::max(da, db) + 1, offset);
}
template <ast::Expr::Kind K>
struct binary_action {
  template <typename In>
  static void apply(const In& in, State& s) { binary(s, K, s.pos.offset(in.begin())); }
};
template <> struct action<g::eq_tail> : binary_action<ast::Expr::Kind::eq> {};
template <> struct action<g::ne_tail> : binary_action<ast::Expr::Kind::ne> {};
template <> struct action<g::in_tail> : binary_action<ast::Expr::Kind::in> {};
template <> struct action<g::not_in_tail> : binary_action<ast::Expr::Kind::not_in> {};
template <> struct action<g::and_tail> : binary_action<ast::Expr::Kind::and_> {};
template <> struct action<g::or_tail> : binary_action<ast::Expr::Kind::or_> {};
template <> struct action<g::not_unary> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto [a, depth] = pop_expr(s);
    Span span = s.pos.span(in.begin(), in.begin());
    span.end = a.span.end;
    auto e = make_expr(ast::Expr::Kind::not_, span);
    e.kids.push_back(std::move(a));
    push_expr(s, std::move(e), depth + 1, s.pos.offset(in.begin()));
  }
};

// ---- §4 patterns and requirements
template <> struct action<g::pattern_module> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.pattern = {};
    s.pattern.module = {in.string(), s.pos.span(in.begin(), in.end())};
  }
};
template <> struct action<g::pattern_segment> {
  template <typename In>
  static void apply(const In& in, State& s) { s.pattern.path.push_back({in.string(), s.pos.span(in.begin(), in.end())}); }
};
template <> struct action<g::pattern_subtree> { static void apply0(State& s) { s.pattern.subtree = true; } };
template <> struct action<g::action_all> { static void apply0(State& s) { s.pattern.actions = ast::PermissionPattern::Actions::all; } };
template <> struct action<g::action_read_class> {
  static void apply0(State& s) { s.pattern.actions = ast::PermissionPattern::Actions::read_class; }
};
template <> struct action<g::action_write_class> {
  static void apply0(State& s) { s.pattern.actions = ast::PermissionPattern::Actions::write_class; }
};
template <> struct action<g::pattern_action_name> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.pattern.actions = ast::PermissionPattern::Actions::named;
    s.pattern.action_names.push_back({in.string(), s.pos.span(in.begin(), in.end())});
  }
};
template <> struct action<g::pattern> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.pattern.span = s.pos.span(in.begin(), in.end());
    s.patterns.push_back(std::exchange(s.pattern, {}));
  }
};
template <> struct action<g::req_module> {
  template <typename In>
  static void apply(const In& in, State& s) { s.requirement.module = {in.string(), s.pos.span(in.begin(), in.end())}; }
};
template <> struct action<g::req_level> {
  template <typename In>
  static void apply(const In& in, State& s) { s.requirement.level = {in.string(), s.pos.span(in.begin(), in.end())}; }
};
template <> struct action<g::requirement> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.requirement.span = s.pos.span(in.begin(), in.end());
    s.requirements.push_back(std::exchange(s.requirement, {}));
  }
};

}  // namespace writ::dsl::detail
