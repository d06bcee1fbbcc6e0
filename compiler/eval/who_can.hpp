// `writ who-can`: every way a permission can be held, as data — through a role (and the roles
// extending it), a grant template's roles or custom permissions, or an implicit grant — with the
// rule that gives it, its requirements and conditions, and what can remove it on that path (the
// role's own denies, the template's denies, forbid rules). compiler/report/ prints it.
// Near-linear: contributions containing the permission are found once, then matched against each
// role's closure bits. docs/semantics.md §2–§6.
// Covered by tests/unit/eval/runner_json_test.cpp.
#pragma once

#include <optional>
#include <vector>

#include "compiler/facts/facts.hpp"

namespace writ::eval {

struct WhoCanPath {
  enum class Via : std::uint8_t { role, template_role, template_custom, implicit };
  Via via = Via::role;
  ir::RoleId role{};                           ///< the role held or given (not for template_custom)
  std::optional<ir::TemplateId> template_;
  std::optional<ir::ImplicitId> implicit;
  ir::OrgScope scope = ir::OrgScope::self;     ///< the scope block of `role` that gives it
  std::optional<ir::RuleId> rule;              ///< the permit (role or level permit); absent for custom
  ir::RoleId declared_in{};                    ///< the role whose block holds the permit or level
  std::optional<ir::LevelId> level;            ///< the level assigned that the permit came through
  std::vector<ir::RequirementId> requirements; ///< the permit's, an included level's, and the level's own
  std::vector<ir::RuleId> removed_by;          ///< denies on this path (role closure, template)
};

struct WhoCan {
  ir::PermissionId permission{};
  std::vector<WhoCanPath> paths;
  std::vector<ir::RuleId> forbids;             ///< forbid denies covering the permission (any path)
};

WhoCan who_can(const facts::Facts& facts, ir::PermissionId permission);

}  // namespace writ::eval
