// Private to lowering: the state shared by the passes (one file per pass, driven by lower.cpp).
// The passes fill one ir::Policy and its ir::TestSuite in order: names, modules, attributes,
// levels, roles, templates, rules, tests, keys. Each pass reads only what earlier passes resolved.
// Covered by tests/unit/lower/ (lowering results and the diagnostic fixtures).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "compiler/ast/ast.hpp"
#include "compiler/ast/names.hpp"
#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/ir/fixtures.hpp"
#include "compiler/ir/policy.hpp"
#include "compiler/source/source.hpp"

namespace writ::lower::detail {

/// Where each name of one kind was first declared, for W021 ("first declared here").
class Declared {
 public:
  explicit Declared(std::string kind) : kind_(std::move(kind)) {}
  /// True when `name` is new; otherwise reports W021 with a note at the first declaration.
  bool add(const ast::Name& name, Diagnostics& diags);
  [[nodiscard]] bool contains(std::string_view name) const { return first_.find(std::string(name)) != first_.end(); }
  [[nodiscard]] std::vector<std::string> names() const;

 private:
  std::string kind_;
  std::map<std::string, Span> first_;
};

struct Lowerer {
  const std::vector<ast::File>& files;
  const SourceMap& sources;
  Diagnostics& diags;
  ir::Policy& p;
  ir::TestSuite& suite;

  // AST of each IR entity, parallel to the IR vectors (only first declarations get an entity).
  const ast::PolicyDecl* policy_decl = nullptr;
  std::vector<const ast::ModuleDecl*> module_decls;
  std::vector<const ast::LevelDecl*> level_decls;
  std::vector<const ast::RoleDecl*> role_decls;
  std::vector<const ast::GrantTemplateDecl*> template_decls;
  std::vector<const ast::AttributeDecl*> attribute_decls;
  std::vector<const ast::ForbidDecl*> forbid_decls;
  std::vector<const ast::ImplicitGrantDecl*> implicit_decls;
  std::vector<const ast::AssertDecl*> assert_decls;
  std::vector<const ast::OrganizationDecl*> org_decls;
  /// Tests and matrices in source order (they share one namespace).
  std::vector<std::variant<const ast::TestDecl*, const ast::MatrixDecl*>> test_decls;
  /// Author-given rule names, unique across the policy.
  Declared rule_names{"rule name"};

  // ---- helpers (lower.cpp)

  /// W020 `undeclared KIND `NAME`` with a "did you mean" help line when a candidate is close.
  Diagnostic& undeclared(std::string_view kind, std::string_view name, Span span, const std::vector<std::string>& candidates);
  std::vector<std::string> role_names() const;
  std::vector<std::string> template_names() const;
  std::vector<std::string> attribute_names() const;
  std::vector<std::string> organization_names() const;

  std::optional<ir::RoleId> resolve_role(const ast::Name& name);
  std::optional<ir::TemplateId> resolve_template(const ast::Name& name);
  std::optional<ir::ModuleId> resolve_module(const ast::Name& name);
  /// `MODULE >= LEVEL`-style lookup: W020 if no such level anywhere, W033 if it is another module's.
  std::optional<ir::LevelId> resolve_level(ir::ModuleId module, const ast::Name& level);
  /// Organizations of the test fixture; `root` is always known.
  bool check_organization(const ast::Name& name);

  std::optional<ir::RequirementId> lower_requirement(const ast::Requirement& r);
  /// Appends a rule to the policy (pattern expanded, condition lowered, name registered). The
  /// caller sets the owner fields and adds requirements before anything reads it.
  ir::RuleId add_rule(ir::RuleKind kind, const ast::PermissionPattern& pattern, const std::optional<ast::Expr>& when,
                      const std::optional<ast::Name>& name, Span span);
  ir::AuthorizerId add_authorizer(const ast::Authorizer& a, ir::Authorizer::Target target);
  /// A condition where one may be written: absent is kTrue; an error lowers to kFalse after the
  /// diagnostic, so nothing downstream sees a half-lowered condition.
  ir::Condition condition(const std::optional<ast::Expr>& e);
  ir::Condition condition(const ast::Expr& e);
  std::vector<ir::PrincipalKind> lower_kinds(const std::vector<ast::KindRef>& kinds);
};

// ---- the passes, in the order lower() runs them

void collect_names(Lowerer& l);        ///< collect_names.cpp: every declaration, W021, W025, W026
void lower_modules(Lowerer& l);        ///< lower_modules.cpp: actions, resources, permission numbering
void lower_attributes(Lowerer& l);     ///< lower_expr.cpp: attribute types, defaults, closed domains
void lower_levels(Lowerer& l);         ///< lower_levels.cpp: above, includes, readonly_of, permits, W023/W024
void lower_roles(Lowerer& l);          ///< lower_roles.cpp: holders, extends (W022), scopes (W037)
void lower_templates(Lowerer& l);      ///< lower_templates.cpp: templates, implicit grants, W038/W044/W051/W052
void lower_rules(Lowerer& l);          ///< lower_rules.cpp: forbids, assertions
void lower_tests(Lowerer& l);          ///< lower_tests.cpp: organizations, tests, matrices
void lower_settings(Lowerer& l);       ///< lower_settings.cpp: suppressions, severities (W021, W040)

// ---- expressions (lower_expr.cpp)

/// A condition: must type-check as a boolean (W034), names resolved (W020), within the size
/// limits (W043). nullopt after reporting.
std::optional<ir::CondId> lower_condition(Lowerer& l, const ast::Expr& e);
/// A literal for a context attribute (defaults, test context): W034 when it does not fit.
std::optional<ir::Value> lower_attribute_value(Lowerer& l, const ir::Attribute& attr, const ast::Expr& e);

// ---- small shared utilities

/// True when `s` holds nothing but whitespace (a reason that says nothing).
bool is_blank(std::string_view s);
/// Levenshtein distance, for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b);
/// The closest candidate within a small distance, if any.
std::optional<std::string> closest(std::string_view name, const std::vector<std::string>& candidates);
using ast::kind_name;
using ast::scope_name;
/// An edge of a dependency graph between entities of one kind, with the span that made it.
struct Edge {
  std::uint32_t to;
  Span span;
};
/// Calls `report(chain, span)` once per cycle found (a depth-first back edge): `chain` starts and
/// ends with the same node; `span` is the edge that closes the loop. Iterative, so a 20,000-role
/// chain does not exhaust the stack.
void find_cycles(const std::vector<std::vector<Edge>>& graph,
                 const std::function<void(const std::vector<std::uint32_t>&, Span)>& report);

}  // namespace writ::lower::detail
