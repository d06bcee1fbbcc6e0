// The query helpers declared on ir::Policy.
#include "compiler/ir/policy.hpp"

#include <algorithm>

namespace writ::ir {

std::optional<PermissionId> Policy::permission_of(ResourceId r, ActionId a) const {
  // INVARIANT (lower_modules.cpp): a resource's permissions are contiguous from
  // first_permission, in the order of its action list.
  const Resource& res = resources.at(r.value);
  auto it = std::find(res.actions.begin(), res.actions.end(), a);
  if (it == res.actions.end()) return std::nullopt;
  return PermissionId{res.first_permission.value + static_cast<std::uint32_t>(it - res.actions.begin())};
}

std::string Policy::permission_name(PermissionId id) const {
  const Permission& perm = permissions.at(id.value);
  return modules[perm.module.value].name + "/" + resources[perm.resource.value].path + ":" + actions[perm.action.value].name;
}

}  // namespace writ::ir
