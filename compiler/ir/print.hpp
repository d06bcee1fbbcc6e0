// The IR's one printer of what the IR holds as structure: permission patterns, conditions,
// requirements, level and permission names, values. DSL syntax, canonical (a condition prints in
// its normal form, so equal conditions print alike), so a finding, a reason or a key can be pasted
// back into a policy. Front ends print ASTs with their own printers (compiler/dsl, compiler/yaml).
// Covered by tests/unit/core/condition_test.cpp and tests/unit/lower/lower_policy_test.cpp.
#pragma once

#include <string>

#include "compiler/ir/policy.hpp"

namespace writ::ir {

std::string value_text(const Value& v);
std::string input_text(const Policy& p, const Input& in);
std::string pattern_text(const Policy& p, const Pattern& pattern);
std::string condition_text(const Policy& p, CondId c);
std::string requirement_text(const Policy& p, RequirementId r);
std::string level_name(const Policy& p, LevelId l);
std::string kinds_text(const std::vector<PrincipalKind>& kinds);  ///< `internal, external`; empty: `any kind`

}  // namespace writ::ir
