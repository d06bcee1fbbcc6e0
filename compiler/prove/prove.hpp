// The user's assertions (docs/language.md §10), proved or refuted over the policy's whole finite
// domain — or said undecided, never guessed. A refutation lists every counterexample as cubes
// (the roles held, scope, principal kinds, the input region and the permissions), each with a
// request the reference interpreter decides as the cube says. docs/checks.md, A040 and A041.
//
// - `never S may P` (S a principal kind or anyone): S's principals are allowed nothing of P,
//   whatever they hold. It holds exactly when adding
//   `forbid { applies_to S; deny P; }` to the policy changes no decision, which the diff engine
//   (compiler/diff/) decides over every role, every interacting combination of roles, scope, kind
//   and input class; what the forbid takes away is the set of counterexamples.
// - `always role R may P`: every principal holding R where it is held (scope self), whatever else
//   it holds, is allowed all of P. A denial needs at most one source besides R (a deny, or a forbid
//   selecting that source: denies carry no requirements), so R alone and R with each other role
//   are every case; grants that could add a template deny or a `template` forbid are undecided.
//   `never role R may P` is about what R gives: a holder of R (alone, or with one other role that
//   completes R's requirements) allowed a permission of P that it would not be allowed without R.
//   For `kind` and `anyone` the forbid above; a template subject is undecided.
// - `read_only role R` is `never role R may` every write-class permission.
// - Level subjects are about the level's definition: `never`/`read_only level L` — no permit of L
//   (own or included) names a permission of P / a write; `always level L may P` — L names all of P
//   unconditionally (one only under a condition or requirement is undecided).
// - `min_holders R N` is about the assignments data (compiler/ir/assignments.hpp): at every
//   organization where the data has R held, at least N distinct principals hold it there (through
//   R or a role extending it, by the holder rules, analysis/holders.hpp), and some organization
//   has it held. Every organization short of N is a counterexample; without the data: undecided.
// Covered by tests/unit/prove/prove_test.cpp (min_holders: tests/unit/analysis/assignments_test.cpp).
#pragma once

#include <string>
#include <vector>

#include "compiler/analysis/finding.hpp"
#include "compiler/diff/diff.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/assignments.hpp"

namespace writ::prove {

struct AssertionResult {
  enum class Status : std::uint8_t { proved, refuted, undecided };
  ir::AssertionId assertion;
  Status status = Status::proved;
  std::vector<diff::AccessCube> counterexamples;  ///< refuted: every one, grouped into cubes
  /// A refuted level assertion (about the level's definition): the permissions at fault — named
  /// by the level for `never` and `read_only`, named nowhere in it for `always`.
  std::vector<std::string> level_permissions;
  std::string why;                                ///< undecided: what was not decided
  /// A refuted `min_holders`: each organization with fewer holders than the count (one with an
  /// empty `org` when no organization has any), with its holders' ids and bindings.
  struct Shortfall {
    std::string org;
    std::vector<std::pair<std::string, Span>> holders;
  };
  std::vector<Shortfall> too_few;
};

struct Options {
  /// Decide every pair of roles `never role` and `read_only role` ask about, also those whose
  /// rules cannot interact (which cannot hold a counterexample, prove.cpp's PairFilter): the
  /// slower, simpler path tests/unit/prove/generated_test.cpp holds the default to.
  bool every_pair = false;
  /// The assignments data `min_holders` counts; absent, those assertions are undecided.
  const ir::Assignments* assignments = nullptr;
};

std::vector<AssertionResult> prove_all(const facts::Facts& facts, const Options& options = {});

/// Refuted and undecided assertions as findings (A040, A041), for every report format.
std::vector<analysis::Finding> findings(const facts::Facts& facts, const std::vector<AssertionResult>& results);

}  // namespace writ::prove
