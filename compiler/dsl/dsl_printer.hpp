// Canonical DSL text for an AST (`writ fmt`), and the canonical text of fragments, which the YAML
// printer and lowering reuse so a pattern or condition reads the same everywhere.
// Canonical form: two-space indent, one item per line, declarations in source order, members in
// the order docs/language.md lists them, comments kept above what they belong to.
// Covered by tests/unit/dsl/dsl_printer_test.cpp and the round-trip tests.
#pragma once

#include <string>

#include "compiler/ast/ast.hpp"

namespace writ::dsl {

std::string print_file(const ast::File& file);
std::string print_expression(const ast::Expr& expr);
std::string print_pattern(const ast::PermissionPattern& pattern);
std::string print_requirement(const ast::Requirement& requirement);
/// A string literal with quotes and escapes.
std::string quote(std::string_view text);

}  // namespace writ::dsl
