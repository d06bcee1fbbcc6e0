// What the interpreter answers, as data: a decision with the sources it considered and the
// reasons, each a code from the closed registry codes.def plus the ids of what it cites (rule,
// role, level, template, forbid, implicit grant, authorizer, condition, requirement, source);
// grant validation's violations likewise. No prose: compiler/report/ renders messages and spans
// from these, so decisions can be compared, counted and cited by id (coverage, analyses, diffs).
// docs/semantics.md §9.
// Covered by tests/unit/eval/decide_test.cpp and tests/unit/eval/codes_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/eval/org_tree.hpp"
#include "compiler/ir/ids.hpp"
#include "compiler/ir/condition.hpp"
#include "compiler/source/source.hpp"

namespace writ::eval {

enum class ReasonCode : std::uint8_t {
#define WRIT_REASON(name, effect, summary) name,
#include "compiler/eval/codes.def"
};

enum class ViolationCode : std::uint8_t {
#define WRIT_VIOLATION(name, summary) name,
#include "compiler/eval/codes.def"
};

std::string_view code_name(ReasonCode c);
std::string_view code_name(ViolationCode c);
std::optional<ViolationCode> violation_code(std::string_view name);
std::string_view code_summary(ReasonCode c);
std::string_view code_summary(ViolationCode c);
/// Every code, in registry order.
std::vector<ReasonCode> all_reason_codes();
std::vector<ViolationCode> all_violation_codes();

/// Where a piece of access comes from (docs/semantics.md §2).
struct SourceRef {
  enum class Kind : std::uint8_t { binding, automatic, grant_role, grant_custom, implicit };
  Kind kind = Kind::binding;
  std::optional<ir::RoleId> role;           ///< absent for grant_custom
  std::string held_at;                      ///< where the role or grant is held
  Relation relation = Relation::unrelated;  ///< of the target to held_at
  std::optional<std::size_t> grant;         ///< grant_role / grant_custom: index into principal.grants
  std::optional<ir::TemplateId> template_;
  std::optional<ir::ImplicitId> implicit;
};

enum class Effect : std::uint8_t { allow, deny, info };
std::string_view effect_name(Effect e);

/// One reason behind a decision. Which optional fields are set depends on the code.
struct Reason {
  Effect effect = Effect::info;
  ReasonCode code = ReasonCode::no_rule;
  std::optional<std::size_t> source;        ///< index into Decision::sources
  std::optional<ir::RuleId> rule;
  std::optional<ir::RoleId> role;           ///< the role a rule is declared in, or the role concerned
  std::optional<ir::LevelId> level;         ///< the level a permit came through
  std::optional<ir::TemplateId> template_;
  std::optional<ir::ForbidId> forbid;
  std::optional<ir::ImplicitId> implicit;
  std::optional<ir::AuthorizerId> authorizer;
  std::optional<ir::CondId> condition;
  ir::Truth truth = ir::Truth::unknown;     ///< condition_false: what the condition was
  std::optional<ir::RequirementId> requirement;
  std::optional<std::size_t> grant;         ///< index into principal.grants (grant reasons)
  std::string name;                         ///< a name from the request that the policy lacks, or the org concerned
  std::optional<std::int64_t> instant;      ///< grant windows: the bound that failed
};

struct Decision {
  bool allow = false;
  std::optional<ir::PermissionId> permission;
  std::vector<SourceRef> sources;
  std::vector<Reason> reasons;
};

/// One grant-validation violation (docs/semantics.md §7).
struct Violation {
  ViolationCode code = ViolationCode::unknown_template;
  std::optional<ir::TemplateId> template_;
  std::optional<ir::RoleId> role;
  std::optional<ir::RuleId> rule;           ///< forbidden_permission: the template deny
  std::optional<ir::CondId> condition;      ///< precondition_failed / scope_outside_template
  std::string name;                         ///< the unknown role, field, pattern or organization
  std::vector<ir::PermissionId> permissions;///< above_grantor_access: what the grantor lacks
  std::optional<std::int64_t> length;       ///< duration_above_max: the grant's length (none: no end)
  std::optional<std::int64_t> limit;        ///< duration_above_max: the maximum
  Span span;                                ///< what to point at (a field or precondition), when not a template
};

}  // namespace writ::eval
