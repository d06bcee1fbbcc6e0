// The writ runtime's C++17 API: load a compiled decision table (docs/table-format.md) and decide
// requests against it, with the meaning of docs/semantics.md. Standard library only; no
// exceptions; nothing on the decision path allocates (decide/validate_grant/may_assign take ids
// and caller-owned arrays; the by-name forms resolve into fixed-size scratch on the stack).
//
// Fail closed: a Table exists only when loading validated every byte of it; a Runtime without a
// table denies every request with ReasonClass::error_deny. Thread safety: a Table is immutable and
// may be shared by any number of threads; Runtime::reload swaps tables atomically (each decision
// sees one table, old or new).
//
// Ids: every id is an index into the table's dense numbering (roles, permissions, templates,
// implicit grants, attributes, modules, resources, actions). Resolve names once with the find_*
// functions; kNone means "not in the table". Organizations are not in the policy: they are the
// service's data, loaded once as an OrgTree (names -> dense ids, parents) and a Directory of
// principals; ids at or above OrgTree::size() name organizations outside the tree (they relate
// only to themselves, docs/semantics.md §1.1).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace writ::runtime {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// ---------------------------------------------------------------- loading

enum class LoadError : std::uint8_t {
  ok,
  io_error,            ///< the file could not be read
  too_large,           ///< above the configured size limit
  truncated,           ///< shorter than its header or its declared size
  bad_magic,
  unsupported_major,   ///< a major version this runtime does not know
  unsupported_feature, ///< an incompatible feature flag this runtime does not know
  size_mismatch,       ///< declared size differs from the buffer's
  bad_checksum,
  bad_directory,       ///< section directory out of bounds, misaligned, unsorted, overlapping
  missing_section,
  bad_section,         ///< a section's length is not count * record size
  bad_index,           ///< an index, offset or count out of range
  bad_string,          ///< a string out of bounds or not valid UTF-8
  bad_condition,       ///< a condition program that does not evaluate to one value within bounds
  bad_value,           ///< an enum value the format does not define
};
/// "bad checksum", ... Never null.
const char* load_error_name(LoadError e);

struct LoadStatus {
  LoadError error = LoadError::ok;
  std::string message;  ///< one line: what was wrong and where (byte offset / section)
  [[nodiscard]] bool ok() const { return error == LoadError::ok; }
};

struct LoadOptions {
  std::uint64_t max_size = 256u * 1024u * 1024u;
};

class Table;
struct Decision;

/// Validates and copies `bytes` into an owned, aligned buffer. On failure `out` is left empty.
LoadStatus load_table(const std::uint8_t* bytes, std::size_t size, std::shared_ptr<const Table>& out, LoadOptions options = {});
/// Reads the whole file into memory first (never maps it), then load_table.
LoadStatus load_table_file(const std::string& path, std::shared_ptr<const Table>& out, LoadOptions options = {});

// ---------------------------------------------------------------- requests by id

enum class PrincipalKind : std::uint8_t { internal = 0, external = 1, vendor_support = 2, system = 3 };
enum class Tri : std::uint8_t { false_ = 0, true_ = 1, unknown = 2 };

/// A context value for one attribute of the table, indexed by attribute id. For string and enum
/// attributes `value` is an index into the attribute's dictionary (Table::find_value), or
/// kOtherValue for a string the policy never names.
struct AttrValue {
  bool present = false;  ///< false: absent (the declared default then applies)
  bool ill_typed = false;///< present but of the wrong type: reads as missing
  std::int64_t value = 0;
};
inline constexpr std::int64_t kOtherValue = -1;

struct Binding {
  std::uint32_t role = kNone;  ///< kNone: a role the table lacks (gives nothing)
  std::uint32_t org = kNone;   ///< kNone: the request's target
};

struct Grant {
  std::uint32_t template_id = kNone;  ///< kNone: unknown template
  PrincipalKind grantor_kind = PrincipalKind::internal;
  bool grantor_named = true;
  const Binding* grantor_roles = nullptr;  ///< the grantor's current bindings (§6.2)
  std::uint32_t grantor_role_count = 0;
  const std::uint32_t* roles = nullptr;    ///< granted roles (kNone entries: unknown role)
  std::uint32_t role_count = 0;
  /// Custom permissions as a sorted list of permission ids (custom_bad: a malformed pattern).
  const std::uint32_t* custom = nullptr;
  std::uint32_t custom_count = 0;
  bool custom_bad = false;
  bool has_valid_from = false, has_valid_to = false;
  std::int64_t valid_from = 0, valid_to = 0;
  std::uint32_t org = kNone;               ///< kNone: the target
  bool revoked = false;
};

struct TriggerRef {
  std::uint32_t implicit = kNone;  ///< kNone: names no implicit grant
  std::uint32_t org = kNone;       ///< kNone: the target
};

class OrgTree;

struct Request {
  PrincipalKind kind = PrincipalKind::internal;
  bool named = true;
  Tri is_owner = Tri::unknown;     ///< principal.is_owner (unknown when owner or id is missing)
  std::uint32_t home_org = kNone;  ///< kNone: the target
  const Binding* roles = nullptr;
  std::uint32_t role_count = 0;
  const Grant* grants = nullptr;
  std::uint32_t grant_count = 0;
  const TriggerRef* triggers = nullptr;
  std::uint32_t trigger_count = 0;
  std::uint32_t target_org = 0;
  const OrgTree* orgs = nullptr;   ///< null: no tree (only the target relates to itself)
  std::uint32_t permission = kNone;///< kNone: unknown (deny with `reason`)
  std::int64_t at = 1735689600;
  const AttrValue* context = nullptr;  ///< attribute_count() entries, or null: none given
};

// ---------------------------------------------------------------- answers

enum class Effect : std::uint8_t { deny = 0, allow = 1 };
/// For audit logs: why the effect came out as it did.
enum class ReasonClass : std::uint8_t { explicit_allow, explicit_deny, default_deny, error_deny };

/// The reason codes the runtime reports: the same names as compiler/eval/codes.def (a test keeps
/// them equal), so `writ eval --table` prints what `writ eval POLICY` prints.
enum class Code : std::uint8_t {
  permit, level, grant_custom, assigner,
  no_rule, role_deny, template_deny, forbid, above_grantor_access,
  unknown_module, unknown_resource, unknown_action, no_assigner, automatic_role, unknown_role,
  no_table,          ///< no valid table loaded (error deny)
  limit_exceeded,    ///< the request exceeds the runtime's fixed scratch bounds (error deny)
};
const char* code_name(Code c);

struct Decision {
  Effect effect = Effect::deny;
  Code code = Code::no_table;             ///< the first reason the interpreter would list
  ReasonClass reason_class = ReasonClass::error_deny;
  std::uint32_t rule = kNone;             ///< deciding rule (Table::rule_span), when there is one
  std::uint32_t role = kNone;             ///< the role the rule is declared in, when there is one
  std::uint32_t template_id = kNone;      ///< template (template_deny, grant_custom, ceiling)
  std::uint32_t forbid = kNone;
  std::uint32_t grant = kNone;            ///< index into Request::grants, when a grant decided
  std::uint64_t content_hash = 0;         ///< the table's (0: none)
  [[nodiscard]] bool allowed() const { return effect == Effect::allow; }
};

/// Grant validation (docs/semantics.md §7): the violation codes, as in compiler/eval/codes.def.
enum class Violation : std::uint8_t {
  unknown_template, grantor_not_allowed, grantee_kind_not_allowed, grantee_role_missing, named_account_required,
  unknown_role, role_not_grantable, custom_not_allowed, unknown_permission, forbidden_permission, nothing_granted,
  missing_valid_from, missing_valid_to, window_inverted, duration_above_max, missing_field, unknown_field,
  precondition_failed, scope_outside_template, above_grantor_access,
};
inline constexpr std::uint32_t kViolationCount = 20;
const char* violation_name(Violation v);
/// The violations found (bit i: Violation(i)), each with how often the interpreter lists it (one
/// per unknown role, per failing precondition, per missing field, ...). Valid: no violation and
/// no limit exceeded (a grant the runtime could not check is never valid: fail closed).
struct Violations {
  std::uint32_t bits = 0;
  std::uint16_t counts[kViolationCount] = {};
  bool limit_exceeded = false;  ///< the question exceeds the runtime's fixed scratch bounds
  [[nodiscard]] bool valid() const { return bits == 0 && !limit_exceeded; }
  [[nodiscard]] bool has(Violation v) const { return (bits >> static_cast<unsigned>(v)) & 1u; }
  [[nodiscard]] std::uint32_t count(Violation v) const { return counts[static_cast<unsigned>(v)]; }
  /// Every violation listed, duplicates included (the interpreter's list length).
  [[nodiscard]] std::uint32_t total() const {
    std::uint32_t n = 0;
    for (auto c : counts) n += c;
    return n;
  }
  void add(Violation v) {
    const auto i = static_cast<unsigned>(v);
    bits |= 1u << i;
    if (counts[i] != 0xFFFFu) ++counts[i];
  }
};

/// What grant validation reads of a proposed grant beyond the Grant a decision carries: its
/// fields (name, and whether the value is empty) and whether it names its grantee.
struct GrantField {
  std::string_view name;
  bool empty = false;  ///< given with an empty value: a required field counts as missing
};
/// At most this many fields through the C ABI (writ_validate_grant), else limit_exceeded.
inline constexpr std::uint32_t kMaxGrantFields = 64;
struct GrantProposal {
  const GrantField* fields = nullptr;
  std::uint32_t field_count = 0;
  bool has_grantee_id = false;
};

struct SourceSpan {
  std::string_view file;
  std::uint32_t line = 0, column = 0;
};

// ---------------------------------------------------------------- the table

class Table {
 public:
  ~Table();
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  [[nodiscard]] std::uint64_t content_hash() const;
  [[nodiscard]] std::uint16_t major() const;
  [[nodiscard]] std::uint16_t minor() const;
  [[nodiscard]] std::size_t size_bytes() const;
  [[nodiscard]] std::string_view policy_name() const;

  [[nodiscard]] std::uint32_t role_count() const;
  [[nodiscard]] std::uint32_t permission_count() const;
  [[nodiscard]] std::uint32_t template_count() const;
  [[nodiscard]] std::uint32_t attribute_count() const;
  [[nodiscard]] std::uint32_t rule_count() const;

  /// Names -> ids through hash indices built at load (one hash, usually one comparison), no
  /// allocation. kNone when absent.
  [[nodiscard]] std::uint32_t find_role(std::string_view name) const;
  [[nodiscard]] std::uint32_t find_template(std::string_view name) const;
  [[nodiscard]] std::uint32_t find_implicit(std::string_view name) const;
  [[nodiscard]] std::uint32_t find_attribute(std::string_view name) const;
  [[nodiscard]] std::uint32_t find_module(std::string_view name) const;
  /// The permission `module/resource:action`; `why` (optional) gets unknown_module /
  /// unknown_resource / unknown_action when kNone.
  [[nodiscard]] std::uint32_t find_permission(std::string_view module, std::string_view resource, std::string_view action,
                                              Code* why = nullptr) const;
  /// An attribute's value in the encoding of AttrValue (string/enum: dictionary index or
  /// kOtherValue; enum values outside the declared set: ill-typed).
  [[nodiscard]] AttrValue string_value(std::uint32_t attribute, std::string_view text) const;
  [[nodiscard]] AttrValue bool_value(std::uint32_t attribute, bool b) const;
  [[nodiscard]] AttrValue int_value(std::uint32_t attribute, std::int64_t i) const;

  [[nodiscard]] std::string_view role_name(std::uint32_t role) const;
  [[nodiscard]] std::string_view template_name(std::uint32_t t) const;
  [[nodiscard]] std::string permission_name(std::uint32_t p) const;  ///< allocates; not for the hot path
  [[nodiscard]] SourceSpan rule_span(std::uint32_t rule) const;

  /// Template limits, as the runtime honours them: revocable and audited are reported to the
  /// caller (the runtime does no I/O), the ceiling and the maximum duration are enforced.
  struct TemplateLimits {
    bool revocable = false, audited = false, ceiling_grantor = false;
    bool has_max_duration = false;
    std::int64_t max_duration = 0;
  };
  [[nodiscard]] TemplateLimits template_limits(std::uint32_t t) const;

  /// The raw, validated image (for writ inspect).
  [[nodiscard]] const std::uint8_t* data() const;

  struct Impl;
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  friend LoadStatus load_table(const std::uint8_t*, std::size_t, std::shared_ptr<const Table>&, LoadOptions);
  explicit Table(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A readable dump of a loaded table (header, sections, roles with their permissions per scope,
/// templates with their limits, forbid rules, implicit grants, conditions), for `writ inspect`.
std::string describe_table(const Table& table);

/// §2: allow or deny, with the first reason the reference interpreter would give.
Decision decide(const Table& table, const Request& request);
/// §8: may the request's principal assign `role` at organization `org` (kNone: the target)?
Decision may_assign(const Table& table, const Request& request, std::uint32_t role, std::uint32_t org);
/// §7: every violation of `grant` made now, as the interpreter's validate_grant lists them. The
/// grantee is `grantee` (kind, account type, is_owner, home organization, role bindings; its
/// grants, triggers and permission are not read), the instant `grantee.at`, the account's
/// attributes `grantee.context`; the grantor is the grant's grantor_kind, grantor_named and
/// grantor_roles; the grant's organization G is `grant.org`, kNone meaning `grantee.target_org`
/// (bindings with org kNone, the grantee's and the grantor's, are then held at G). `revoked` is
/// not read. With `ceiling grantor` this decides every permission the grant could give, at G and
/// (scope descendants) below it: it is for making grants, not for the decision path. Organization
/// ids must stay below 2^31 (engine.hpp).
Violations validate_grant(const Table& table, const Request& grantee, const Grant& grant, const GrantProposal& proposal = {});

/// The by-name form: names resolved against the table (and the tree) on the stack, then decide().
/// Grants are given by id (resolve their names once with the find_* functions).
struct NamedBinding {
  std::string_view role;
  std::string_view org;  ///< empty: the target
};
struct NamedValue {
  std::string_view attribute;
  enum class Type : std::uint8_t { boolean, integer, string } type = Type::string;
  bool b = false;
  std::int64_t i = 0;
  std::string_view s;
};
struct NamedRequest {
  PrincipalKind kind = PrincipalKind::internal;
  bool named = true;
  Tri is_owner = Tri::unknown;
  std::string_view home_org;
  const NamedBinding* roles = nullptr;
  std::uint32_t role_count = 0;
  std::string_view target_org = "root";
  std::string_view module, resource, action;
  std::int64_t at = 1735689600;
  const NamedValue* context = nullptr;
  std::uint32_t context_count = 0;
};
/// At most kMaxNamedBindings bindings and kMaxAttributes attributes (else Code::limit_exceeded).
inline constexpr std::uint32_t kMaxNamedBindings = 64;
inline constexpr std::uint32_t kMaxAttributes = 256;
Decision decide(const Table& table, const OrgTree* orgs, const NamedRequest& request);

// ---------------------------------------------------------------- organizations and principals

/// An organization tree loaded once: names -> dense ids, parents; a cycle makes every
/// organization on or below it relate only to itself (docs/semantics.md §1.1).
class OrgTree {
 public:
  /// `parents`: (name, parent) pairs, parent "" at a root. Builds ids in name order.
  static OrgTree build(const std::vector<std::pair<std::string, std::string>>& parents);
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(names_.size()); }
  [[nodiscard]] std::uint32_t find(std::string_view name) const;  ///< kNone when absent
  [[nodiscard]] std::string_view name(std::uint32_t id) const;
  /// 0 self, 1 descendant (held is a strict ancestor of target), 2 unrelated.
  [[nodiscard]] std::uint8_t relation(std::uint32_t held, std::uint32_t target) const;

 private:
  std::vector<std::string> names_;      // sorted
  std::vector<std::uint32_t> parent_;   // kNone at a root
  std::vector<std::uint8_t> broken_;    // an upward walk meets a cycle
};

/// A directory of principals with their kind, account type, home organization, role bindings,
/// grants and triggers, loaded once (from the assignments data or through add()); decide by
/// principal id and organization id afterwards.
class Directory {
 public:
  struct Principal {
    std::string id;
    PrincipalKind kind = PrincipalKind::internal;
    bool named = true;
    std::uint32_t home_org = kNone;
    std::vector<Binding> roles;
    std::vector<Grant> grants;              ///< pointers inside refer to storage below
    std::vector<std::vector<Binding>> grantor_roles;
    std::vector<std::vector<std::uint32_t>> grant_roles, grant_custom;
    std::vector<TriggerRef> triggers;
  };
  /// Adds a principal; returns its dense id. Fixes up the grants' pointers.
  std::uint32_t add(Principal p);
  [[nodiscard]] std::uint32_t find(std::string_view id) const;
  [[nodiscard]] const Principal& at(std::uint32_t id) const { return principals_[id]; }
  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(principals_.size()); }

 private:
  std::vector<Principal> principals_;
};

/// The request form of a directory principal (pointers into the directory).
Request request_for(const Directory& dir, std::uint32_t principal, const OrgTree* orgs, std::uint32_t target_org,
                    std::uint32_t permission, std::int64_t at, const AttrValue* context);

// ---------------------------------------------------------------- the service object

/// Holds the current table for many threads; reload() validates a new table and publishes it,
/// keeping the last good one on failure. With no table every decision is an error deny.
class Runtime {
 public:
  using Callback = void (*)(void* user, const Request& request, const Decision& decision);
  LoadStatus reload(const std::uint8_t* bytes, std::size_t size, LoadOptions options = {});
  LoadStatus reload_file(const std::string& path, LoadOptions options = {});
  void set(std::shared_ptr<const Table> table);
  [[nodiscard]] std::shared_ptr<const Table> snapshot() const;
  [[nodiscard]] Decision decide(const Request& request) const;
  /// An optional decision logger, called after each decide() on the deciding thread.
  void set_callback(Callback cb, void* user);

 private:
  std::shared_ptr<const Table> table_;  // read and written with std::atomic_load / atomic_store
  std::atomic<Callback> callback_{nullptr};
  std::atomic<void*> user_{nullptr};
};

}  // namespace writ::runtime
