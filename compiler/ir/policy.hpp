// The IR: one resolved policy, whatever syntax it came from. Every concept of the language is a
// type in this file, in dense vectors indexed by small typed ids (ids.hpp), so analyses are set
// arithmetic and lowering to a table is copying arrays. Rules, requirements, authorizers and
// conditions are entities of their own with ids, and each rule and authorizer has a key that stays
// the same across versions of a policy while its meaning does (keys.hpp), so reasons, coverage,
// findings and diffs cite ids, never source positions. Built by compiler/lower/, read by
// everything after it (facts, interpreter, analyses, table writer); nothing changes it after
// lowering. Test fixtures live beside it (fixtures.hpp), not in it. docs/architecture.md.
// Covered by tests/unit/lower/lower_policy_test.cpp and the golden IR dumps (tests/golden/).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/condition.hpp"
#include "compiler/ir/ids.hpp"
#include "compiler/ir/permission_set.hpp"
#include "compiler/ir/value.hpp"
#include "compiler/ir/vocabulary.hpp"
#include "compiler/source/source.hpp"

namespace writ::ir {

/// Seconds. Durations and instants are whole seconds; instants are UTC seconds since the epoch.
using Seconds = std::int64_t;

/// The policy-wide limit on templates' maximum durations when the header gives none.
inline constexpr Seconds kDefaultMaxGrantDuration = 180 * 86400;

/// A condition where it is written: its id in the store and the span of the text.
struct Condition {
  CondId id = kTrue;
  Span span;
  [[nodiscard]] bool always() const { return id == kTrue; }
};

// ---------------------------------------------------------------- modules and permissions

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
  PermissionId first_permission{};  ///< the resource's permissions are contiguous from here
  Span span;
};

/// A concrete permission: one action on one resource. Numbered densely in declaration order
/// (module, resource pre-order, the resource's action order), so a set of them is a few runs.
/// Its stable identity across versions is its name `module/path:action` (keys.hpp).
struct Permission {
  ModuleId module;
  ResourceId resource;
  ActionId action;
};

/// A permission pattern as resolved: `module/path[/**]:actions`. Kept so findings and keys can
/// quote it canonically (print.hpp); its meaning is the rule's PermissionSet.
struct Pattern {
  enum class Actions : std::uint8_t { named, all, read_class, write_class };
  ModuleId module;
  std::vector<std::string> path;  ///< resource path segments from the module root
  bool subtree = false;           ///< `/**`
  Actions actions = Actions::named;
  std::vector<ActionId> named;    ///< Actions::named, sorted by id
};

struct Module {
  std::string name;
  std::string title;
  std::string description;
  std::vector<ActionId> actions;
  std::vector<ResourceId> resources;  ///< every resource of the module, pre-order
  std::vector<LevelId> levels;
  Span span;
};

// ---------------------------------------------------------------- rules and requirements

/// `MODULE >= LEVEL`: holds when the principal holds, at the target, an effective level of
/// MODULE at least as strong as LEVEL (docs/semantics.md §3.4).
struct Requirement {
  ModuleId module;
  LevelId level;
  Span span;
};

enum class RuleKind : std::uint8_t {
  role_permit,    ///< `permit` in a role's scope block
  role_deny,      ///< `deny` in a role's scope block
  level_permit,   ///< `permit` in a level
  forbid_deny,    ///< `deny` in a forbid rule
  template_deny,  ///< `deny` in a grant template
};
[[nodiscard]] constexpr bool is_permit(RuleKind k) { return k == RuleKind::role_permit || k == RuleKind::level_permit; }

/// One `permit` or `deny` as written, with its pattern expanded. The owner field that matters
/// depends on `kind` (role + scope, level, forbid or template).
struct Rule {
  RuleKind kind = RuleKind::role_permit;
  RoleId role{};
  OrgScope scope = OrgScope::self;
  LevelId level{};
  ForbidId forbid{};
  TemplateId template_{};
  Pattern pattern;
  PermissionSet permissions;
  std::vector<RequirementId> requirements;  ///< permits: each must hold for the permit to apply
  Condition when;                           ///< kTrue when absent
  std::string name;                         ///< author-given (`as NAME`), may be empty
  std::string key;                          ///< stable identity (keys.hpp)
  Span span;
};

// ---------------------------------------------------------------- levels

struct Level {
  ModuleId module;
  std::string name;
  std::string title;
  std::string description;
  std::vector<LevelId> above;              ///< declared at least as strong as these (includes imply it)
  std::vector<LevelId> includes;           ///< every permit of these levels is this level's too
  std::optional<LevelId> readonly_of;      ///< derived: the read-class permissions of that level
  std::vector<RuleId> permits;             ///< its own
  std::vector<RequirementId> requirements; ///< level-wide: the level counts only while these hold
  Span span;
};

// ---------------------------------------------------------------- roles and who may act

struct LevelAssignment {
  ModuleId module;
  LevelId level;
  Span span;
};

/// What a role gives at one organization scope: its own rules, not what it inherits.
struct ScopeAccess {
  std::vector<RuleId> permits;
  std::vector<RuleId> denies;
  std::vector<LevelAssignment> levels;
};

/// An edge "these may assign role R" or "these may grant template T": data, so graphs and
/// closures over it can be built. Assignment (docs/semantics.md §8) and grant validation (§7) read
/// it through one model (compiler/eval/authority.hpp).
struct Authorizer {
  enum class Target : std::uint8_t { assign_role, grant_template };
  Target target = Target::assign_role;
  RoleId role{};            ///< assign_role: the role assigned
  TemplateId template_{};   ///< grant_template: the template granted
  bool automatic = false;   ///< assign_role only: every allowed principal holds the role
  bool anyone = false;
  std::vector<RoleId> roles;
  Condition when;
  /// `contained`: the assigner gives only what it holds. A claim the escalation analysis proves
  /// (A005 when the role gives more), not a limit the interpreter applies when assigning.
  bool contained = false;
  /// `intended "REASON"`: the edge may give more than the assigner holds, on purpose; the
  /// escalation analysis reports nothing for it (A001, and no A002 chain steps along it). Empty:
  /// not marked.
  std::string intended;
  std::string key;
  Span span;
};

struct Role {
  std::string name;
  std::string title;
  std::string description;
  std::vector<PrincipalKind> holders;   ///< never empty after lowering (default: internal)
  bool named_accounts = false;
  bool automatic = false;               ///< some `assigned_by automatic`
  std::vector<RoleId> extends;
  std::vector<AuthorizerId> assigned_by;
  ScopeAccess at[kOrgScopeCount];       ///< indexed by OrgScope
  Span span;
};

// ---------------------------------------------------------------- forbid rules

/// Who a forbid rule or an assertion is about.
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
  std::vector<RuleId> denies;
  Condition when;
  PermissionSet covers;               ///< the union of its denies, to skip it quickly
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
  std::vector<PrincipalKind> grantee_kinds;  ///< empty: every kind
  std::vector<RoleId> grantee_requires;      ///< the grantee must hold one of these (empty: no need)
  std::string grantee_id;                    ///< the identifier's name; empty: none
  std::string grantee_id_title;
  std::vector<AuthorizerId> granted_by;
  std::vector<Field> fields;
  Presence valid_from = Presence::optional;
  Presence valid_to = Presence::required;
  std::optional<Seconds> default_duration;
  std::optional<Seconds> max_duration;
  std::vector<RoleId> grantable_roles;
  bool custom = false;
  OrgScope org_scope = OrgScope::self;
  Condition scope_when;
  bool ceiling_grantor = false;
  std::vector<Condition> preconditions;
  std::vector<RuleId> denies;
  bool revocable = false;
  bool audited = false;
  Span span;
};

struct ImplicitGrant {
  std::string name;
  std::string title;
  std::string description;
  std::vector<PrincipalKind> grantee_kinds;  ///< empty: every kind
  std::vector<RoleId> grantee_roles;         ///< empty: no role needed
  Condition when;
  std::vector<RoleId> grants_roles;
  Span span;
};

// ---------------------------------------------------------------- assertions

struct Assertion {
  enum class Kind : std::uint8_t { never, always, read_only, min_holders };
  std::string name;
  std::string title;
  Kind kind = Kind::never;
  Selector subject;
  std::optional<Pattern> pattern;  ///< never / always
  PermissionSet permissions;
  std::int64_t count = 0;          ///< min_holders
  Span span;
};

// ---------------------------------------------------------------- analysis settings

/// `suppress CODE "REASON";`: findings of CODE located in `within` (the span of the declaration
/// the item sits in; an empty span, file 0, for the policy header: the whole policy) are reported
/// as suppressed with the reason, never silently dropped. CODE is as written (a code or a check
/// name); the analyses resolve it.
struct Suppression {
  std::string code;
  std::string reason;
  Span within;
  Span span;
};

/// `severity CODE LEVEL;` in the header: LEVEL is `error`, `warning`, `note` or `off`.
struct SeverityOverride {
  std::string code;
  std::string level;
  Span span;
};

// ---------------------------------------------------------------- the policy

struct Policy {
  std::string name;
  std::string title;
  std::string description;
  Combining combining = Combining::permissive;
  std::optional<Seconds> max_grant_duration;  ///< as declared; kDefaultMaxGrantDuration otherwise
  Span span;

  std::vector<Module> modules;
  std::vector<Action> actions;
  std::vector<Resource> resources;
  std::vector<Permission> permissions;
  std::vector<Level> levels;
  std::vector<Role> roles;
  std::vector<Rule> rules;
  std::vector<Requirement> requirements;
  std::vector<Authorizer> authorizers;
  std::vector<Forbid> forbids;
  std::vector<Attribute> attributes;
  std::vector<GrantTemplate> templates;
  std::vector<ImplicitGrant> implicit_grants;
  std::vector<Assertion> assertions;
  std::vector<Suppression> suppressions;
  std::vector<SeverityOverride> severities;
  Conditions conditions;

  /// Name lookups (exact). Resources are keyed by `module/path`, actions by `module:action`,
  /// levels by `module.level`, rules by their author-given names.
  std::map<std::string, ModuleId, std::less<>> module_by_name;
  std::map<std::string, ResourceId, std::less<>> resource_by_path;
  std::map<std::string, ActionId, std::less<>> action_by_name;
  std::map<std::string, LevelId, std::less<>> level_by_name;
  std::map<std::string, RoleId, std::less<>> role_by_name;
  std::map<std::string, TemplateId, std::less<>> template_by_name;
  std::map<std::string, AttributeId, std::less<>> attribute_by_name;
  std::map<std::string, ForbidId, std::less<>> forbid_by_name;
  std::map<std::string, ImplicitId, std::less<>> implicit_by_name;
  std::map<std::string, RuleId, std::less<>> rule_by_name;

  /// Permission id of (resource, action), if the resource supports the action.
  [[nodiscard]] std::optional<PermissionId> permission_of(ResourceId r, ActionId a) const;
  /// `module/path:action`: the permission's name and its stable key.
  [[nodiscard]] std::string permission_name(PermissionId p) const;
  [[nodiscard]] std::size_t permission_count() const { return permissions.size(); }
  [[nodiscard]] Seconds grant_duration_limit() const { return max_grant_duration.value_or(kDefaultMaxGrantDuration); }

  template <class T>
  [[nodiscard]] std::optional<Id<T>> find(const std::map<std::string, Id<T>, std::less<>>& by_name, std::string_view name) const {
    auto it = by_name.find(name);
    if (it == by_name.end()) return std::nullopt;
    return it->second;
  }

  const Module& operator[](ModuleId id) const { return modules[id.value]; }
  const Action& operator[](ActionId id) const { return actions[id.value]; }
  const Resource& operator[](ResourceId id) const { return resources[id.value]; }
  const Permission& operator[](PermissionId id) const { return permissions[id.value]; }
  const Level& operator[](LevelId id) const { return levels[id.value]; }
  const Role& operator[](RoleId id) const { return roles[id.value]; }
  const Rule& operator[](RuleId id) const { return rules[id.value]; }
  const Requirement& operator[](RequirementId id) const { return requirements[id.value]; }
  const Authorizer& operator[](AuthorizerId id) const { return authorizers[id.value]; }
  const Forbid& operator[](ForbidId id) const { return forbids[id.value]; }
  const GrantTemplate& operator[](TemplateId id) const { return templates[id.value]; }
  const ImplicitGrant& operator[](ImplicitId id) const { return implicit_grants[id.value]; }
  const Attribute& operator[](AttributeId id) const { return attributes[id.value]; }
  const Assertion& operator[](AssertionId id) const { return assertions[id.value]; }
};

}  // namespace writ::ir
