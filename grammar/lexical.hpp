// Lexical structure of the writ DSL (docs/language.md §1): whitespace, comments, identifiers,
// keywords, strings, integers, and the loose duration and timestamp tokens. Rules only, no
// actions; compiler/dsl/ attaches the actions. Covered by tests/unit/dsl/grammar_test.cpp.
//
// Keywords are contextual: `kw<"permit">` matches the word only where the grammar asks for it, and
// never as the prefix of a longer identifier, so `read`, `delete` or `level` stay usable as names.
// Durations and timestamps are deliberately loose here; lowering validates them (W035/W036) so the
// error carries the token's span instead of a vague syntax error.
#pragma once

#include <tao/pegtl.hpp>

namespace writ::grammar {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;  // NOLINT: rule combinators read better unqualified

/// Marks a rule that opens one level of nesting (blocks, resources, parentheses, `not`). The parser's
/// control class counts these against limits::kMaxNesting (W005).
struct nesting_rule {};

// ---------------------------------------------------------------- whitespace and comments

/// `# ...` up to (not including) the end of the line.
struct comment : seq<one<'#'>, star<not_one<'\n'>>> {};
struct ws_char : one<' ', '\t', '\n', '\r'> {};
/// Separator between tokens: whitespace and comments, possibly none.
struct sp : star<sor<ws_char, comment>> {};

// ---------------------------------------------------------------- identifiers and keywords

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
struct identifier : seq<ident_first, star<ident_other>> {};

template <std::size_t N>
struct fixed_string {
  char text[N]{};
  constexpr fixed_string(const char (&s)[N]) {  // NOLINT: implicit by design
    for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
  }
};

namespace detail {
template <fixed_string S, std::size_t... I>
auto keyword_chars(std::index_sequence<I...>) -> string<S.text[I]...>;
}  // namespace detail

/// A contextual keyword: the word, not followed by an identifier character.
template <fixed_string S>
struct kw : seq<decltype(detail::keyword_chars<S>(std::make_index_sequence<sizeof(S.text) - 1>())),
                not_at<ident_other>> {};

// ---------------------------------------------------------------- literals

struct escape : seq<one<'\\'>, one<'"', '\\', 'n', 't'>> {};
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_close : one<'"'> {};
/// `"..."` on one line; the escapes are `\"`, `\\`, `\n`, `\t`.
struct string_body : seq<one<'"'>, star<string_char>, must<string_close>> {};

/// `0` or `[1-9][0-9]*`, not followed by a letter (that would be a duration) or digit.
struct integer : seq<sor<seq<one<'0'>, not_at<digit>>, seq<range<'1', '9'>, star<digit>>>, not_at<ident_other>> {};

/// A duration as written (`5d`, `1d12h`): a digit then letters and digits. Validated in lowering.
struct duration_token : seq<digit, star<ident_other>> {};

/// A timestamp as written (`2025-03-01T09:00:00Z`): a digit then the characters an RFC 3339 instant
/// uses. Validated in lowering.
struct timestamp_token : seq<digit, star<sor<ident_other, one<'-', ':', '.', '+'>>>> {};

// ---------------------------------------------------------------- punctuation

struct semi : one<';'> {};
struct comma : one<','> {};
struct colon : one<':'> {};
struct equals : seq<one<'='>, not_at<one<'='>>> {};

}  // namespace writ::grammar
