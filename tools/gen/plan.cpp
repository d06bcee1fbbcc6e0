// See plan.hpp. The ratios follow the reference policy of issue 6 (2,000 roles, 20,000
// permissions, 10,000 edges): about one template per 40 roles, one grantable role per 25, one
// implicit grant per 100, modules of about 500 permissions.
#include "tools/gen/plan.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace writ::gen {

Plan make_plan(const Options& o) {
  if (o.roles < kMinRoles) throw std::invalid_argument("--roles must be at least " + std::to_string(kMinRoles));
  if (o.permissions < kMinPermissions)
    throw std::invalid_argument("--permissions must be at least " + std::to_string(kMinPermissions));
  if (o.edges < 0 || o.tests < 0 || o.validate_tests < 0) throw std::invalid_argument("sizes must not be negative");
  if (o.validate_tests > o.tests) throw std::invalid_argument("--validate-tests must not exceed --tests");
  Plan p;
  p.archive_permissions = std::max(4, o.permissions / 50);
  p.modules = std::max(3, (o.permissions - p.archive_permissions + 250) / 500);
  p.module_permissions = std::max(12, (o.permissions - p.archive_permissions) / p.modules);

  p.automatic = 2;
  p.grantable = std::max(2, o.roles / 25);
  p.staff = o.roles - p.automatic - p.grantable;
  p.templates = std::max(2, o.roles / 40);
  p.implicits = std::max(1, o.roles / 100);
  p.forbids = 6 + o.roles / 200;
  p.extra_attributes = o.roles / 250;
  if (o.shape == Shape::chain) {
    // The chain is the point: nearly every role is a link of it.
    p.grantable = std::max(2, o.roles / 500);
    p.templates = std::max(2, o.roles / 400);
    p.implicits = std::max(1, o.roles / 1000);
    p.staff = o.roles - p.automatic - p.grantable;
  }
  p.edges = o.edges;

  p.validate = o.validate_tests;
  const int rest = o.tests - p.validate;
  p.assign = rest / 10;
  p.matrix_cells = rest / 5;
  p.request = rest - p.assign - p.matrix_cells;
  return p;
}

}  // namespace writ::gen
