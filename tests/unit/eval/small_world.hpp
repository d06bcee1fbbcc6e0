// Small generated worlds for the exhaustive test and the laws: a policy text built from a seed
// (conditions over missing and wrong-typed attributes, forbids with every selector kind, denies,
// automatic roles, implicit grants with triggers, a grant template with windows, durations, scope
// and ceiling, an organization tree) and the finite domain of requests over it. Deterministic for
// a seed (std::mt19937 with fixed draws), so a failure names the seed that reproduces it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "compiler/ir/policy.hpp"
#include "compiler/ir/request.hpp"

namespace writ::eval::testing {

struct SmallWorld {
  std::uint32_t seed = 0;
  std::string text;                           ///< the whole policy, header included
  std::vector<std::string> roles;             ///< names
  std::vector<bool> automatic;                ///< per role
  std::vector<std::string> attributes;        ///< the attributes its conditions read
  bool has_template = false, has_implicit = false;
  std::vector<ir::GrantInstance> grants;      ///< instances the domain tries (custom unresolved)
};

/// The permissions, target organizations and instants every world shares.
const std::vector<std::string>& world_permissions();
const std::vector<std::string>& world_targets();

SmallWorld make_world(std::uint32_t seed, const std::string& combining);

/// Calls `visit` with every request of the world's domain (custom grant patterns resolved against
/// `policy`); returns the number visited.
std::size_t for_each_request(const SmallWorld& w, const ir::Policy& policy, const std::function<void(const ir::Request&)>& visit);

}  // namespace writ::eval::testing
