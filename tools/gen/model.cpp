// See model.hpp.
#include "tools/gen/model.hpp"

#include <stdexcept>

namespace writ::gen {

std::string_view kind_name(Kind k) {
  switch (k) {
    case Kind::internal: return "internal";
    case Kind::external: return "external";
    case Kind::vendor_support: return "vendor_support";
    case Kind::system: return "system";
  }
  return "?";
}

std::string Model::permission_name(int p) const {
  const Permission& perm = permissions[p];
  return modules[perm.module].name + "/" + resources[perm.resource].path + ":" + modules[perm.module].actions[perm.action].name;
}

int Model::attribute(std::string_view name) const {
  for (std::size_t i = 0; i < attributes.size(); ++i)
    if (attributes[i].name == name) return static_cast<int>(i);
  throw std::logic_error("writ-gen: no attribute " + std::string(name));
}

}  // namespace writ::gen
