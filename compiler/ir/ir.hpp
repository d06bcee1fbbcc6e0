// The IR: one resolved policy, whatever syntax it came from. Every concept of the language is a
// type here, in dense vectors indexed by small typed ids, so analyses are bitset arithmetic and
// lowering to a table is copying arrays. Built by compiler/lower/, read by everything after it;
// nothing after lowering changes it. docs/architecture.md describes the phases.
// Covered by tests/unit/lower_test.cpp and the golden IR dumps under tests/golden/.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.hpp"
#include "compiler/ir/ids.hpp"
#include "compiler/ir/permission_set.hpp"
#include "compiler/ir/request.hpp"
#include "compiler/ir/vocabulary.hpp"
#include "compiler/source/source.hpp"

namespace writ::ir {


/// Seconds. Durations and instants are whole seconds; instants are UTC seconds since the epoch.
using Seconds = std::int64_t;

// ---------------------------------------------------------------- expressions

/// Names an expression can read, resolved. `context.X` becomes an AttributeId.
enum class Builtin : std::uint8_t {
  principal_kind,      ///< enum: internal | external | vendor_support | system
  principal_named,     ///< bool: the principal is a named individual account
  principal_has_grant, ///< bool: the principal holds an active grant at the target organization
  target_relation,     ///< enum: self | descendant (of where the evaluated role is held)
};

/// How a condition writes each builtin.
constexpr std::string_view builtin_path(Builtin b) {
  switch (b) {
    case Builtin::principal_kind: return "principal.kind";
    case Builtin::principal_named: return "principal.named";
    case Builtin::principal_has_grant: return "principal.has_grant";
    case Builtin::target_relation: return "target.relation";
  }
  return "?";
}

struct Expr {
  enum class Kind : std::uint8_t { boolean, integer, string, attribute, builtin, list, not_, and_, or_, eq, ne, in, not_in };
  enum class Type : std::uint8_t { boolean, integer, string };  ///< enums are strings checked against their set
  Kind kind = Kind::boolean;
  Type type = Type::boolean;
  bool bool_value = false;
  std::int64_t int_value = 0;
  std::string text;
  AttributeId attribute{};
  Builtin builtin = Builtin::principal_kind;
  std::vector<Expr> kids;
  Span span;
};

// ---------------------------------------------------------------- modules

struct Action {
  ModuleId module;
  std::string name;
  std::string title;
  ActionClass action_class = ActionClass::read;
  Span span;
};

struct Resource {
  ModuleId module;
  std::optional<ResourceId> parent;
  std::string name;
  std::string path;   ///< from the module root, `/`-separated: `reports/detail`
  std::string title;
  std::vector<ActionId> actions;
  std::vector<ResourceId> children;
  Span span;
};

/// A concrete permission: one action on one resource. Permissions are numbered densely in
/// declaration order (module, resource pre-order, the resource's action order), so a set of them
/// is a bitset.
struct Permission {
  ModuleId module;
  ResourceId resource;
  ActionId action;
};

/// A level of another module that must be held for something to count.
struct Requirement {
  ModuleId module;
  LevelId level;
  Span span;
};

/// A `permit` or `deny` as written, with its pattern expanded. Provenance is the span; the pattern
/// text is kept canonical so findings can quote it.
struct Rule {
  PermissionSet permissions;
  std::string pattern;                   ///< canonical pattern text
  std::vector<Requirement> requirements; ///< permits only: each must hold for the permit to apply
  std::optional<Expr> when;              ///< the rule applies only when this holds
  Span span;
};

struct Level {
  ModuleId module;
  std::string name;
  std::string title;
  std::string description;
  std::vector<LevelId> above;             ///< declared at least as strong as these
  std::optional<LevelId> readonly_of;     ///< derived: the read-class permissions of that level
  std::vector<Rule> permits;
  std::vector<Requirement> requirements;  ///< level-wide
  Span span;
};

struct Module {
  std::string name;
  std::string title;
  std::string description;
  std::vector<ActionId> actions;
  std::vector<ResourceId> resources;      ///< every resource of the module, pre-order
  std::vector<LevelId> levels;
  Span span;
};

// ---------------------------------------------------------------- roles and assignment

struct LevelAssignment {
  ModuleId module;
  LevelId level;
  Span span;
};

/// What a role gives at one organization scope.
struct ScopeGrants {
  std::vector<Rule> permits;
  std::vector<Rule> denies;
  std::vector<LevelAssignment> levels;
};

/// An edge "these may assign / grant": data, so graphs over it can be built.
struct Authorizer {
  bool automatic = false;
  bool anyone = false;
  std::vector<RoleId> roles;
  std::optional<Expr> when;
  Span span;
};

struct Role {
  std::string name;
  std::string title;
  std::string description;
  std::vector<PrincipalKind> holders;   ///< never empty after lowering (default: internal)
  bool named_accounts = false;
  std::vector<RoleId> extends;
  std::vector<Authorizer> assigned_by;
  ScopeGrants at[kOrgScopeCount];       ///< indexed by OrgScope
  Span span;
};

// ---------------------------------------------------------------- deny rules and ceilings

struct Selector {
  enum class Kind : std::uint8_t { anyone, principal_kind, role, template_, level };
  Kind kind = Kind::anyone;
  PrincipalKind principal_kind = PrincipalKind::internal;
  RoleId role{};
  TemplateId template_{};
  LevelId level{};
  Span span;
};

struct Forbid {
  std::string name;
  std::string title;
  std::string reason;
  std::vector<Selector> applies_to;   ///< any match makes the rule apply
  std::vector<Rule> denies;
  std::optional<Expr> when;
  Span span;
};

// ---------------------------------------------------------------- context attributes

struct Attribute {
  std::string name;
  AttributeType type = AttributeType::boolean;
  std::vector<std::string> enum_values;
  std::optional<Value> default_value;
  std::string description;
  Span span;
};

// ---------------------------------------------------------------- grants

struct Field {
  std::string name;
  std::string title;
  Presence presence = Presence::optional;
  Span span;
};

struct GrantTemplate {
  std::string name;
  std::string title;
  std::string description;
  std::vector<PrincipalKind> grantee_kinds;
  std::string grantee_id;            ///< the identifier's name; empty: none
  std::string grantee_id_title;
  std::vector<Authorizer> granted_by;
  std::vector<Field> fields;
  Presence valid_from = Presence::optional;
  Presence valid_to = Presence::required;
  std::optional<Seconds> default_duration;
  std::optional<Seconds> max_duration;
  std::vector<RoleId> grantable_roles;
  bool custom = false;
  OrgScope org_scope = OrgScope::self;
  std::optional<Expr> scope_when;
  bool ceiling_grantor = false;
  std::vector<Expr> preconditions;
  std::vector<Rule> denies;
  bool revocable = false;
  bool audited = false;
  Span span;
};

struct ImplicitGrant {
  std::string name;
  std::string title;
  std::string description;
  std::vector<PrincipalKind> grantee_kinds;
  std::vector<RoleId> grantee_roles;   ///< empty: any role (or none)
  std::optional<Expr> when;
  std::vector<RoleId> grants_roles;
  Span span;
};

// ---------------------------------------------------------------- assertions

struct Assertion {
  using Kind = ast::AssertDecl::Kind;
  std::string name;
  std::string title;
  Kind kind = Kind::never;
  Selector subject;
  PermissionSet permissions;     ///< never / always
  std::string pattern;
  std::int64_t count = 0;        ///< min_holders
  Span span;
};

// ---------------------------------------------------------------- tests

/// One test case. A matrix lowers to one TestCase per cell, named `MATRIX[row,ROLE]`.
struct TestCase {
  using Query = ast::TestDecl::Query;
  using Expect = ast::TestDecl::Expect;
  std::string name;
  std::string title;
  Query query = Query::request;
  Request request;                   ///< for every query: principal, target, instant, context
  GrantInstance validate;            ///< for `validate`
  std::string assign_role;           ///< for `assign`
  std::string assign_org;
  Expect expect = Expect::deny;
  std::vector<std::string> expect_violations;
  std::string from_matrix;           ///< non-empty for matrix cells
  Span span;
};

// ---------------------------------------------------------------- the policy

struct Policy {
  std::string name;
  std::string title;
  std::string description;
  Combining combining = Combining::permissive;
  Span span;

  std::vector<Module> modules;
  std::vector<Action> actions;
  std::vector<Resource> resources;
  std::vector<Permission> permissions;
  std::vector<Level> levels;
  std::vector<Role> roles;
  std::vector<Forbid> forbids;
  std::vector<Attribute> attributes;
  std::vector<GrantTemplate> templates;
  std::vector<ImplicitGrant> implicit_grants;
  std::vector<Assertion> assertions;
  std::vector<TestCase> tests;
  std::map<std::string, std::string> organizations;  ///< test fixture: name -> parent ("" at a root)

  /// Name lookups (exact). Resources are keyed by `module/path`, actions by `module:action`,
  /// levels by `module.level`.
  std::map<std::string, ModuleId, std::less<>> module_by_name;
  std::map<std::string, ResourceId, std::less<>> resource_by_path;
  std::map<std::string, ActionId, std::less<>> action_by_name;
  std::map<std::string, LevelId, std::less<>> level_by_name;
  std::map<std::string, RoleId, std::less<>> role_by_name;
  std::map<std::string, TemplateId, std::less<>> template_by_name;
  std::map<std::string, AttributeId, std::less<>> attribute_by_name;

  /// Permission id of (resource, action), if the resource supports the action.
  [[nodiscard]] std::optional<PermissionId> permission_of(ResourceId r, ActionId a) const;
  /// `module/path:action` for a permission id.
  [[nodiscard]] std::string permission_name(PermissionId p) const;
  [[nodiscard]] std::size_t permission_count() const { return permissions.size(); }
  /// The set of read-class permissions of the whole policy.
  [[nodiscard]] PermissionSet read_permissions() const;

  const Module& operator[](ModuleId id) const { return modules[id.value]; }
  const Action& operator[](ActionId id) const { return actions[id.value]; }
  const Resource& operator[](ResourceId id) const { return resources[id.value]; }
  const Permission& operator[](PermissionId id) const { return permissions[id.value]; }
  const Level& operator[](LevelId id) const { return levels[id.value]; }
  const Role& operator[](RoleId id) const { return roles[id.value]; }
  const GrantTemplate& operator[](TemplateId id) const { return templates[id.value]; }
  const Attribute& operator[](AttributeId id) const { return attributes[id.value]; }
};

}  // namespace writ::ir
