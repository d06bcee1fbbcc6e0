// A set of permissions over the dense PermissionIds, stored as sorted, disjoint, non-adjacent
// half-open intervals. Permissions are numbered module by module, resource pre-order, action
// order, so a pattern (`m/reports/**:*`, `m/**:@read`) selects a few runs: a rule costs bytes per
// run, not bits per permission of the whole policy, and set algebra is linear in the runs.
// Analyses that want dense words convert locally.
// Covered by tests/unit/core/permission_set_test.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/ir/ids.hpp"

namespace writ::ir {

class PermissionSet {
 public:
  /// [first, last) of permission ids.
  struct Run {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    friend bool operator==(const Run&, const Run&) = default;
  };

  PermissionSet() = default;
  /// The ids [first, last).
  static PermissionSet range(std::uint32_t first, std::uint32_t last);
  static PermissionSet of(std::initializer_list<PermissionId> ids);

  [[nodiscard]] bool contains(PermissionId p) const;
  void insert(PermissionId p);
  void insert_range(std::uint32_t first, std::uint32_t last);

  PermissionSet& operator|=(const PermissionSet& o);
  PermissionSet& operator&=(const PermissionSet& o);
  /// Set difference: remove every member of `o`.
  PermissionSet& operator-=(const PermissionSet& o);
  friend PermissionSet operator|(PermissionSet a, const PermissionSet& b) { return a |= b; }
  friend PermissionSet operator&(PermissionSet a, const PermissionSet& b) { return a &= b; }
  friend PermissionSet operator-(PermissionSet a, const PermissionSet& b) { return a -= b; }

  [[nodiscard]] bool empty() const { return runs_.empty(); }
  [[nodiscard]] std::size_t count() const;
  [[nodiscard]] bool subset_of(const PermissionSet& o) const;
  [[nodiscard]] bool intersects(const PermissionSet& o) const;
  /// Members in increasing id order.
  [[nodiscard]] std::vector<PermissionId> members() const;
  [[nodiscard]] const std::vector<Run>& runs() const { return runs_; }
  /// Bytes held, for the memory accounting of benchmarks.
  [[nodiscard]] std::size_t bytes() const { return runs_.capacity() * sizeof(Run); }

  friend bool operator==(const PermissionSet& a, const PermissionSet& b) = default;

 private:
  // INVARIANT: sorted by `first`; every run non-empty; a run's `last` < the next run's `first`
  // (disjoint and not touching), so equal sets have equal vectors.
  std::vector<Run> runs_;
};

}  // namespace writ::ir
