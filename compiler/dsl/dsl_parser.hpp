// The DSL front end: `.writ` text -> ast::File, using the PEGTL grammar in grammar/ with actions
// that build the AST through parser state. Syntax errors are W001 with the grammar's message at
// the exact position; nesting (W005) and the step budget (W007) are enforced here.
// The fragment parsers let the YAML front end parse conditions, patterns and requirements with the
// same grammar, so there is one expression language.
// Covered by tests/unit/dsl/.
#pragma once

#include <optional>
#include <string_view>

#include "compiler/ast/ast.hpp"
#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/source/source.hpp"

namespace writ::dsl {

/// Parse one whole file. The caller has run check_input() on it. nullopt after reporting errors.
std::optional<ast::File> parse_file(const SourceMap& sources, FileId file, Diagnostics& diags);

/// Fragments: `text` is a substring of a source file that starts at `origin` (a YAML scalar's
/// position); spans inside the result are offset from it. The whole text must match.
std::optional<ast::Expr> parse_expression(std::string_view text, Span origin, Diagnostics& diags);
std::optional<ast::PermissionPattern> parse_pattern(std::string_view text, Span origin, Diagnostics& diags);
std::optional<ast::Requirement> parse_requirement(std::string_view text, Span origin, Diagnostics& diags);

}  // namespace writ::dsl
