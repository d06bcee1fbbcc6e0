// Permission patterns (docs/language.md §4) as the generator writes them. Permissions are
// numbered in pre-order (module, resource, the resource's actions), so every pattern is a range
// of permission ids plus an action filter, and membership is O(1). The generator only writes
// patterns that select something.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace writ::gen {

struct Model;

struct Pattern {
  enum class Filter : std::uint8_t { all, read, write, named };
  int module = 0;
  int resource = -1;           ///< -1: the module root (`m/**`, always a subtree)
  bool subtree = true;         ///< `/**`
  Filter filter = Filter::all;
  std::uint32_t actions = 0;   ///< Filter::named: bits over the module's action indices
  int lo = 0, hi = 0;          ///< the permission range it draws from
};

/// `m/**:F`, `m/path:F` or `m/path/**:F`, with the range filled in.
Pattern module_pattern(const Model& m, int module, Pattern::Filter f, std::uint32_t actions = 0);
Pattern resource_pattern(const Model& m, int resource, bool subtree, Pattern::Filter f, std::uint32_t actions = 0);
/// The one permission `m/path:action`.
Pattern exact_pattern(const Model& m, int permission);

[[nodiscard]] bool contains(const Model& m, const Pattern& p, int permission);
/// Every permission the pattern selects, ascending.
[[nodiscard]] std::vector<int> members(const Model& m, const Pattern& p);
[[nodiscard]] bool selects_any(const Model& m, const Pattern& p);
/// Canonical DSL text: `billing/services:{create, delete}`.
[[nodiscard]] std::string pattern_text(const Model& m, const Pattern& p);

}  // namespace writ::gen
