// Lowering: the AST of every file of one policy -> one ir::Policy and its ir::TestSuite. Resolves
// names, expands permission patterns to sets, normalizes conditions into the policy's condition
// store, validates durations, timestamps and scopes, type-checks expressions, gives every rule and
// authorizer its stable key, and reports every semantic diagnostic (W020-W052) with its span.
// Covered by tests/unit/lower/ and the diagnostic fixtures in tests/fixtures/diagnostics/.
#pragma once

#include <optional>
#include <vector>

#include "compiler/ast/ast.hpp"
#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/ir/fixtures.hpp"
#include "compiler/ir/policy.hpp"

namespace writ::lower {

struct Lowered {
  ir::Policy policy;
  ir::TestSuite suite;
};

/// nullopt when any error was reported; warnings alone still give a policy.
std::optional<Lowered> lower(const std::vector<ast::File>& files, const SourceMap& sources, Diagnostics& diags);

/// Expand a pattern against a lowered policy (lowering, and the request reader for custom grant
/// patterns). Reports W020/W030/W031 into `diags` and returns an empty set on error; fills
/// `resolved` with the IR form of the pattern when given.
ir::PermissionSet expand_pattern(const ir::Policy& policy, const ast::PermissionPattern& pattern, Diagnostics& diags,
                                 ir::Pattern* resolved = nullptr);

}  // namespace writ::lower
