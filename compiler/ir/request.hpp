// A request to decide, and the grant instances it carries. Name-based (not id-based) on purpose:
// requests come from outside (JSON, tests) and may name things the policy does not have; the
// interpreter resolves names and denies anything unknown. docs/semantics.md §1 defines each field;
// docs/request-format.md the JSON form.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/ast/ast.hpp"

namespace writ::ir {

/// A context attribute value: bool, integer or string (enum values are strings).
using Value = std::variant<bool, std::int64_t, std::string>;

struct RoleBinding {
  std::string role;
  std::string org;  ///< empty: the request's target organization
  friend bool operator==(const RoleBinding&, const RoleBinding&) = default;
};

/// One grant made from a template. In a request it is an active grant the principal holds; the
/// grantor fields are the grantor's access *now*, because the ceiling binds at every decision.
struct GrantInstance {
  std::string template_name;
  std::string grantee_id;
  ast::PrincipalKind grantor_kind = ast::PrincipalKind::internal;
  bool grantor_named = true;
  std::vector<RoleBinding> grantor_roles;
  std::vector<std::string> roles;             ///< granted roles
  std::vector<std::string> custom;            ///< granted custom permission patterns, canonical text
  std::optional<std::int64_t> valid_from;     ///< UTC seconds; absent: unbounded below
  std::optional<std::int64_t> valid_to;       ///< UTC seconds, exclusive; absent: unbounded (invalid if required)
  std::string org;                            ///< empty: the target organization
  std::map<std::string, std::string> fields;
  bool revoked = false;
  friend bool operator==(const GrantInstance&, const GrantInstance&) = default;
};

struct Principal {
  std::string id;
  ast::PrincipalKind kind = ast::PrincipalKind::internal;
  bool named = true;
  std::string org;                            ///< empty: the target organization
  std::vector<RoleBinding> roles;
  std::vector<GrantInstance> grants;
  friend bool operator==(const Principal&, const Principal&) = default;
};

inline constexpr const char* kDefaultOrganization = "root";
inline constexpr std::int64_t kDefaultInstant = 1735689600;  ///< 2025-01-01T00:00:00Z

struct Request {
  Principal principal;
  std::string target_org = kDefaultOrganization;
  /// The organization tree as far as the request needs it: name -> parent ("" for a root).
  std::map<std::string, std::string> org_parents;
  std::string module;
  std::string resource;   ///< path from the module root, `/`-separated
  std::string action;
  std::int64_t at = kDefaultInstant;
  std::map<std::string, Value> context;
  friend bool operator==(const Request&, const Request&) = default;
};

}  // namespace writ::ir
