// What to generate: the size and shape of the policy. Filled by main.cpp from the command line
// and by the unit tests directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace writ::gen {

enum class Shape : std::uint8_t {
  mixed,  ///< roles in `extends` chains of bounded depth, some with two parents, with scopes
  chain,  ///< every staff role in one `extends` chain: the worst case of inheritance
};

std::optional<Shape> shape_from(std::string_view name);
std::string_view shape_name(Shape s);

struct Options {
  std::uint64_t seed = 1;
  int roles = 200;          ///< exact number of roles
  int permissions = 2000;   ///< approximate number of permissions (modules x resources x actions)
  int edges = 1000;         ///< assignment rules + template grantors + grantable roles + implicit-grant edges
  int tests = 200;          ///< test cases in all: request, assign, validate tests and matrix cells
  int validate_tests = 10;  ///< of which `validate` tests on templates with `ceiling grantor`
  Shape shape = Shape::mixed;
  /// A source file may hold at most 4 MiB (docs/language.md §12): files are split into parts of
  /// at most this many bytes, imported by the first. Not on the command line; tests lower it.
  std::size_t part_bytes = 3 * 1024 * 1024;
  /// The policy takes at least this many files (more past part_bytes), which import each other.
  /// 1 keeps a policy below part_bytes in `policy.writ` alone, for scripts that edit that file.
  int policy_files = 2;
  /// Tests name the trigger of an implicit grant (`trigger NAME at ORG;`). Off (`--no-triggers`):
  /// without a trigger an implicit grant gives nothing (semantics.md §6.3), so the implicit-grant
  /// tests are then denials.
  bool triggers = true;
};

/// The smallest sizes the generator can honour (every feature needs a few roles and permissions).
inline constexpr int kMinRoles = 12;
inline constexpr int kMinPermissions = 60;

/// A policy of the given size with a single test: for callers that analyse the policy and not
/// its tests (the unit tests of the diff, the prover and the report writers).
inline Options policy_of(std::uint64_t seed, int roles, int permissions, int edges) {
  Options o;
  o.seed = seed;
  o.roles = roles;
  o.permissions = permissions;
  o.edges = edges;
  o.tests = 1;
  o.validate_tests = 0;
  return o;
}

}  // namespace writ::gen
