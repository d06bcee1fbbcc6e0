// Findings as values: a check code from the one registry (checks.def), the spans involved, a
// witness (a chain of steps and a concrete request that the interpreter decides as the finding
// claims) and the arguments of the registry's message. No prose and no printing here: only
// compiler/report/ renders findings (text, JSON, SARIF, GitHub annotations).
// Covered by tests/unit/analysis/ (each check: a fixture that triggers it, a near miss, and the
// witness replayed through compiler/eval).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/ir/permission_set.hpp"
#include "compiler/ir/request.hpp"
#include "compiler/source/source.hpp"

namespace writ::analysis {

enum class Check : std::uint8_t {
#define WRIT_CHECK(name, code, severity, message, rule, fix) name,
#include "compiler/analysis/checks.def"
#undef WRIT_CHECK
};

struct CheckInfo {
  Check id;
  std::string_view code;     ///< stable, e.g. "A001"
  std::string_view name;     ///< snake_case
  Severity severity;         ///< default
  std::string_view message;  ///< fmt template over Finding::args
  std::string_view rule;     ///< one line
  std::string_view fix;
};

std::span<const CheckInfo> check_registry();
const CheckInfo& info(Check c);
/// By code ("A001") or name ("assign_exceeds_assigner").
std::optional<Check> find_check(std::string_view code_or_name);

/// One step of a witness chain: "holding `role`, `authorizer` lets the principal assign `to`".
struct Step {
  enum class Kind : std::uint8_t { hold, assign, grant, implicit };
  Kind kind = Kind::hold;
  std::string role;   ///< the role held at this step (or obtained, for assign/grant/implicit)
  std::string via;    ///< the template or implicit grant, for grant/implicit steps
  Span span;          ///< the rule that makes the step possible
};

/// What the interpreter must answer for the witness to hold.
struct Query {
  enum class Kind : std::uint8_t { decide, assign, validate };
  Kind kind = Kind::decide;
  ir::Request request;
  std::string role;                       ///< assign: the role assigned
  std::optional<ir::GrantInstance> grant; ///< validate: the grant made
  bool expect_allow = true;               ///< decide/assign: allow; validate: valid
  /// validate: a code that must be absent from the violations (the limit that does not bind).
  std::string absent_violation;
};

struct Witness {
  std::vector<Step> chain;
  std::vector<Query> queries;  ///< each decided by compiler/eval as `expect_allow` says
};

struct Finding {
  Check check{};
  Severity severity = Severity::warning;  ///< after the policy's and the command line's overrides
  Span primary;
  std::vector<std::pair<Span, std::string>> related;  ///< each with what it is ("assigned role", ...)
  std::vector<std::string> args;                      ///< fill info(check).message
  Witness witness;
  ir::PermissionSet permissions;                      ///< every permission the finding concerns
  std::optional<std::string> suppressed;              ///< the reason of a `suppress` that covers it
};

}  // namespace writ::analysis
