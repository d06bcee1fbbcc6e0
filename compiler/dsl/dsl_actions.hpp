// Private to the DSL parser: the PEGTL actions that build the AST in detail::State, one per rule
// that carries meaning, and the control class that adds the nesting limit (W005) and the step
// budget (W007) to the grammar's error messages. Covered by tests/unit/dsl/dsl_parser_test.cpp.
#pragma once

#include <charconv>
#include <type_traits>

#include "compiler/dsl/parse_state.hpp"
#include "compiler/source/limits.hpp"
#include "grammar/errors.hpp"

namespace writ::dsl::detail {

namespace g = writ::grammar;
namespace pegtl = tao::pegtl;

// ---------------------------------------------------------------- control

template <typename Rule>
struct control : g::control<Rule> {
  static constexpr bool nests = std::is_base_of_v<g::nesting_rule, Rule>;

  template <typename ParseInput>
  static void start(const ParseInput& in, State& s) {
    if (++s.steps > s.budget) throw BudgetExhausted{s.pos.offset(in.current())};
    if constexpr (nests) {
      if (++s.depth > limits::kMaxNesting) throw NestingTooDeep{s.pos.offset(in.current())};
    }
  }
  template <typename ParseInput>
  static void success(const ParseInput&, State& s) {
    if constexpr (nests) --s.depth;
  }
  template <typename ParseInput>
  static void failure(const ParseInput&, State& s) {
    if constexpr (nests) --s.depth;
  }
};

// ---------------------------------------------------------------- helpers

inline std::string unescape(std::string_view quoted) {
  std::string out;
  out.reserve(quoted.size());
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    char c = quoted[i];
    if (c == '\\' && i + 2 < quoted.size()) {
      char n = quoted[++i];
      out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
    } else {
      out += c;
    }
  }
  return out;
}

template <typename T>
std::vector<T> take(std::vector<T>& v) { return std::exchange(v, {}); }

inline std::optional<ast::StringLit> take_string(State& s) {
  if (s.strings.empty()) return std::nullopt;
  auto v = std::move(s.strings.front());
  s.strings.clear();
  return v;
}

inline std::optional<ast::Expr> take_expr(State& s) {
  if (s.exprs.empty()) return std::nullopt;
  auto e = std::move(s.exprs.back());
  s.exprs.clear();
  s.expr_depths.clear();
  return e;
}

/// Pushes an expression whose tree is `depth` deep. `a and b and c ...` nests without parentheses,
/// so the tree depth is limited here as well (W005): printers, lowering and destructors recurse.
inline void push_expr(State& s, ast::Expr e, std::size_t depth, std::size_t offset) {
  if (depth > limits::kMaxNesting) throw NestingTooDeep{offset};
  s.exprs.push_back(std::move(e));
  s.expr_depths.push_back(depth);
}

inline std::pair<ast::Expr, std::size_t> pop_expr(State& s) {
  std::pair<ast::Expr, std::size_t> out{std::move(s.exprs.back()), s.expr_depths.back()};
  s.exprs.pop_back();
  s.expr_depths.pop_back();
  return out;
}

inline Block top(const State& s) { return s.open.back().kind; }

template <typename T>
T& cur(State& s) { return std::get<T>(s.current); }

/// Opens a declaration block: the node starts in `current`, takes the pending comments.
template <typename T>
T& open_decl(State& s, Block kind) {
  auto& d = s.current.emplace<T>();
  d.comments = s.take_pending();
  d.name = std::move(s.names.front());
  d.title = take_string(s);
  s.names.clear();
  s.open.push_back({kind, &d.comments});
  s.last_done = nullptr;
  return d;
}

/// Closes the declaration in `current`: span, moved into the file.
template <typename T, typename In>
void close_decl(const In& in, State& s) {
  auto& d = cur<T>(s);
  d.span = s.pos.span(in.begin(), in.end());
  s.open.pop_back();
  s.file.decls.push_back(std::move(s.current));
  s.done(&std::get<T>(s.file.decls.back()).comments, in.end());
}

/// A finished member that keeps comments: takes the pending ones.
template <typename T, typename In>
T& finish(std::vector<T>& into, T node, const In& in, State& s) {
  node.comments = s.take_pending();
  node.span = s.pos.span(in.begin(), in.end());
  into.push_back(std::move(node));
  s.done(&into.back().comments, in.end());
  return into.back();
}

/// A finished member that keeps no comments of its own.
template <typename In>
void finish_plain(const In& in, State& s) {
  s.flush_pending_to_block();
  s.done(s.open.empty() ? nullptr : s.open.back().comments, in.end());
}

inline ast::ScopeBlock& role_scope(State& s) { return cur<ast::RoleDecl>(s).scopes[s.scope_index]; }

// ---------------------------------------------------------------- actions

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

// ---- comments
template <>
struct action<g::comment> {
  template <typename In>
  static void apply(const In& in, State& s) {
    const std::size_t off = s.pos.offset(in.begin());
    if (off < s.next_comment) return;  // seen before a backtrack
    s.next_comment = off + 1;
    std::string_view t(in.begin() + 1, in.size() - 1);
    if (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r')) t.remove_suffix(1);
    // A comment after code on its line belongs to the node that ended there.
    std::string_view all = s.pos.text();
    std::size_t b = off;
    bool first_on_line = true;
    while (b > 0 && all[b - 1] != '\n') {
      if (all[b - 1] != ' ' && all[b - 1] != '\t' && all[b - 1] != '\r') { first_on_line = false; break; }
      --b;
    }
    if (!first_on_line && s.last_done && s.last_done_line == s.pos.local_line(off)) {
      s.last_done->emplace_back(t);
      return;
    }
    s.pending.emplace_back(t);
  }
};

// ---- tokens
template <>
struct action<g::name> {
  template <typename In>
  static void apply(const In& in, State& s) { s.names.push_back({in.string(), s.pos.span(in.begin(), in.end())}); }
};
template <>
struct action<g::str> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.strings.push_back({unescape(in.string_view()), s.pos.span(in.begin(), in.end())});
  }
};
template <ast::PrincipalKind K>
struct kind_action {
  template <typename In>
  static void apply(const In& in, State& s) { s.kinds.push_back({K, s.pos.span(in.begin(), in.end())}); }
};
template <> struct action<g::kind_internal> : kind_action<ast::PrincipalKind::internal> {};
template <> struct action<g::kind_external> : kind_action<ast::PrincipalKind::external> {};
template <> struct action<g::kind_vendor_support> : kind_action<ast::PrincipalKind::vendor_support> {};
template <> struct action<g::kind_system> : kind_action<ast::PrincipalKind::system> {};

template <ast::OrgScope S>
struct scope_action {
  static void apply0(State& s) {
    s.scope = S;
    s.scope_set = true;
  }
};
template <> struct action<g::scope_self> : scope_action<ast::OrgScope::self> {};
template <> struct action<g::scope_descendants> : scope_action<ast::OrgScope::descendants> {};
template <> struct action<g::scope_parent> : scope_action<ast::OrgScope::parent> {};
template <> struct action<g::scope_ancestors> : scope_action<ast::OrgScope::ancestors> {};
template <> struct action<g::scope_siblings> : scope_action<ast::OrgScope::siblings> {};

template <> struct action<g::presence_required> { static void apply0(State& s) { s.presences.push_back(ast::Presence::required); } };
template <> struct action<g::presence_optional> { static void apply0(State& s) { s.presences.push_back(ast::Presence::optional); } };

template <typename In>
ast::RawLit raw(const In& in, State& s) { return {in.string(), s.pos.span(in.begin(), in.end())}; }

template <> struct action<g::timestamp_arg> {
  template <typename In> static void apply(const In& in, State& s) { s.raws.push_back(raw(in, s)); }
};
template <> struct action<g::from_ts> : action<g::timestamp_arg> {};
template <> struct action<g::to_ts> : action<g::timestamp_arg> {};
template <> struct action<g::default_duration> {
  template <typename In> static void apply(const In& in, State& s) { s.default_duration = raw(in, s); }
};
template <> struct action<g::max_duration> {
  template <typename In> static void apply(const In& in, State& s) { s.max_duration = raw(in, s); }
};

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

// ---- generic block punctuation
template <typename T>
struct action<g::open_brace<T>> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.last_done = s.open.empty() ? nullptr : s.open.back().comments;
    s.last_done_line = s.pos.local_line(s.pos.offset(in.begin()));
  }
};
template <typename T>
struct action<g::close_brace<T>> {
  static void apply0(State& s) { s.flush_pending_to_block(); }
};

// ---- shared members
template <> struct action<g::description_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto d = take_string(s);
    switch (top(s)) {
      case Block::policy: cur<ast::PolicyDecl>(s).description = d; break;
      case Block::module: cur<ast::ModuleDecl>(s).description = d; break;
      case Block::level: cur<ast::ModuleDecl>(s).levels.back().description = d; break;
      case Block::role: cur<ast::RoleDecl>(s).description = d; break;
      case Block::template_: cur<ast::GrantTemplateDecl>(s).description = d; break;
      case Block::implicit: cur<ast::ImplicitGrantDecl>(s).description = d; break;
      default: break;
    }
    finish_plain(in, s);
  }
};

template <> struct action<g::permit_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::Permit p;
    p.pattern = std::move(s.patterns.back());
    s.patterns.clear();
    p.requirements = take(s.requirements);
    p.when = take_expr(s);
    if (top(s) == Block::level)
      finish(cur<ast::ModuleDecl>(s).levels.back().permits, std::move(p), in, s);
    else
      finish(role_scope(s).permits, std::move(p), in, s);
  }
};
template <> struct action<g::deny_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::Deny d;
    d.pattern = std::move(s.patterns.back());
    s.patterns.clear();
    d.when = take_expr(s);
    switch (top(s)) {
      case Block::forbid: finish(cur<ast::ForbidDecl>(s).denies, std::move(d), in, s); break;
      case Block::template_: finish(cur<ast::GrantTemplateDecl>(s).denies, std::move(d), in, s); break;
      default: finish(role_scope(s).denies, std::move(d), in, s); break;
    }
  }
};

// ---- §2
template <> struct action<g::policy_head> { static void apply0(State& s) { open_decl<ast::PolicyDecl>(s, Block::policy); } };
template <> struct action<g::policy_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::PolicyDecl>(in, s); }
};
template <> struct action<g::combining_permissive> { static void apply0(State& s) { s.combining = ast::Combining::permissive; } };
template <> struct action<g::combining_deny_overrides> {
  static void apply0(State& s) { s.combining = ast::Combining::deny_overrides; }
};
template <> struct action<g::combining_mode> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& p = cur<ast::PolicyDecl>(s);
    p.combining = s.combining;
    p.combining_span = s.pos.span(in.begin(), in.end());
  }
};
template <> struct action<g::combining_stmt> {
  template <typename In> static void apply(const In& in, State& s) { finish_plain(in, s); }
};
template <> struct action<g::import_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::ImportDecl d;
    d.path = std::move(*take_string(s));
    ast::Comments c = s.take_pending();
    d.comments = std::move(c);
    d.span = s.pos.span(in.begin(), in.end());
    s.file.decls.push_back(std::move(d));
    s.done(&std::get<ast::ImportDecl>(s.file.decls.back()).comments, in.end());
  }
};

// ---- §5 modules
template <> struct action<g::module_head> { static void apply0(State& s) { open_decl<ast::ModuleDecl>(s, Block::module); } };
template <> struct action<g::module_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::ModuleDecl>(in, s); }
};
template <> struct action<g::action_item> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::ActionDecl a;
    a.name = std::move(s.names.back());
    s.names.clear();
    a.title = take_string(s);
    a.span = s.pos.span(in.begin(), in.end());
    s.action_items.push_back(std::move(a));
  }
};
template <> struct action<g::class_read> { static void apply0(State& s) { s.action_class = ast::ActionClass::read; } };
template <> struct action<g::class_write> { static void apply0(State& s) { s.action_class = ast::ActionClass::write; } };
template <> struct action<g::action_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& m = cur<ast::ModuleDecl>(s);
    auto items = take(s.action_items);
    items.front().comments = s.take_pending();
    for (auto& a : items) {
      a.action_class = s.action_class;
      // Each action's span covers the statement, so a diagnostic shows the class too.
      a.span = s.pos.span(in.begin(), in.end());
      m.actions.push_back(std::move(a));
    }
    s.done(&m.actions.back().comments, in.end());
  }
};
template <> struct action<g::resource_head> {
  template <typename In>
  static void apply(const In&, State& s) {
    ast::ResourceDecl r;
    r.comments = s.take_pending();
    r.name = std::move(s.names.front());
    s.names.clear();
    r.title = take_string(s);
    auto& into = s.resources.empty() ? cur<ast::ModuleDecl>(s).resources : s.resources.back()->children;
    into.push_back(std::move(r));
    s.resources.push_back(&into.back());
    s.open.push_back({Block::resource, &into.back().comments});
    s.last_done = nullptr;
  }
};
template <> struct action<g::resource_action> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.resources.back()->actions.push_back({in.string(), s.pos.span(in.begin(), in.end())});
  }
};
template <> struct action<g::resource_actions_stmt> {
  template <typename In> static void apply(const In& in, State& s) { finish_plain(in, s); }
};
template <> struct action<g::resource_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::ResourceDecl* r = s.resources.back();
    r->span = s.pos.span(in.begin(), in.end());
    s.resources.pop_back();
    s.open.pop_back();
    s.flush_pending_to_block();  // comments inside `resource x actions a, b;` go up
    s.done(&r->comments, in.end());
  }
};
template <> struct action<g::level_head> {
  template <typename In>
  static void apply(const In&, State& s) {
    auto& m = cur<ast::ModuleDecl>(s);
    ast::LevelDecl l;
    l.comments = s.take_pending();
    l.name = std::move(s.names.front());
    l.above.assign(std::make_move_iterator(s.names.begin() + 1), std::make_move_iterator(s.names.end()));
    s.names.clear();
    l.title = take_string(s);
    m.levels.push_back(std::move(l));
    s.open.push_back({Block::level, &m.levels.back().comments});
    s.last_done = nullptr;
  }
};
template <> struct action<g::level_derived> {
  static void apply0(State& s) {
    cur<ast::ModuleDecl>(s).levels.back().readonly_of = std::move(s.names.back());
    s.names.clear();
  }
};
template <> struct action<g::requires_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& l = cur<ast::ModuleDecl>(s).levels.back();
    for (auto& r : take(s.requirements)) l.requirements.push_back(std::move(r));
    finish_plain(in, s);
  }
};
template <> struct action<g::level_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& l = cur<ast::ModuleDecl>(s).levels.back();
    l.span = s.pos.span(in.begin(), in.end());
    s.open.pop_back();
    s.flush_pending_to_block();
    s.done(&l.comments, in.end());
  }
};

// ---- §6 roles
template <> struct action<g::role_head> {
  static void apply0(State& s) {
    auto& r = open_decl<ast::RoleDecl>(s, Block::role);
    r.scopes.emplace_back();  // the implicit `self` block
    s.scope_index = 0;
  }
};
template <> struct action<g::role_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& r = cur<ast::RoleDecl>(s);
    r.scopes.front().span = s.pos.span(in.begin(), in.end());
    close_decl<ast::RoleDecl>(in, s);
  }
};
template <> struct action<g::holders_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& r = cur<ast::RoleDecl>(s);
    for (auto& k : take(s.kinds)) r.holders.push_back(k);
    finish_plain(in, s);
  }
};
template <> struct action<g::named_accounts_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& r = cur<ast::RoleDecl>(s);
    r.named_accounts = true;
    r.named_accounts_span = s.pos.span(in.begin(), in.end());
    finish_plain(in, s);
  }
};
template <> struct action<g::extends_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& r = cur<ast::RoleDecl>(s);
    for (auto& n : take(s.names)) r.extends.push_back(std::move(n));
    finish_plain(in, s);
  }
};
template <> struct action<g::assigner_automatic> { static void apply0(State& s) { s.flag = true; } };
template <> struct action<g::grantor_anyone> { static void apply0(State& s) { s.flag = true; } };

template <typename In>
ast::Authorizer make_authorizer(const In&, State& s, bool assigned) {
  ast::Authorizer a;
  (assigned ? a.automatic : a.anyone) = std::exchange(s.flag, false);
  a.roles = take(s.names);
  a.when = take_expr(s);
  return a;
}
template <> struct action<g::assigned_by_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    finish(cur<ast::RoleDecl>(s).assigned_by, make_authorizer(in, s, true), in, s);
  }
};
template <> struct action<g::granted_by_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    finish(cur<ast::GrantTemplateDecl>(s).granted_by, make_authorizer(in, s, false), in, s);
  }
};
template <> struct action<g::level_assign_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::LevelAssignment l;
    l.module = std::move(s.names[0]);
    l.level = std::move(s.names[1]);
    s.names.clear();
    finish(role_scope(s).levels, std::move(l), in, s);
  }
};
template <> struct action<g::at_head> {
  template <typename In>
  static void apply(const In&, State& s) {
    auto& r = cur<ast::RoleDecl>(s);
    ast::ScopeBlock b;
    b.comments = s.take_pending();
    b.scope = s.scope;
    b.implicit_self = false;
    s.scope_set = false;
    r.scopes.push_back(std::move(b));
    s.scope_index = r.scopes.size() - 1;
    s.open.push_back({Block::at, &r.scopes.back().comments});
    s.last_done = nullptr;
  }
};
template <> struct action<g::at_block> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& b = cur<ast::RoleDecl>(s).scopes[s.scope_index];
    b.span = s.pos.span(in.begin(), in.end());
    s.scope_index = 0;
    s.open.pop_back();
    s.done(&b.comments, in.end());
  }
};

// ---- §7 forbid rules and selectors
template <typename In>
ast::Selector selector(const In& in, State& s, ast::Selector::Kind k) {
  ast::Selector sel;
  sel.kind = k;
  sel.span = s.pos.span(in.begin(), in.end());
  return sel;
}
template <> struct action<g::sel_anyone> {
  template <typename In>
  static void apply(const In& in, State& s) { s.selectors.push_back(selector(in, s, ast::Selector::Kind::anyone)); }
};
template <> struct action<g::sel_kind> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto sel = selector(in, s, ast::Selector::Kind::principal_kind);
    sel.principal_kind = s.kinds.back().kind;
    s.kinds.pop_back();
    s.selectors.push_back(std::move(sel));
  }
};
template <ast::Selector::Kind K>
struct named_selector_action {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto sel = selector(in, s, K);
    sel.name = std::move(s.names.back());
    s.names.pop_back();
    s.selectors.push_back(std::move(sel));
  }
};
template <> struct action<g::sel_role> : named_selector_action<ast::Selector::Kind::role> {};
template <> struct action<g::sel_template> : named_selector_action<ast::Selector::Kind::template_> {};
template <> struct action<g::sel_level> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto sel = selector(in, s, ast::Selector::Kind::level);
    // `level m.l` read two names, `level l` one; the names buffer holds only this selector's.
    sel.name = std::move(s.names.back());
    s.names.pop_back();
    if (!s.names.empty() && in.string_view().find('.') != std::string_view::npos) {
      sel.module = std::move(s.names.back());
      s.names.pop_back();
    }
    s.selectors.push_back(std::move(sel));
  }
};
template <> struct action<g::forbid_head> { static void apply0(State& s) { open_decl<ast::ForbidDecl>(s, Block::forbid); } };
template <> struct action<g::forbid_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::ForbidDecl>(in, s); }
};
template <> struct action<g::applies_to_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& f = cur<ast::ForbidDecl>(s);
    for (auto& sel : take(s.selectors)) f.applies_to.push_back(std::move(sel));
    finish_plain(in, s);
  }
};
template <> struct action<g::when_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    if (top(s) == Block::forbid)
      cur<ast::ForbidDecl>(s).when = take_expr(s);
    else
      cur<ast::ImplicitGrantDecl>(s).when = take_expr(s);
    finish_plain(in, s);
  }
};
template <> struct action<g::reason_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::ForbidDecl>(s).reason = take_string(s);
    finish_plain(in, s);
  }
};

// ---- §8 attributes
template <> struct action<g::type_bool> { static void apply0(State& s) { s.count = 0; } };
template <> struct action<g::type_int> { static void apply0(State& s) { s.count = 1; } };
template <> struct action<g::type_string> { static void apply0(State& s) { s.count = 2; } };
template <> struct action<g::type_enum> { static void apply0(State& s) { s.count = 3; } };
template <> struct action<g::attribute_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::AttributeDecl a;
    a.comments = s.take_pending();
    a.name = std::move(s.names.front());
    a.enum_values.assign(std::make_move_iterator(s.names.begin() + 1), std::make_move_iterator(s.names.end()));
    s.names.clear();
    constexpr ast::AttributeDecl::Type types[] = {ast::AttributeDecl::Type::boolean, ast::AttributeDecl::Type::integer,
                                                  ast::AttributeDecl::Type::string, ast::AttributeDecl::Type::enumeration};
    a.type = types[s.count];
    a.default_value = take_expr(s);
    a.description = take_string(s);
    a.span = s.pos.span(in.begin(), in.end());
    s.file.decls.push_back(std::move(a));
    s.done(&std::get<ast::AttributeDecl>(s.file.decls.back()).comments, in.end());
  }
};

// ---- §9 templates and implicit grants
template <> struct action<g::template_head> {
  static void apply0(State& s) { open_decl<ast::GrantTemplateDecl>(s, Block::template_); }
};
template <> struct action<g::template_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::GrantTemplateDecl>(in, s); }
};
template <> struct action<g::implicit_head> {
  static void apply0(State& s) { open_decl<ast::ImplicitGrantDecl>(s, Block::implicit); }
};
template <> struct action<g::implicit_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::ImplicitGrantDecl>(in, s); }
};
template <> struct action<g::grantee_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& into = top(s) == Block::template_ ? cur<ast::GrantTemplateDecl>(s).grantee_kinds
                                            : cur<ast::ImplicitGrantDecl>(s).grantee_kinds;
    for (auto& k : take(s.kinds)) into.push_back(k);
    finish_plain(in, s);
  }
};
template <> struct action<g::grantee_id_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::GrantTemplateDecl>(s);
    t.grantee_id = std::move(s.names.back());
    s.names.clear();
    t.grantee_id_title = take_string(s);
    finish_plain(in, s);
  }
};
template <> struct action<g::field_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::FieldDecl f;
    f.name = std::move(s.names.back());
    s.names.clear();
    if (!s.presences.empty()) f.presence = s.presences.back();
    s.presences.clear();
    f.title = take_string(s);
    finish(cur<ast::GrantTemplateDecl>(s).fields, std::move(f), in, s);
  }
};
template <> struct action<g::valid_from_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).valid_from = s.presences.back();
    s.presences.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::valid_to_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).valid_to = s.presences.back();
    s.presences.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::duration_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::GrantTemplateDecl>(s);
    if (s.default_duration) t.default_duration = std::exchange(s.default_duration, std::nullopt);
    if (s.max_duration) t.max_duration = std::exchange(s.max_duration, std::nullopt);
    finish_plain(in, s);
  }
};
template <> struct action<g::grants_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    if (top(s) == Block::template_) {
      auto& t = cur<ast::GrantTemplateDecl>(s);
      for (auto& n : take(s.names)) {
        if (n.text == "custom")
          t.custom = true;
        else
          t.grantable_roles.push_back(std::move(n));
      }
    } else {
      auto& i = cur<ast::ImplicitGrantDecl>(s);
      for (auto& n : take(s.names)) i.grants_roles.push_back(std::move(n));
    }
    finish_plain(in, s);
  }
};
template <> struct action<g::scope_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::GrantTemplateDecl>(s);
    if (s.scope_set) {
      t.org_scope = s.scope;
      t.org_scope_span = s.pos.span(in.begin(), in.end());
      s.scope_set = false;
    }
    if (auto e = take_expr(s)) t.scope_when = std::move(e);
    finish_plain(in, s);
  }
};
template <> struct action<g::ceiling_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).ceiling_grantor = true;
    finish_plain(in, s);
  }
};
template <> struct action<g::precondition_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).preconditions.push_back(*take_expr(s));
    finish_plain(in, s);
  }
};
template <> struct action<g::revocable_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).revocable = true;
    finish_plain(in, s);
  }
};
template <> struct action<g::audited_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    cur<ast::GrantTemplateDecl>(s).audited = true;
    finish_plain(in, s);
  }
};
template <> struct action<g::grantee_roles_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& i = cur<ast::ImplicitGrantDecl>(s);
    for (auto& n : take(s.names)) i.grantee_roles.push_back(std::move(n));
    finish_plain(in, s);
  }
};

// ---- §10 assertions
template <> struct action<g::assert_head> { static void apply0(State& s) { open_decl<ast::AssertDecl>(s, Block::assert_); } };
template <> struct action<g::assert_decl> {
  template <typename In> static void apply(const In& in, State& s) { close_decl<ast::AssertDecl>(in, s); }
};
template <ast::AssertDecl::Kind K>
struct assert_action {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& a = cur<ast::AssertDecl>(s);
    a.kind = K;
    if (!s.selectors.empty()) a.subject = std::move(s.selectors.back());
    s.selectors.clear();
    if (!s.patterns.empty()) a.pattern = std::move(s.patterns.back());
    s.patterns.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::never_stmt> : assert_action<ast::AssertDecl::Kind::never> {};
template <> struct action<g::always_stmt> : assert_action<ast::AssertDecl::Kind::always> {};
template <> struct action<g::read_only_stmt> : assert_action<ast::AssertDecl::Kind::read_only> {};
template <> struct action<g::holder_count> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto [p, ec] = std::from_chars(in.begin(), in.end(), s.count);
    if (ec != std::errc()) throw pegtl::parse_error("count is too large", in.position());
  }
};
template <> struct action<g::min_holders_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& a = cur<ast::AssertDecl>(s);
    a.kind = ast::AssertDecl::Kind::min_holders;
    a.subject.kind = ast::Selector::Kind::role;
    a.subject.name = std::move(s.names.back());
    a.subject.span = a.subject.name.span;
    s.names.clear();
    a.count = s.count;
    finish_plain(in, s);
  }
};

// ---- §11 organizations, tests, matrices
template <> struct action<g::organization_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::OrganizationDecl o;
    o.comments = s.take_pending();
    o.name = std::move(s.names.front());
    if (s.names.size() > 1) o.parent = std::move(s.names[1]);
    s.names.clear();
    o.span = s.pos.span(in.begin(), in.end());
    s.file.decls.push_back(std::move(o));
    s.done(&std::get<ast::OrganizationDecl>(s.file.decls.back()).comments, in.end());
  }
};
template <typename In>
ast::RoleBinding binding(const In& in, State& s) {
  ast::RoleBinding b;
  b.role = std::move(s.names.front());
  if (s.names.size() > 1) b.org = std::move(s.names[1]);
  s.names.clear();
  b.span = s.pos.span(in.begin(), in.end());
  return b;
}

// Grant items.
template <> struct action<g::grant_head> {
  static void apply0(State& s) {
    ast::GrantInstance g;
    g.template_name = std::move(s.names.back());
    s.names.clear();
    s.flush_pending_to_block();
    s.setup->grants.push_back(std::move(g));
    s.grant = &s.setup->grants.back();
    s.open.push_back({Block::grant, s.open.back().comments});
    s.last_done = nullptr;
  }
};
template <> struct action<g::validate_head> {
  static void apply0(State& s) {
    auto& t = cur<ast::TestDecl>(s);
    t.query = ast::TestDecl::Query::validate;
    t.validate.emplace();
    t.validate->template_name = std::move(s.names.back());
    s.names.clear();
    s.flush_pending_to_block();
    s.grant = &*t.validate;
    s.open.push_back({Block::validate, s.open.back().comments});
    s.last_done = nullptr;
  }
};
struct grant_block_done {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.grant->span = s.pos.span(in.begin(), in.end());
    s.grant = nullptr;
    s.open.pop_back();
    finish_plain(in, s);
  }
};
template <> struct action<g::grant_block> : grant_block_done {};
template <> struct action<g::validate_block> : grant_block_done {};
template <> struct action<g::gi_grantee_id> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->grantee_id = take_string(s); finish_plain(in, s); }
};
template <> struct action<g::gi_grantor_kind> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.grant->grantor_kind = s.kinds.back();
    s.kinds.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::gi_grantor_shared> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->grantor_named = false; finish_plain(in, s); }
};
template <> struct action<g::gi_grantor_named> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->grantor_named = true; finish_plain(in, s); }
};
template <> struct action<g::gi_grantor_role> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.grant->grantor_roles.push_back(binding(in, s));
    finish_plain(in, s);
  }
};
template <> struct action<g::gi_roles> {
  template <typename In>
  static void apply(const In& in, State& s) {
    for (auto& n : take(s.names)) s.grant->roles.push_back(std::move(n));
    finish_plain(in, s);
  }
};
template <> struct action<g::gi_custom> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.grant->custom.push_back(std::move(s.patterns.back()));
    s.patterns.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::gi_from> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->valid_from = s.raws.back(); s.raws.clear(); finish_plain(in, s); }
};
template <> struct action<g::gi_to> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->valid_to = s.raws.back(); s.raws.clear(); finish_plain(in, s); }
};
template <> struct action<g::gi_org> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->org = s.names.back(); s.names.clear(); finish_plain(in, s); }
};
template <> struct action<g::gi_field> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::FieldValue f;
    f.name = std::move(s.names.back());
    s.names.clear();
    f.value = std::move(*take_string(s));
    f.span = s.pos.span(in.begin(), in.end());
    s.grant->fields.push_back(std::move(f));
    finish_plain(in, s);
  }
};
template <> struct action<g::gi_revoked> {
  template <typename In> static void apply(const In& in, State& s) { s.grant->revoked = true; finish_plain(in, s); }
};

// Setup items.
template <> struct action<g::kind_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.setup->kind = s.kinds.back();
    s.kinds.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::named_stmt> {
  template <typename In> static void apply(const In& in, State& s) { s.setup->named = true; finish_plain(in, s); }
};
template <> struct action<g::shared_stmt> {
  template <typename In> static void apply(const In& in, State& s) { s.setup->named = false; finish_plain(in, s); }
};
template <> struct action<g::id_stmt> {
  template <typename In> static void apply(const In& in, State& s) { s.setup->principal_id = take_string(s); finish_plain(in, s); }
};
template <> struct action<g::org_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) { s.setup->principal_org = s.names.back(); s.names.clear(); finish_plain(in, s); }
};
template <> struct action<g::role_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.setup->roles.push_back(binding(in, s));
    finish_plain(in, s);
  }
};
template <> struct action<g::trigger_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::Trigger t;
    t.implicit = std::move(s.names.front());
    if (s.names.size() > 1) t.org = std::move(s.names[1]);
    s.names.clear();
    t.span = s.pos.span(in.begin(), in.end());
    s.setup->triggers.push_back(std::move(t));
    finish_plain(in, s);
  }
};
template <> struct action<g::owner_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) { s.setup->resource_owner = take_string(s); finish_plain(in, s); }
};
template <> struct action<g::target_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) { s.setup->target = s.names.back(); s.names.clear(); finish_plain(in, s); }
};
template <> struct action<g::at_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) { s.setup->at = s.raws.back(); s.raws.clear(); finish_plain(in, s); }
};
template <> struct action<g::context_item> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::ContextValue c;
    c.name = std::move(s.names.back());
    s.names.clear();
    c.value = std::move(s.exprs.back());
    s.exprs.clear();
    s.expr_depths.clear();
    c.span = s.pos.span(in.begin(), in.end());
    // The item's match includes the whitespace after the value; end the span at the value.
    c.span.end = c.value.span.end;
    s.setup->context.push_back(std::move(c));
  }
};
template <> struct action<g::context_stmt> {
  template <typename In> static void apply(const In& in, State& s) { finish_plain(in, s); }
};
template <> struct action<g::request_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::TestDecl>(s);
    t.query = ast::TestDecl::Query::request;
    t.request = std::move(s.patterns.back());
    s.patterns.clear();
    finish_plain(in, s);
  }
};
template <> struct action<g::assign_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::TestDecl>(s);
    t.query = ast::TestDecl::Query::assign;
    auto b = binding(in, s);
    t.assign_role = std::move(b.role);
    t.assign_org = std::move(b.org);
    finish_plain(in, s);
  }
};
template <> struct action<g::expect_allow> { static void apply0(State& s) { s.expect = ast::TestDecl::Expect::allow; } };
template <> struct action<g::expect_deny> { static void apply0(State& s) { s.expect = ast::TestDecl::Expect::deny; } };
template <> struct action<g::expect_valid> { static void apply0(State& s) { s.expect = ast::TestDecl::Expect::valid; } };
template <> struct action<g::expect_invalid> { static void apply0(State& s) { s.expect = ast::TestDecl::Expect::invalid; } };
template <> struct action<g::expect_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& t = cur<ast::TestDecl>(s);
    t.expect = s.expect;
    t.expect_violations = take(s.names);
    finish_plain(in, s);
  }
};
template <> struct action<g::test_head> {
  static void apply0(State& s) {
    auto& t = open_decl<ast::TestDecl>(s, Block::test);
    s.setup = &t.setup;
  }
};
template <> struct action<g::test_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.setup = nullptr;
    close_decl<ast::TestDecl>(in, s);
  }
};
template <> struct action<g::matrix_head> {
  static void apply0(State& s) {
    auto& m = open_decl<ast::MatrixDecl>(s, Block::matrix);
    s.setup = &m.setup;
  }
};
template <> struct action<g::matrix_decl> {
  template <typename In>
  static void apply(const In& in, State& s) {
    s.setup = nullptr;
    close_decl<ast::MatrixDecl>(in, s);
  }
};
template <> struct action<g::matrix_roles_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    auto& m = cur<ast::MatrixDecl>(s);
    for (auto& n : take(s.names)) m.roles.push_back(std::move(n));
    finish_plain(in, s);
  }
};
template <bool Allow>
struct cell_action {
  template <typename In>
  static void apply(const In& in, State& s) { s.cells.push_back({Allow, s.pos.span(in.begin(), in.end())}); }
};
template <> struct action<g::cell_allow> : cell_action<true> {};
template <> struct action<g::cell_deny> : cell_action<false> {};
template <> struct action<g::row_stmt> {
  template <typename In>
  static void apply(const In& in, State& s) {
    ast::MatrixRow r;
    r.request = std::move(s.patterns.back());
    s.patterns.clear();
    r.cells = take(s.cells);
    finish(cur<ast::MatrixDecl>(s).rows, std::move(r), in, s);
  }
};

}  // namespace writ::dsl::detail
