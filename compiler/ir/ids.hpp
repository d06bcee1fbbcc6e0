// Small typed ids for the dense vectors of the IR. A RoleId cannot be passed where a LevelId is
// meant; each is an index into its Policy vector (CondId and AtomId index the condition store).
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
using RuleId = Id<struct RuleTag>;
using RequirementId = Id<struct RequirementTag>;
using AuthorizerId = Id<struct AuthorizerTag>;
using ForbidId = Id<struct ForbidTag>;
using ImplicitId = Id<struct ImplicitTag>;
using AssertionId = Id<struct AssertionTag>;
using CondId = Id<struct CondTag>;
using AtomId = Id<struct AtomTag>;

}  // namespace writ::ir
