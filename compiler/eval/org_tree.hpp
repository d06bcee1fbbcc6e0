// How a target organization relates to the organization where a role or grant is held: the only
// thing organization scope depends on (docs/semantics.md §4). Nothing is upward or sideways.
// Covered by tests/unit/eval/org_scope_test.cpp.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace writ::eval {

enum class Relation : std::uint8_t { self, descendant, unrelated };

/// self when equal; descendant when `held_at` is a strict ancestor of `target` in `parents`;
/// otherwise (unknown names, sideways, upward, a malformed tree with a cycle) unrelated.
Relation relation(const std::map<std::string, std::string>& parents, std::string_view held_at, std::string_view target);

std::string_view relation_name(Relation r);

}  // namespace writ::eval
