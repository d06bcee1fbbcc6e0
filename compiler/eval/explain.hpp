// `writ explain`, as data: what a role gives per organization scope (every permission with the
// permits, level permits and denies that reach it through `extends`), and what a concrete
// principal is allowed at every organization the request knows of. compiler/report/ prints both.
// docs/semantics.md §3–§4.
// Covered by tests/unit/eval/explain_report_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "compiler/facts/facts.hpp"
#include "compiler/ir/request.hpp"

namespace writ::eval {

struct ExplainEntry {
  enum class Kind : std::uint8_t { permit, level, deny };
  Kind kind = Kind::permit;
  ir::RuleId rule{};
  ir::RoleId declared_in{};                    ///< the role (the explained one or one it extends)
  std::optional<ir::LevelId> level;
  std::vector<ir::RequirementId> requirements;
  ir::CondId when = ir::kTrue;
};

struct ExplainRow {
  ir::PermissionId permission{};
  std::vector<ExplainEntry> entries;           ///< permits first, then denies
};

struct RoleExplanation {
  ir::RoleId role{};
  std::vector<ExplainRow> scopes[ir::kOrgScopeCount];  ///< rows in permission order
};

RoleExplanation explain_role(const facts::Facts& facts, ir::RoleId role);

struct PrincipalGrid {
  std::vector<std::string> organizations;      ///< the columns, sorted
  std::vector<ir::PermissionSet> allowed;      ///< per column
};

/// The principal of `request` decided at every organization it knows of: the request's tree,
/// its target, and where its roles, grants and triggers are held.
PrincipalGrid explain_principal(const facts::Facts& facts, const ir::Request& request);

}  // namespace writ::eval
