// The syntax tree shared by both front ends (DSL and YAML): what the user wrote, names unresolved,
// every node with its Span. Lowering (compiler/lower/) turns a set of files into the IR.
// Canonical printers (compiler/print/) print it back as DSL or YAML. docs/language.md is the
// reference for each construct; section numbers below point into it.
// Covered by tests/unit/dsl/dsl_parser_test.cpp, tests/unit/yaml/yaml_reader_test.cpp and
// tests/unit/policies/roundtrip_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/ir/vocabulary.hpp"
#include "compiler/source/source.hpp"

namespace writ::ast {

/// Comment lines written directly above a declaration or member, without the leading `#`.
/// Both front ends keep them (the YAML reader scans the text for them, since yaml-cpp events carry
/// none); they never reach the IR.
using Comments = std::vector<std::string>;

struct Name {
  std::string text;
  Span span;
};

struct StringLit {
  std::string value;  ///< unescaped
  Span span;
};

/// `suppress CODE "REASON";` inside a declaration (or the policy header, for the whole policy):
/// the analysis finding CODE located in that declaration is reported as suppressed, with the
/// reason, instead of as a finding. A reason is required.
struct Suppression {
  Comments comments;
  Name code;
  StringLit reason;
  Span span;
};

/// `severity CODE error|warning|note|off;` in the policy header: the severity of an analysis check.
struct SeverityOverride {
  Comments comments;
  Name code;
  Name level;
  Span span;
};

/// A duration or timestamp as written; lowering validates it (W035/W036) so the error has a span.
struct RawLit {
  std::string text;
  Span span;
};

// ---------------------------------------------------------------- §3 expressions and conditions

/// One expression language for conditions in both syntaxes (YAML strings are parsed with the
/// DSL's expression grammar). A tree with value children keeps the AST copyable and comparable.
struct Expr {
  enum class Kind {
    boolean,   ///< `true` / `false`: bool_value
    integer,   ///< `42`: int_value
    string,    ///< `"production"`: text
    path,      ///< `context.environment`, `principal.kind`: segments
    list,      ///< `["free", "trial"]`: kids
    not_,      ///< `not e`: kids[0]
    and_,      ///< `a and b`: kids[0], kids[1]
    or_,       ///< `a or b`
    eq,        ///< `a == b`
    ne,        ///< `a != b`
    in,        ///< `a in [..]`: kids[0] value, kids[1] list
    not_in,    ///< `a not in [..]`
  };
  Kind kind = Kind::boolean;
  Span span;
  bool bool_value = false;
  std::int64_t int_value = 0;
  std::string text;
  std::vector<std::string> segments;
  std::vector<Expr> kids;
};

// ---------------------------------------------------------------- §4 permissions

/// `MODULE/seg/seg[/**]:ACTIONS`, e.g. `portal/reports/detail:create`, `portal/**:@read`,
/// `billing/services:{create, delete}`.
struct PermissionPattern {
  enum class Actions { named, all, read_class, write_class };
  Name module;
  std::vector<Name> path;      ///< resource path from the module root; may be empty with subtree
  bool subtree = false;        ///< `/**`: the resource (or module root) and every descendant
  Actions actions = Actions::named;
  std::vector<Name> action_names;  ///< for `named`: one or more
  Span span;
};

/// `MODULE >= LEVEL`: the principal must hold, at the target organization, a level of MODULE that
/// is LEVEL or declared above it.
struct Requirement {
  Name module;
  Name level;
  Span span;
};

/// `permit PATTERN [requires REQ, ...] [when EXPR] [as NAME];`
struct Permit {
  Comments comments;
  PermissionPattern pattern;
  std::vector<Requirement> requirements;
  std::optional<Expr> when;
  std::optional<Name> name;   ///< author-given rule name, cited by findings, suppressions and diffs
  Span span;
};

/// `deny PATTERN [when EXPR] [as NAME];`
struct Deny {
  Comments comments;
  PermissionPattern pattern;
  std::optional<Expr> when;
  std::optional<Name> name;   ///< author-given rule name
  Span span;
};

// ---------------------------------------------------------------- §5 modules, resources, levels

using ir::ActionClass;

struct ActionDecl {
  Comments comments;
  Name name;
  ActionClass action_class = ActionClass::read;
  std::optional<StringLit> title;
  Span span;
};

struct ResourceDecl {
  Comments comments;
  Name name;
  std::optional<StringLit> title;
  std::vector<Name> actions;          ///< actions (declared on the module) this resource supports
  std::vector<ResourceDecl> children; ///< section -> functionality nesting
  Span span;
};

struct LevelDecl {
  Comments comments;
  Name name;
  std::optional<StringLit> title;
  std::optional<StringLit> description;
  std::vector<Name> above;            ///< declared at least as strong as these levels
  std::vector<Name> includes;         ///< `includes l1`: l1's permits are this level's too (implies above)
  std::optional<Name> readonly_of;    ///< `= readonly(l1)`: the read actions of that level
  std::vector<Permit> permits;
  std::vector<Requirement> requirements;  ///< level-wide: the level counts only when these hold
  std::vector<Suppression> suppressions;
  Span span;
};

struct ModuleDecl {
  Comments comments;
  Name name;
  std::optional<StringLit> title;
  std::optional<StringLit> description;
  std::vector<ActionDecl> actions;
  std::vector<ResourceDecl> resources;
  std::vector<LevelDecl> levels;
  std::vector<Suppression> suppressions;
  Span span;
};

// ---------------------------------------------------------------- §6 roles

using ir::PrincipalKind;

struct KindRef {
  PrincipalKind kind = PrincipalKind::internal;
  Span span;
};

/// Where a role's grants apply, relative to the organization the role is held at.
/// Only `self` and `descendants` are legal; the upward ones parse so that lowering can report
/// W037 with a span instead of a syntax error.
enum class OrgScope { self, descendants, parent, ancestors, siblings };

struct LevelAssignment {
  Comments comments;
  Name module;
  Name level;
  Span span;
};

/// A role's grants at one organization scope. The items written directly in a role body form
/// the first block, with scope `self` and `implicit_self` set.
struct ScopeBlock {
  Comments comments;
  OrgScope scope = OrgScope::self;
  bool implicit_self = true;
  std::vector<Permit> permits;
  std::vector<Deny> denies;
  std::vector<LevelAssignment> levels;
  Span span;
};

/// Who may assign a role or make a grant: `assigned_by a, b [when EXPR] [contained]
/// [intended "REASON"];`, `assigned_by automatic;`, `granted_by anyone when EXPR;`.
struct Authorizer {
  Comments comments;
  bool automatic = false;   ///< assigned_by only: every principal the role's holders allow gets it
  bool anyone = false;      ///< granted_by only: any principal of an allowed kind
  std::vector<Name> roles;
  std::optional<Expr> when;
  /// `contained`: the assigner may assign the role only while it holds everything the role gives
  /// (Kubernetes' "you may bind only what you hold"), checked when assigning.
  std::optional<Span> contained;
  /// `intended "REASON"`: the edge lets the assigner give more than it holds, on purpose; the
  /// escalation analysis reports it as intended instead of as a finding.
  std::optional<StringLit> intended;
  Span span;
};


struct RoleDecl {
  Comments comments;
  Name name;
  std::optional<StringLit> title;
  std::optional<StringLit> description;
  std::vector<KindRef> holders;        ///< empty: `internal` only
  bool named_accounts = false;         ///< holders must be named individual accounts
  std::optional<Span> named_accounts_span;
  std::vector<Name> extends;
  std::vector<Authorizer> assigned_by;
  std::vector<ScopeBlock> scopes;      ///< scopes[0] is the implicit `self` block
  std::vector<Suppression> suppressions;
  Span span;
};

// ---------------------------------------------------------------- §7 combining, deny rules, ceilings

using ir::Combining;

/// Who a forbid rule or assertion is about.
struct Selector {
  enum class Kind { anyone, principal_kind, role, template_, level };
  Kind kind = Kind::anyone;
  PrincipalKind principal_kind = PrincipalKind::internal;
  Name name;            ///< role, template, or level name
  std::optional<Name> module;  ///< for `level MODULE.LEVEL`
  Span span;
};

/// `forbid NAME { applies_to ...; deny ...; when ...; reason "..."; }`: absolute, beats every allow
/// in both combining modes, including grants.
struct ForbidDecl {
  Comments comments;
  Name name;
  std::optional<StringLit> title;
  std::optional<StringLit> reason;
  std::vector<Selector> applies_to;
  std::vector<Deny> denies;
  std::optional<Expr> when;
  std::vector<Suppression> suppressions;
  Span span;
};

// ---------------------------------------------------------------- §8 context attributes

struct AttributeDecl {
  Comments comments;
  using Type = ir::AttributeType;
  Name name;
  Type type = Type::boolean;
  std::vector<Name> enum_values;
  std::optional<Expr> default_value;
  std::optional<StringLit> description;
  Span span;
};

// ---------------------------------------------------------------- §9 grant templates, implicit grants

using ir::Presence;

struct FieldDecl {
  Comments comments;
  Name name;
  Presence presence = Presence::optional;
  std::optional<StringLit> title;
  Span span;
};

struct GrantTemplateDecl {
  Comments comments;
  Name name;
  std::optional<StringLit> title;
  std::optional<StringLit> description;
  std::vector<KindRef> grantee_kinds;        ///< who can receive such a grant
  std::vector<Name> grantee_requires;        ///< `grantee_requires a, b;`: the grantee must hold one of these roles
  std::optional<Name> grantee_id;            ///< the opaque identifier's name, e.g. `cra_id`
  std::optional<StringLit> grantee_id_title;
  std::vector<Authorizer> granted_by;
  std::vector<FieldDecl> fields;
  std::optional<Presence> valid_from;        ///< absent: optional (defaults to the grant's creation)
  std::optional<Presence> valid_to;          ///< absent: required
  std::optional<RawLit> default_duration;
  std::optional<RawLit> max_duration;
  std::vector<Name> grantable_roles;
  bool custom = false;                       ///< custom permission sets may be granted
  std::optional<OrgScope> org_scope;         ///< where the grant applies from its organization
  std::optional<Span> org_scope_span;
  std::optional<Expr> scope_when;            ///< e.g. `context.environment == "production"`
  bool ceiling_grantor = false;              ///< granted access never exceeds the grantor's
  std::vector<Expr> preconditions;           ///< must hold when the grant is made
  std::vector<Deny> denies;                  ///< never grantable through this template
  bool revocable = false;
  bool audited = false;
  std::vector<Suppression> suppressions;
  Span span;
};

/// Access given by an event rather than by a person: while `when` holds, a principal of the
/// listed kinds (and, if given, holding one of the listed roles) gets the listed roles' access.
struct ImplicitGrantDecl {
  Comments comments;
  Name name;
  std::optional<StringLit> title;
  std::optional<StringLit> description;
  std::vector<KindRef> grantee_kinds;
  std::vector<Name> grantee_roles;
  std::optional<Expr> when;
  std::vector<Name> grants_roles;
  std::vector<Suppression> suppressions;
  Span span;
};

// ---------------------------------------------------------------- §10 assertions

struct AssertDecl {
  Comments comments;
  enum class Kind {
    never,        ///< `never SELECTOR may PATTERN;`
    always,       ///< `always SELECTOR may PATTERN;`
    read_only,    ///< `read_only SELECTOR;` (role or level)
    min_holders,  ///< `min_holders ROLE COUNT;`
  };
  Name name;
  std::optional<StringLit> title;
  Kind kind = Kind::never;
  Selector subject;
  std::optional<PermissionPattern> pattern;
  std::int64_t count = 0;
  Span span;
};

// ---------------------------------------------------------------- §11 organizations and tests

/// Test fixture: an organization tree for tests. The policy's meaning never depends on names,
/// only on how a target organization relates to where a role is held.
struct OrganizationDecl {
  Comments comments;
  Name name;
  std::optional<Name> parent;
  Span span;
};

struct RoleBinding {
  Name role;
  std::optional<Name> org;  ///< absent: the request's target organization
  Span span;
};

struct FieldValue {
  Name name;
  StringLit value;
  Span span;
};

/// A grant instance: in a request (an active grant the principal holds) or as the subject of a
/// `validate` test.
struct GrantInstance {
  Name template_name;
  std::optional<StringLit> grantee_id;
  std::optional<KindRef> grantor_kind;          ///< absent: internal
  std::optional<bool> grantor_named;            ///< absent: true
  std::vector<RoleBinding> grantor_roles;       ///< the grantor's roles now (the ceiling)
  std::vector<Name> roles;                      ///< granted roles
  std::vector<PermissionPattern> custom;        ///< granted custom permissions
  std::optional<RawLit> valid_from;
  std::optional<RawLit> valid_to;
  std::optional<Name> org;                      ///< absent: the target organization
  std::vector<FieldValue> fields;
  bool revoked = false;
  Span span;
};

/// `trigger IMPLICIT [at ORG];`: the event an implicit grant reacts to happened at ORG (for
/// example an open support ticket of that account assigned to the principal).
struct Trigger {
  Name implicit;
  std::optional<Name> org;  ///< absent: the request's target organization
  Span span;
};

struct ContextValue {
  Name name;
  Expr value;  ///< a literal
  Span span;
};

/// What a request looks like apart from the thing asked: shared by tests and matrices.
struct RequestSetup {
  std::optional<KindRef> kind;            ///< absent: internal
  std::optional<bool> named;              ///< absent: true
  std::optional<StringLit> principal_id;
  std::optional<Name> principal_org;      ///< absent: the target organization
  std::vector<RoleBinding> roles;
  std::vector<GrantInstance> grants;
  std::vector<Trigger> triggers;          ///< implicit-grant triggers and where they happened
  std::optional<StringLit> resource_owner; ///< `owner "alice";`: who the resource acted on belongs to
  std::optional<Name> target;             ///< absent: organization `root`
  std::optional<RawLit> at;               ///< absent: 2025-01-01T00:00:00Z
  std::vector<ContextValue> context;
};

struct TestDecl {
  Comments comments;
  enum class Query { request, validate, assign };
  enum class Expect { allow, deny, valid, invalid };
  Name name;
  std::optional<StringLit> title;
  RequestSetup setup;
  Query query = Query::request;
  std::optional<PermissionPattern> request;   ///< a single concrete permission
  std::optional<GrantInstance> validate;
  std::optional<Name> assign_role;
  std::optional<Name> assign_org;             ///< where the role would be assigned
  Expect expect = Expect::deny;
  std::vector<Name> expect_violations;        ///< for `invalid`: the violation codes expected
  Span span;
};

struct MatrixCell {
  bool allow = false;
  Span span;
};

struct MatrixRow {
  Comments comments;
  PermissionPattern request;
  std::vector<MatrixCell> cells;
  Span span;
};

/// A role x permission table of expectations; each cell is one test case.
struct MatrixDecl {
  Comments comments;
  Name name;
  std::optional<StringLit> title;
  RequestSetup setup;             ///< shared by every cell; each column adds its role
  std::vector<Name> roles;        ///< the columns
  std::vector<MatrixRow> rows;
  Span span;
};

// ---------------------------------------------------------------- §2 files

struct PolicyDecl {
  Comments comments;
  Name name;
  std::optional<StringLit> title;
  std::optional<StringLit> description;
  Combining combining = Combining::permissive;
  std::optional<Span> combining_span;
  std::optional<RawLit> max_grant_duration;  ///< `max_grant_duration 180d;`: policy-wide limit on templates
  std::vector<SeverityOverride> severities;  ///< `severity CODE LEVEL;`
  std::vector<Suppression> suppressions;     ///< policy-wide
  Span span;
};

struct ImportDecl {
  Comments comments;
  StringLit path;  ///< relative to the importing file
  Span span;
};

using Decl = std::variant<PolicyDecl, ImportDecl, AttributeDecl, OrganizationDecl, ModuleDecl, RoleDecl,
                          ForbidDecl, GrantTemplateDecl, ImplicitGrantDecl, AssertDecl, TestDecl, MatrixDecl>;

/// One source file, declarations in source order (canonical printing keeps the order).
struct File {
  FileId id = 0;
  std::string path;
  std::vector<Decl> decls;
  Comments trailing_comments;  ///< comments after the last declaration
};

}  // namespace writ::ast
