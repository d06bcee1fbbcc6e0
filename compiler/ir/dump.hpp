// `--dump=ir`: the lowered policy and its test suite as stable, line-oriented text. Every entity
// with its name, every rule and authorizer with its stable key, conditions in their normal form;
// spans (`@file:line:col`) only when a SourceMap is given, so that without them the dump of a
// policy written in the DSL equals the dump of the same policy written in YAML. Permission sets
// print as sorted permission names, so a reader never decodes ids.
// Covered by the golden dumps (tests/unit/lower/golden_test.cpp, tests/golden/*.ir.txt).
#pragma once

#include <string>

#include "compiler/ir/fixtures.hpp"
#include "compiler/ir/policy.hpp"
#include "compiler/source/source.hpp"

namespace writ::ir {

/// `sources` null: no spans (the syntax-independent form).
std::string dump_policy(const Policy& policy, const SourceMap* sources);
std::string dump_suite(const Policy& policy, const TestSuite& suite, const SourceMap* sources);
/// Both, as `writ check --dump=ir` prints them.
inline std::string dump(const Policy& policy, const TestSuite& suite, const SourceMap* sources) {
  return dump_policy(policy, sources) + dump_suite(policy, suite, sources);
}

}  // namespace writ::ir
