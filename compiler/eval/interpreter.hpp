// The reference interpreter: decides requests, validates grant instances and answers "may P
// assign R at O" on the IR through its facts, with the reasons as data (decision.hpp). It is the
// oracle the compiled table and the static analyses are checked against, so it stays plain:
// docs/semantics.md is its specification, section by section, and each question builds a fresh
// View of the principal from facts computed once per policy. Links the IR, the facts and core
// only (the build enforces it).
// Covered by tests/unit/eval/ (one test per semantic rule, rapidcheck properties for the laws,
// an exhaustive small-world comparison with a naive evaluator).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "compiler/eval/decision.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/request.hpp"

namespace writ::eval {

/// Decide `request` (its module/resource/action at its target organization and instant). Never
/// throws on unknown names: anything unknown is a deny with a reason. A request without an
/// organization tree relates nothing but the target to itself.
Decision decide(const facts::Facts& facts, const ir::Request& request);

/// Every violation of `grant` against its template, as made now: `ctx.principal` is the grantee,
/// `ctx.at` the instant the grant is made, `ctx.context` the account's attributes, `ctx.target_org`
/// the grant's organization when `grant.org` is empty. Empty: valid.
std::vector<Violation> validate_grant(const facts::Facts& facts, const ir::Request& ctx, const ir::GrantInstance& grant);

/// May `ctx.principal` assign `role` to someone at organization `org` (empty: ctx.target_org)?
Decision may_assign(const facts::Facts& facts, const ir::Request& ctx, std::string_view role, std::string_view org);

/// The permission a request names, or nullopt with the reason (unknown module/resource/action).
std::optional<ir::PermissionId> resolve_permission(const ir::Policy& policy, const ir::Request& request, Reason* why);

/// Parse `module/path:action` into the request's module/resource/action fields. false if malformed.
bool set_permission(ir::Request& request, std::string_view text);

}  // namespace writ::eval
