// Evaluating conditions (`when`, assignment and grant conditions, preconditions, template scopes)
// in three-valued logic: a missing context attribute without a default is *unknown*, and unknown
// propagates (Kleene `and`/`or`/`not`). Callers then decide fail-closed: an allow needs `true`, a
// deny or forbid applies unless `false` (docs/semantics.md §5).
// Covered by tests/unit/eval/conditions_test.cpp.
#pragma once

#include <optional>
#include <string>

#include "compiler/eval/org_tree.hpp"
#include "compiler/ast/names.hpp"
#include "compiler/ir/ir.hpp"

namespace writ::eval {

enum class Truth : std::uint8_t { false_, true_, unknown };

/// What a condition can read: the principal it is evaluated for (the requester, or a grantor when
/// computing a ceiling), the request's context, and the relation of the target organization to
/// where the evaluated role or grant is held (absent where no such place exists: forbid rules,
/// preconditions).
struct ConditionInput {
  const ir::Policy& policy;
  const ir::Request& request;
  const ir::Principal& principal;
  bool has_grant = false;
  std::optional<Relation> relation;
};

Truth evaluate(const ir::Expr& e, const ConditionInput& in);

/// For allows (permits, assigners, grant scopes, preconditions, implicit grants): absent or true.
bool holds(const std::optional<ir::Expr>& e, const ConditionInput& in);
/// For denies and forbid rules: absent, true or unknown (fail closed).
bool may_apply(const std::optional<ir::Expr>& e, const ConditionInput& in);

/// The expression as DSL text, for reasons and tables.
std::string to_text(const ir::Policy& policy, const ir::Expr& e);

std::string_view truth_name(Truth t);
using ast::kind_name;

}  // namespace writ::eval
