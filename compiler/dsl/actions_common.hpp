// Private to the DSL parser: the control class that adds the nesting limit (W005) and the step
// budget (W007) to the grammar's error messages, the helpers every action uses (token buffers,
// opening and closing blocks, finishing members), and the actions of comments and tokens (names,
// strings, kinds, scopes, presences, durations, timestamps). The other action files build on it.
// Covered by tests/unit/dsl/dsl_parser_test.cpp.
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

}  // namespace writ::dsl::detail
