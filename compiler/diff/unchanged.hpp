// Which permissions can be decided differently for a subject, found by comparing what decides
// them (rules by stable key, their permission sets, holders, closures, held levels, forbids)
// instead of deciding: for a permission outside the set, both versions decide every request of
// the subject alike, so the enumeration of compare_subject may skip it. Sound, not minimal: a
// permission in the set may still turn out unchanged when decided. This is what keeps the diff
// of two versions of a large policy proportional to what changed (docs/diff.md, "Scale").
// Covered by tests/unit/diff/unchanged_test.cpp.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/facts/facts.hpp"
#include "compiler/ir/permission_set.hpp"

namespace writ::diff {

class Unchanged {
 public:
  Unchanged(const facts::Facts& old_f, const facts::Facts& new_f);

  /// The permissions (NEW ids) a principal holding `role` (by name; empty: none, automatic roles
  /// only) may be decided differently on at `scope`; nullopt when anything may differ (the
  /// versions differ in something every decision reads, or one of them lacks the role).
  [[nodiscard]] std::optional<ir::PermissionSet> may_differ(const std::string& old_role, const std::string& new_role,
                                                          ir::OrgScope scope) const;
  /// The same for a principal holding every role of `roles` (OLD name, NEW name) together.
  [[nodiscard]] std::optional<ir::PermissionSet> may_differ(const std::vector<std::pair<std::string, std::string>>& roles,
                                                          ir::OrgScope scope) const;
  /// Whether what the role itself decides with (holders, closure, contributions, levels) differs;
  /// true when a version lacks it or the policy-wide parts differ. Automatic roles and forbids
  /// are not looked at (automatic_changed, forbids_changed).
  [[nodiscard]] bool role_changed(const std::string& old_role, const std::string& new_role, ir::OrgScope scope) const;
  [[nodiscard]] bool automatic_changed(ir::OrgScope scope) const;
  /// The permissions (NEW ids) some changed forbid covers.
  [[nodiscard]] const ir::PermissionSet& forbids_changed() const { return forbids_changed_; }
  [[nodiscard]] bool same_globals() const { return same_globals_; }
  /// An OLD set of permissions in NEW ids; only meaningful where may_differ() is not nullopt.
  [[nodiscard]] ir::PermissionSet to_new(const ir::PermissionSet& old_set) const;

 private:
  struct Source;  // what one held role decides with, in one version
  [[nodiscard]] Source source(const facts::Facts& f, ir::RoleId role, ir::OrgScope scope, bool old) const;
  /// Adds what differs between one source in both versions; true when the levels it assigns differ.
  bool compare(const Source& o, const Source& n, ir::PermissionSet& out) const;

  const facts::Facts& old_f_;
  const facts::Facts& new_f_;
  bool same_globals_ = false;
  bool identity_ = false;                                ///< permission ids are the same in both
  std::vector<std::optional<ir::PermissionId>> remap_;   ///< old id -> new id
  ir::PermissionSet forbids_changed_;                    ///< NEW ids, whoever asks
  struct ForbidSelect {
    std::string name;        ///< a role or level a forbid selects by
    bool level = false;
    ir::PermissionSet covers;  ///< NEW ids
  };
  std::vector<ForbidSelect> selects_;
};

}  // namespace writ::diff
