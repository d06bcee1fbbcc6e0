// Random conditions for each place the language has one. Which inputs a place may read follows
// docs/semantics.md: `target.relation` only where a role or grant is being evaluated, no
// `principal.has_grant` in grant preconditions and scopes (validation evaluates them without the
// grant, decisions with it, and a test must not depend on that difference).
#pragma once

#include "tools/gen/model.hpp"
#include "tools/gen/rng.hpp"

namespace writ::gen {

enum class CondUse : std::uint8_t { permit, deny, authorizer, forbid, precondition, scope, implicit };

Cond random_condition(const Model& m, Rng& rng, CondUse use);

/// A one-atom condition on the k-th kind of input, k in [0, kInputKinds): a bool, enum, int and
/// string attribute, `principal.kind`, `principal.named`, `target.relation`. The first roles use
/// these, so every kind of input appears in every policy however small.
inline constexpr int kInputKinds = 7;
Cond condition_on(const Model& m, Rng& rng, int k);

}  // namespace writ::gen
