// Stable identities. A rule, requirement, authorizer or template constraint keeps its key across
// versions of a policy as long as its meaning does: the key is made of names and canonical text
// (owner, scope, canonical pattern, requirements, condition), never of ids, spans or file order.
// An author-given rule name (`as NAME`) is the rule's key. Permissions are keyed by
// `module/path:action`; remap() relates the permission ids of two policies by key, so adding a
// resource changes no other permission's identity. Findings, suppressions, coverage and diffs
// cite these keys. docs/architecture.md ("Stable identities").
// Covered by tests/unit/lower/keys_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ir/policy.hpp"

namespace writ::ir {

/// The key a rule would have, before duplicates are numbered.
std::string rule_base_key(const Policy& p, const Rule& r);
std::string authorizer_base_key(const Policy& p, const Authorizer& a);
std::string requirement_key(const Policy& p, RequirementId r, const std::string& owner_key);

/// Assign Rule::key and Authorizer::key for the whole policy: the base key, with ` #2`, ` #3`...
/// for identical rules in declaration order (a duplicate means the same thing as the first).
void assign_keys(Policy& p);

/// Each constraint a template declares, as (key, canonical text): grantee kinds, grantee roles,
/// who grants, window presence, durations, grantable roles, custom, scope, scope condition,
/// ceiling, preconditions, revocable, audited. The diff compares templates through these.
std::vector<std::pair<std::string, std::string>> template_constraints(const Policy& p, TemplateId t);

/// For every permission of `from`, its id in `to` (same `module/path:action`), if any.
std::vector<std::optional<PermissionId>> remap(const Policy& from, const Policy& to);
/// A set of `from`'s permissions as a set of `to`'s; permissions `to` lacks are dropped.
PermissionSet remap_set(const PermissionSet& s, const std::vector<std::optional<PermissionId>>& map);

}  // namespace writ::ir
