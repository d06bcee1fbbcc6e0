// The query helpers declared on ir::Policy. They live with lowering because lowering is what
// establishes the numbering they rely on (module, resource pre-order, the resource's action order).
// Covered by tests/unit/lower/lower_modules_test.cpp.
#include <algorithm>

#include "compiler/ir/ir.hpp"

namespace writ::ir {

std::optional<PermissionId> Policy::permission_of(ResourceId r, ActionId a) const {
  // INVARIANT: a resource's permissions are contiguous and in the order of its action list, so
  // the id is the first permission of the resource plus the action's index in that list.
  const Resource& res = resources.at(r.value);
  auto it = std::find(res.actions.begin(), res.actions.end(), a);
  if (it == res.actions.end()) return std::nullopt;
  auto first = std::lower_bound(permissions.begin(), permissions.end(), r,
                                [](const Permission& p, ResourceId id) { return p.resource < id; });
  if (first == permissions.end() || first->resource != r) return std::nullopt;
  return PermissionId{static_cast<std::uint32_t>((first - permissions.begin()) + (it - res.actions.begin()))};
}

std::string Policy::permission_name(PermissionId id) const {
  const Permission& perm = permissions.at(id.value);
  return modules[perm.module.value].name + "/" + resources[perm.resource.value].path + ":" +
         actions[perm.action.value].name;
}

PermissionSet Policy::read_permissions() const {
  PermissionSet out(permissions.size());
  for (std::uint32_t i = 0; i < permissions.size(); ++i)
    if (actions[permissions[i].action.value].action_class == ActionClass::read) out.insert(PermissionId{i});
  return out;
}

}  // namespace writ::ir
