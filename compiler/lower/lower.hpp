// Lowering: the AST of every file of one policy -> one ir::Policy. Resolves names, expands
// permission patterns to bitsets, validates durations, timestamps and scopes, type-checks
// expressions and reports every semantic diagnostic (W020-W052) with its span.
// Covered by tests/unit/lower/ and the diagnostic fixtures in tests/fixtures/diagnostics/.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.hpp"
#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/ir/ir.hpp"

namespace writ::lower {

/// nullopt when any error was reported; warnings alone still give a policy.
std::optional<ir::Policy> lower(const std::vector<ast::File>& files, const SourceMap& sources, Diagnostics& diags);

/// Expand a pattern against a lowered policy (used by the interpreter for custom grants and
/// requests). Reports W020/W030/W031 into `diags` and returns an empty set on error.
ir::PermissionSet expand_pattern(const ir::Policy& policy, const ast::PermissionPattern& pattern, Diagnostics& diags);

/// "2025-03-01T09:00:00Z" -> seconds since the epoch; nullopt if malformed.
std::optional<std::int64_t> parse_timestamp(std::string_view text);
/// "1d12h" -> seconds; nullopt if malformed.
std::optional<std::int64_t> parse_duration(std::string_view text);
std::string format_timestamp(std::int64_t seconds);
std::string format_duration(std::int64_t seconds);

}  // namespace writ::lower
