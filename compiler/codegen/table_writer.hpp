// The table writer: one policy (IR + facts) -> the bytes of a compiled decision table
// (docs/table-format.md, runtime/include/writ/format.hpp). Everything the runtime needs is laid
// out as fixed-width records and pools so it never parses text: dense permission ids, per (role,
// scope) contributions with permission runs, levels and their order, requirements, denies, forbid
// rules, authorizers, templates with their limits, implicit grants, and every condition as a flat
// postfix program over the IR's atoms. The same IR always gives the same bytes (no pointers, no
// hash-map iteration order, padding zeroed). Links writ_ir, writ_facts and writ_core only.
// Covered by tests/unit/table/ (differential test against the interpreter, writer determinism).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "compiler/facts/facts.hpp"

namespace writ::codegen {

/// `file_name(id)` names a span's file for the spans section (empty: unknown).
std::vector<std::uint8_t> write_table(const facts::Facts& facts, const std::function<std::string(FileId)>& file_name);

}  // namespace writ::codegen
