// The generated policy, as data. The generator builds it, the oracle decides requests against
// it and the printer writes it as DSL text; nothing here depends on the compiler, so the oracle
// is independent of the code it checks. Indices are positions in the Model's vectors.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tools/gen/condition.hpp"
#include "tools/gen/pattern.hpp"

namespace writ::gen {

enum class Kind : std::uint8_t { internal, external, vendor_support, system };
inline constexpr int kKindCount = 4;
std::string_view kind_name(Kind k);

/// A set of principal kinds as bits (1 << Kind). For templates and implicit grants 0 means
/// "every kind", as in the language.
using KindSet = std::uint8_t;
constexpr KindSet bit(Kind k) { return static_cast<KindSet>(1u << static_cast<unsigned>(k)); }
constexpr bool has(KindSet s, Kind k) { return (s & bit(k)) != 0; }

// ---------------------------------------------------------------- modules (docs/language.md §5)

struct Action {
  std::string name;
  bool write = false;
};

struct Resource {
  int module = 0;
  int parent = -1;
  std::string name;
  std::string path;            ///< from the module root: `s2/f1`
  std::vector<int> actions;    ///< indices into the module's actions, in declaration order
  std::vector<int> children;
  int first_perm = 0;          ///< this resource's own permissions: [first_perm, first_perm + actions.size())
  int subtree_end = 0;         ///< its subtree's permissions: [first_perm, subtree_end) (pre-order numbering)
  bool sensitive = false;      ///< in the zone denies and forbids aim at (see gen_modules.cpp)
};

struct Permission {
  int module = 0;
  int resource = 0;
  int action = 0;              ///< index into the module's actions
};

/// `MODULE >= LEVEL`
struct Requirement {
  int module = 0;
  int level = 0;
};

/// A permit or deny: its pattern, `when` and (permits only) requirements.
struct Rule {
  Pattern pattern;
  std::optional<Cond> when;
  std::vector<Requirement> requires_;
};

struct Level {
  int module = 0;
  std::string name;
  std::string title;
  std::vector<int> above;
  int readonly_of = -1;        ///< derived `= readonly(L)`
  std::vector<Rule> permits;
  std::vector<Requirement> requirements;  ///< level-wide
};

struct Module {
  std::string name;
  std::string title;
  std::vector<Action> actions;
  std::vector<int> resources;  ///< every resource, pre-order (global indices)
  std::vector<int> top;        ///< top-level resources
  std::vector<int> levels;     ///< global level indices
  int first_perm = 0, end_perm = 0;
  bool dead = false;           ///< no allow rule names it (the `archive` module)
  // Named levels, -1 when absent. Roles and the oracle's scenarios refer to them by meaning.
  int basic = -1, standard = -1, full = -1, full_ro = -1, standard_ro = -1, ops = -1;
};

// ---------------------------------------------------------------- roles (§6)

struct LevelAssign {
  int module = 0;
  int level = 0;
};

/// What a role gives at one scope: index 0 is `self`, 1 is `descendants`.
struct ScopeBlock {
  std::vector<Rule> permits;
  std::vector<Rule> denies;
  std::vector<LevelAssign> levels;
  [[nodiscard]] bool empty() const { return permits.empty() && denies.empty() && levels.empty(); }
};

/// `assigned_by` / `granted_by` entry.
struct Authorizer {
  bool anyone = false;
  std::vector<int> roles;
  std::optional<Cond> when;
};

/// Why a role exists; the scenarios pick roles by class.
enum class RoleClass : std::uint8_t {
  staff,      ///< internal (sometimes external) roles with permits, levels, denies, scopes
  grantable,  ///< given through grant templates: unconditional access outside the sensitive zone
  automatic,  ///< `assigned_by automatic`
};

struct Role {
  std::string name;
  std::string title;
  RoleClass cls = RoleClass::staff;
  KindSet holders = bit(Kind::internal);
  bool named_accounts = false;
  std::vector<int> extends;
  bool automatic = false;
  std::vector<Authorizer> assigned_by;
  ScopeBlock at[2];
  int depth = 0;               ///< longest `extends` path below it
};

// ---------------------------------------------------------------- forbid rules (§7)

struct Selector {
  enum class Kind : std::uint8_t { anyone, kind, role, template_, level };
  Kind kind = Kind::anyone;
  gen::Kind principal_kind = gen::Kind::internal;
  int id = 0;                  ///< role, template or level index
};

struct Forbid {
  std::string name;
  std::string title;
  std::string reason;
  std::vector<Selector> applies_to;
  std::vector<Rule> denies;
  std::optional<Cond> when;
};

// ---------------------------------------------------------------- grants (§9)

struct Field {
  std::string name;
  bool required = false;
};

struct Template {
  std::string name;
  std::string title;
  KindSet grantee_kinds = 0;
  std::vector<int> grantee_requires;  ///< the grantee must hold one (binding or automatic); empty: anyone
  std::string grantee_id;      ///< empty: none
  std::vector<Authorizer> granted_by;
  std::vector<Field> fields;
  bool valid_from_required = false;
  bool valid_to_required = true;
  std::optional<std::int64_t> default_duration, max_duration;
  std::vector<int> grantable;
  bool custom = false;
  bool scope_descendants = false;
  std::optional<Cond> scope_when;
  bool ceiling = true;
  std::vector<Cond> preconditions;
  std::vector<Rule> denies;
  bool revocable = true;
  bool audited = true;
  int admin = -1;              ///< the staff role built to hold all its grantable roles give (ceiling)
};

struct Implicit {
  std::string name;
  std::string title;
  KindSet grantee_kinds = 0;
  std::vector<int> grantee_roles;
  std::optional<Cond> when;
  std::vector<int> grants;
};

// ---------------------------------------------------------------- assertions (§10)

struct Assertion {
  enum class Kind : std::uint8_t { never, always, read_only };
  std::string name;
  std::string title;
  Kind kind = Kind::never;
  Selector subject;
  std::optional<Pattern> pattern;
};

// ---------------------------------------------------------------- organizations and tests (§11)

struct Org {
  std::string name;
  int parent = -1;
};

/// `role R [at O]`; org -1: the target organization.
struct Binding {
  int role = 0;
  int org = -1;
};

struct GrantInstance {
  int template_ = 0;
  std::string grantee_id;
  Kind grantor_kind = Kind::internal;
  bool grantor_named = true;
  std::vector<Binding> grantor_roles;
  std::vector<int> roles;
  std::vector<Pattern> custom;
  std::optional<std::int64_t> from, to;
  int org = -1;                ///< -1: the target
  std::map<std::string, std::string> fields;
  bool revoked = false;
};

/// `trigger IMPLICIT [at ORG];`: the event an implicit grant reacts to happened at ORG (-1: the
/// target). docs/semantics.md §6.3.
struct Trigger {
  int implicit = 0;
  int org = -1;
};

/// The principal and the situation of a test (or of a matrix, shared by its cells).
struct Setup {
  Kind kind = Kind::internal;
  bool named = true;
  std::string id;              ///< `id ".."`; empty: none (then `principal.is_owner` is unknown)
  std::optional<std::string> owner;  ///< `owner ".."`: whom the resource acted on belongs to
  int home = -1;               ///< `org`; -1: the target
  std::vector<Binding> roles;
  int target = 0;
  std::int64_t at = 0;
  Context context;
  std::vector<GrantInstance> grants;
  std::vector<Trigger> triggers;
};

struct Test {
  enum class Query : std::uint8_t { request, validate, assign };
  enum class Expect : std::uint8_t { allow, deny, valid, invalid };
  std::string name;
  std::string comment;         ///< why the expectation holds, written above the test
  Setup setup;
  Query query = Query::request;
  int permission = 0;
  GrantInstance validate;
  int assign_role = 0;
  int assign_org = -1;
  Expect expect = Expect::deny;
  std::vector<std::string> codes;  ///< `expect invalid CODE`
};

struct Matrix {
  std::string name;
  std::string comment;
  Setup setup;
  std::vector<int> roles;
  std::vector<std::pair<int, std::vector<bool>>> rows;  ///< permission, one cell per role
};

// ---------------------------------------------------------------- the policy

struct Model {
  std::string name;
  bool deny_overrides = false;
  bool triggers = false;       ///< tests may name implicit-grant triggers (Options::triggers)
  std::vector<Attribute> attributes;
  std::vector<Org> orgs;
  std::vector<Module> modules;
  std::vector<Resource> resources;
  std::vector<Permission> permissions;
  std::vector<Level> levels;
  std::vector<Role> roles;
  std::vector<Forbid> forbids;
  std::vector<Template> templates;
  std::vector<Implicit> implicits;
  std::vector<Assertion> assertions;
  std::vector<Test> tests;
  std::vector<Matrix> matrices;

  [[nodiscard]] std::string permission_name(int p) const;
  /// Index of a built-in attribute (gen_attributes.cpp declares them); throws if absent.
  [[nodiscard]] int attribute(std::string_view name) const;
  [[nodiscard]] bool is_write(int p) const { return modules[permissions[p].module].actions[permissions[p].action].write; }
  [[nodiscard]] std::string level_ref(int level) const { return modules[levels[level].module].name + "." + levels[level].name; }
};

}  // namespace writ::gen
