// Building witness requests and replaying them through the interpreter. Witnesses use a fixed
// two-organization tree (`root` and `child` below it): a role held at `root` gives its `self`
// block at `root` and its `descendants` block at `child`. Conditions a witness must satisfy are
// met by enumerating the value classes of the context attributes they read (condition.hpp), so a
// witness exists whenever some context makes the rules apply.
// Covered by tests/unit/analysis/ (every test replays its findings' witnesses).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/analysis/finding.hpp"
#include "compiler/facts/facts.hpp"

namespace writ::analysis {

inline constexpr const char* kRootOrg = "root";
inline constexpr const char* kChildOrg = "child";

/// A principal of `kind` holding `roles` at `root`, asking `permission` (by name) at the target
/// of `scope` (root for self, child for descendants).
ir::Request make_request(const ir::Policy& p, ir::PrincipalKind kind, const std::vector<ir::RoleId>& roles,
                         ir::OrgScope scope, std::string_view permission);

using Context = std::map<std::string, ir::Value>;
/// Contexts to try for conditions `conds`: the empty one first, then every combination of the
/// value classes of the attributes they read (at most Conditions::kMaxAssignments).
std::vector<Context> contexts_for(const ir::Policy& p, const std::vector<ir::CondId>& conds);

/// The first context for which `ok(query)` holds after setting it on every query; empty when
/// none does. `queries` share the context (one account).
std::optional<std::vector<Query>> with_context(const facts::Facts& f, std::vector<Query> queries,
                                               const std::vector<ir::CondId>& conds);

/// A kind allowed by `holders` (internal first).
ir::PrincipalKind first_kind(const std::vector<ir::PrincipalKind>& holders);

bool answer(const facts::Facts& f, const Query& q);

}  // namespace writ::analysis
