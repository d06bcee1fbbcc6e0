// Where a question is asked and how other organizations relate to it: the only thing
// organization scope depends on (docs/semantics.md §1.1, §4). Nothing is upward or sideways. The
// ancestors of the target are found once per question, so every source's relation is a lookup.
// Covered by tests/unit/eval/org_scope_test.cpp.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "compiler/ir/request.hpp"

namespace writ::eval {

enum class Relation : std::uint8_t { self, descendant, unrelated };

std::string_view relation_name(Relation r);

/// The target organization of a question and its strict ancestors in the request's tree.
class Place {
 public:
  /// A named organization. An upward walk that meets a cycle finds a malformed tree, which
  /// relates nothing but the target itself (fail closed).
  Place(const ir::OrgTree& tree, std::string target);
  /// A fresh organization directly below `parent` that no one names: grant validation asks what
  /// a `scope descendants` grant gives below its organization without inventing a name. Its name
  /// is empty, so a binding or automatic role without an organization (which resolves to the
  /// place's name) is held there, as at decision time it is held at the target (semantics §6.2).
  static Place below(const ir::OrgTree& tree, const std::string& parent);

  /// self when `held_at` is the target (for a fresh place: the empty name); descendant when it is
  /// a strict ancestor; else unrelated.
  [[nodiscard]] Relation of(std::string_view held_at) const;
  /// The target's name; empty for a fresh organization.
  [[nodiscard]] const std::string& name() const { return target_; }

 private:
  Place() = default;
  std::string target_;
  bool fresh_ = false;
  std::set<std::string, std::less<>> ancestors_;
};

}  // namespace writ::eval
