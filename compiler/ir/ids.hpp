// Small typed ids for the dense vectors of the IR. A RoleId cannot be passed where a LevelId is
// meant; each is an index into its Policy vector.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace writ::ir {

template <class Tag>
struct Id {
  std::uint32_t value = 0;
  friend auto operator<=>(const Id&, const Id&) = default;
};

using ModuleId = Id<struct ModuleTag>;
using ActionId = Id<struct ActionTag>;
using ResourceId = Id<struct ResourceTag>;
using PermissionId = Id<struct PermissionTag>;
using LevelId = Id<struct LevelTag>;
using RoleId = Id<struct RoleTag>;
using TemplateId = Id<struct TemplateTag>;
using AttributeId = Id<struct AttributeTag>;

}  // namespace writ::ir
