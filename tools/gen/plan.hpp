// How the requested sizes are split between the parts of the policy. One place decides every
// count, so the builders only fill in what the plan says and the size checks of the unit tests
// have one formula to follow.
#pragma once

#include "tools/gen/options.hpp"

namespace writ::gen {

struct Plan {
  // modules and permissions
  int modules = 3;             ///< regular modules, besides `archive`
  int module_permissions = 0;  ///< target permissions per regular module
  int archive_permissions = 4;
  // roles: staff + grantable + automatic == Options::roles
  int staff = 0, grantable = 0, automatic = 0;
  int max_depth = 6;           ///< longest `extends` path in the mixed shape
  // grants
  int templates = 2;
  int implicits = 1;
  int forbids = 6;
  int extra_attributes = 0;
  // edges: assignment edges fill what templates and implicit grants leave
  int edges = 0;
  // tests: requests + assigns + validates + matrix cells == Options::tests
  int validate = 0, assign = 0, matrix_cells = 0, request = 0;
};

/// Throws std::invalid_argument when the options cannot be honoured (too small, negative).
Plan make_plan(const Options& o);

}  // namespace writ::gen
