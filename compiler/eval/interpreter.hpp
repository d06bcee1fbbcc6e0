// The reference interpreter: decides requests, validates grant instances and answers "may P
// assign R at O" directly on the IR, with the reasons. It is the oracle the compiled table and the
// static analyses are checked against, so it is deliberately naive: no caching, every decision
// recomputed from the policy. docs/semantics.md is its specification, section by section.
// Covered by tests/unit/eval/ (one test per semantic rule, plus rapidcheck properties for the laws).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.hpp"
#include "compiler/source/source.hpp"

namespace writ::eval {

/// One reason behind a decision. `code` is stable snake_case (docs/semantics.md §9 lists them);
/// `span` points at the rule, role, level, grant template or forbid rule involved (unknown for
/// things that come from the request, such as an unknown role name).
struct Reason {
  enum class Effect : std::uint8_t { allow, deny, info };
  Effect effect = Effect::info;
  std::string code;
  std::string message;
  Span span;
};

struct Decision {
  bool allow = false;
  std::vector<Reason> reasons;
};

/// One grant-validation violation (docs/semantics.md §7): `code` is one of the stable names.
struct Violation {
  std::string code;
  std::string message;
  Span span;
};

/// Decide `request` (its module/resource/action at its target organization and instant).
/// Never throws on unknown names: anything unknown is a deny with a reason.
Decision decide(const ir::Policy& policy, const ir::Request& request);

/// Every violation of `grant` against its template, as made now: `ctx.principal` is the grantee,
/// `ctx.at` the instant the grant is made, `ctx.context` the account's attributes, `ctx.target_org`
/// the grant's organization when `grant.org` is empty. Empty: valid.
std::vector<Violation> validate_grant(const ir::Policy& policy, const ir::Request& ctx, const ir::GrantInstance& grant);

/// May `ctx.principal` assign `role` to someone at organization `org` (empty: ctx.target_org)?
Decision may_assign(const ir::Policy& policy, const ir::Request& ctx, std::string_view role, std::string_view org);

/// The permission a request names, or nullopt with the reason (unknown module/resource/action).
std::optional<ir::PermissionId> resolve_permission(const ir::Policy& policy, const ir::Request& request, Reason* why);

/// Parse `module/path:action` into the request's module/resource/action fields. false if malformed.
bool set_permission(ir::Request& request, std::string_view text);

/// `allow`/`deny`/`info`.
std::string_view effect_name(Reason::Effect e);

}  // namespace writ::eval
