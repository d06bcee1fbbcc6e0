// A request to decide, and the grant instances and triggers it carries. Name-based (not id-based)
// on purpose: requests come from outside (JSON, tests) and may name things the policy does not
// have; the interpreter resolves names and denies anything unknown. docs/semantics.md §1 defines
// each field; docs/request-format.md the JSON form.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/permission_set.hpp"
#include "compiler/ir/value.hpp"
#include "compiler/ir/vocabulary.hpp"

namespace writ::ir {

struct RoleBinding {
  std::string role;
  std::string org;  ///< empty: the request's target organization
  friend bool operator==(const RoleBinding&, const RoleBinding&) = default;
};

/// A custom permission pattern of a grant. The text comes from outside; the set is resolved
/// against the policy before deciding (lowering for tests, the request reader for JSON), so the
/// interpreter never parses. No set: malformed or naming nothing, so it gives nothing.
struct CustomPattern {
  std::string text;
  std::optional<PermissionSet> permissions;
  friend bool operator==(const CustomPattern&, const CustomPattern&) = default;
};

/// One grant made from a template. In a request it is an active grant the principal holds; the
/// grantor fields are the grantor's access *now*, because the ceiling binds at every decision.
struct GrantInstance {
  std::string template_name;
  std::string grantee_id;
  PrincipalKind grantor_kind = PrincipalKind::internal;
  bool grantor_named = true;
  std::vector<RoleBinding> grantor_roles;
  std::vector<std::string> roles;             ///< granted roles
  std::vector<CustomPattern> custom;          ///< granted custom permission patterns
  std::optional<std::int64_t> valid_from;     ///< UTC seconds, inclusive
  std::optional<std::int64_t> valid_to;       ///< UTC seconds, exclusive
  std::string org;                            ///< empty: the target organization
  std::map<std::string, std::string> fields;
  bool revoked = false;
  friend bool operator==(const GrantInstance&, const GrantInstance&) = default;
};

/// The event an implicit grant reacts to, and the organization it belongs to (an open support
/// ticket of one account). An implicit grant applies only where a trigger of it is named.
struct Trigger {
  std::string implicit;
  std::string org;  ///< empty: the target organization
  friend bool operator==(const Trigger&, const Trigger&) = default;
};

struct Principal {
  std::string id;
  PrincipalKind kind = PrincipalKind::internal;
  bool named = true;
  std::string org;                            ///< home organization; empty: the target organization
  std::vector<RoleBinding> roles;
  std::vector<GrantInstance> grants;
  std::vector<Trigger> triggers;
  friend bool operator==(const Principal&, const Principal&) = default;
};

inline constexpr const char* kDefaultOrganization = "root";
inline constexpr std::int64_t kDefaultInstant = 1735689600;  ///< 2025-01-01T00:00:00Z

/// The organization tree as far as a request needs it: name -> parent ("" for a root).
using OrgTree = std::map<std::string, std::string>;

struct Request {
  Principal principal;
  std::string target_org = kDefaultOrganization;
  /// Absent: the caller gave no tree (writ test and writ eval then use the policy's fixture).
  /// Present and empty: an explicit tree relating nothing.
  std::optional<OrgTree> org_parents;
  std::string module;
  std::string resource;   ///< path from the module root, `/`-separated
  std::string action;
  std::int64_t at = kDefaultInstant;
  std::map<std::string, Value> context;
  /// The id of the principal the resource belongs to (`principal.is_owner`); absent: unknown.
  std::optional<std::string> resource_owner;
  friend bool operator==(const Request&, const Request&) = default;
};

}  // namespace writ::ir
