// Conditions (docs/language.md §3), permission patterns (§4) and requirements `MODULE >= LEVEL`.
// The YAML front end parses its condition/pattern strings with these same rules, so there is one
// expression language. Covered by tests/unit/dsl/grammar_test.cpp and expression_test.cpp.
//
// Convention: expression rules consume the whitespace after them, so operators can be looked for
// without backtracking over comments. Recursion (`(`, `not`) goes through nesting_rule points, which
// the parser's control class limits to limits::kMaxNesting.
#pragma once

#include "grammar/lexical.hpp"

namespace writ::grammar {

/// Helper: a committed rule followed by separator; the must<> names `R` so its message is R's.
template <typename R>
struct req : seq<must<R>, sp> {};

// ---------------------------------------------------------------- §3 literals and paths

struct expr_true : kw<"true"> {};
struct expr_false : kw<"false"> {};
struct expr_integer : integer {};
struct expr_string : string_body {};
struct path_segment : identifier {};
/// `context.environment`: at least two segments.
struct expr_path : seq<identifier, plus<one<'.'>, must<path_segment>>> {};

struct literal : sor<expr_string, expr_integer, expr_true, expr_false> {};
struct list_item : seq<literal> {};
struct list_close : one<']'> {};
struct list_open : one<'['> {};
struct list_expr : seq<list_open, sp, opt<list_item, sp, star<comma, sp, must<list_item>, sp>>, must<list_close>> {};

struct expr;
struct paren_inner;
struct paren_close : one<')'> {};
struct paren_expr : seq<one<'('>, sp, must<paren_inner>, must<paren_close>>, nesting_rule {};

struct operand : sor<paren_expr, list_expr, expr_string, expr_integer, expr_path, expr_true, expr_false> {};

// ---------------------------------------------------------------- §3 operators

struct op_eq : string<'=', '='> {};
struct op_ne : string<'!', '='> {};
struct rhs_eq : seq<operand> {};
struct rhs_ne : seq<operand> {};
struct in_list : seq<list_expr> {};
struct kw_in_after_not : kw<"in"> {};
struct eq_tail : seq<op_eq, sp, must<rhs_eq>, sp> {};
struct ne_tail : seq<op_ne, sp, must<rhs_ne>, sp> {};
struct in_tail : seq<kw<"in">, sp, must<in_list>, sp> {};
struct not_in_tail : seq<kw<"not">, sp, must<kw_in_after_not>, sp, must<in_list>, sp> {};
struct compare : seq<operand, sp, opt<sor<eq_tail, ne_tail, in_tail, not_in_tail>>> {};

struct unary;
struct not_operand : seq<unary> {};
struct not_unary : seq<kw<"not">, not_at<one<'.'>>, sp, must<not_operand>>, nesting_rule {};
struct unary : sor<not_unary, compare> {};

struct and_rhs : seq<unary> {};
struct and_tail : seq<kw<"and">, sp, must<and_rhs>> {};
struct and_expr : seq<unary, star<and_tail>> {};
struct or_rhs : seq<and_expr> {};
struct or_tail : seq<kw<"or">, sp, must<or_rhs>> {};
struct or_expr : seq<and_expr, star<or_tail>> {};
/// A condition; consumes the whitespace after it.
struct expr : seq<or_expr> {};
struct paren_inner : seq<expr> {};

/// A condition where one is required (after `when`, `precondition`, ...).
struct condition : seq<expr> {};

// ---------------------------------------------------------------- §4 permission patterns

struct pattern_module : identifier {};
struct pattern_segment : identifier {};
struct pattern_subtree : string<'*', '*'> {};
/// One step of the resource path: a resource name, or `**` as the last step.
struct pattern_step : sor<seq<pattern_subtree, not_at<one<'/'>>>, pattern_segment> {};
struct pattern_slash : one<'/'> {};
struct pattern_colon : one<':'> {};

struct action_all : one<'*'> {};
struct action_read_class : kw<"read"> {};
struct action_write_class : kw<"write"> {};
struct action_class_ref : sor<action_read_class, action_write_class> {};
struct action_class_pick : seq<one<'@'>, must<action_class_ref>> {};
struct pattern_action_name : identifier {};
struct action_set_close : one<'}'> {};
struct action_set : seq<one<'{'>, sp, must<pattern_action_name>, sp, star<comma, sp, must<pattern_action_name>, sp>,
                        must<action_set_close>> {};
struct pattern_actions : sor<action_all, action_class_pick, action_set, pattern_action_name> {};

/// `MODULE/seg/seg[/**]:ACTIONS`; no whitespace except inside `{...}`.
struct pattern : seq<pattern_module, must<pattern_slash>, must<pattern_step>, star<one<'/'>, must<pattern_step>>,
                     must<pattern_colon>, must<pattern_actions>> {};

// ---------------------------------------------------------------- requirements

struct req_module : identifier {};
struct req_level : identifier {};
struct req_ge : string<'>', '='> {};
/// `MODULE >= LEVEL`
struct requirement : seq<req_module, sp, must<req_ge>, sp, must<req_level>> {};

// ---------------------------------------------------------------- fragments (YAML strings)

struct fragment_end : eof {};
struct expression_fragment : seq<sp, must<condition>, must<fragment_end>> {};
struct pattern_fragment : seq<sp, must<pattern>, sp, must<fragment_end>> {};
struct requirement_fragment : seq<sp, must<requirement>, sp, must<fragment_end>> {};

}  // namespace writ::grammar
