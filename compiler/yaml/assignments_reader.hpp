// The assignments data (docs/assignments.md): who holds which role where, read from YAML or JSON
// (JSON is YAML's flow subset) through the same hardened tree as policies (yaml_tree.hpp: one
// document, no anchors, aliases, tags or duplicate keys, depth limit), so every position is exact
// and there is one parser per syntax. Spellings are the policy's own (`kind`, `named`, `org`,
// `roles: [R at O]`, `organizations: {o: {in: p}}`, docs/yaml.md §11), read by the same Schema
// helpers; mismatches are W060, a repeated id W061, an undeclared organization W020, an
// organization loop W040. Covered by tests/unit/yaml/assignments_reader_test.cpp.
#pragma once

#include <optional>

#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/ir/assignments.hpp"
#include "compiler/source/source.hpp"

namespace writ::yaml {

/// Read one whole assignments file. The caller has run check_input() on it. nullopt after
/// reporting at least one error.
std::optional<ir::Assignments> read_assignments(const SourceMap& sources, FileId file, Diagnostics& diags);

}  // namespace writ::yaml
