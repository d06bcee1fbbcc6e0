// The loaded table's internals, shared by the runtime's sources (not installed): the owned,
// aligned copy of the image, where each section starts, and field readers. Every read goes
// through memcpy (no unaligned or aliasing UB); the loader has proved every offset and index in
// range before a Table exists, so readers do not check again.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "name_index.hpp"
#include "writ/format.hpp"
#include "writ/runtime.hpp"

namespace writ::runtime {

namespace fmt = writ::format;

struct Table::Impl {
  std::vector<std::uint64_t> buffer;  // the image, 8-byte aligned
  const std::uint8_t* base = nullptr;
  std::size_t size = 0;
  struct Sec {
    const std::uint8_t* p = nullptr;
    std::uint32_t len = 0, count = 0;
  } sec[fmt::kLastSection + 1];
  std::uint16_t major = 0, minor = 0;
  std::uint64_t content_hash = 0;
  // From the policy record.
  std::uint32_t combining = 0;
  std::uint32_t n_permissions = 0, n_modules = 0, n_actions = 0, n_resources = 0, n_roles = 0, n_levels = 0, n_rules = 0,
                n_templates = 0, n_forbids = 0, n_implicits = 0, n_attributes = 0, n_conds = 0, n_atoms = 0,
                n_requirements = 0, n_authorizers = 0;
  // Name indices (name_index.hpp): by name; resources and actions by (module, name); whole
  // permissions by (module, resource, action), over `perm_keys`.
  HashIndex roles, templates, implicits, attributes, modules, resources, actions, permissions;
  struct PermKey {  // the three names as (offset, length) in kStrings: one indirection fewer per lookup
    std::uint32_t module, module_len, resource, resource_len, action, action_len, permission;
  };
  std::vector<PermKey> perm_keys;

  /// The fast path's index (fast_path.cpp), derived at load from the validated sections: per
  /// role and scope (self, descendant), what a principal holding that role there gets for each
  /// permission, as segments of the permission numbering with one outcome each.
  struct Segment {
    enum What : std::uint8_t { none, permit, level, complex };
    std::uint32_t first;  // the segment covers [first, next segment's first)
    std::uint32_t rule, role;  // the deciding contribution's rule and declaring role (permit, level)
    What what;
    // The decision's fields, ready to copy (none: a default deny).
    Effect effect;
    Code code;
    ReasonClass reason;
  };
  std::vector<Segment> segments;
  /// Per role * 2 + scope: the first segment; [fast_begin[i], fast_begin[i + 1]). Roles at or
  /// above fast_roles have no index (the build budget ran out) and always take the engine.
  std::vector<std::uint32_t> fast_begin;
  /// Per role * 2 + scope: how many levels the closure assigns there, counted with repeats (an
  /// upper bound on what the engine's held-level scratch needs).
  std::vector<std::uint32_t> fast_levels;
  std::uint32_t fast_roles = 0;
  /// For small tables, the segment of every (role, scope, permission) directly:
  /// dense[(role * 2 + scope) * n_permissions + p] indexes `segments`. Empty when too large.
  std::vector<std::uint32_t> dense;
  /// Bit p: some forbid rule covers permission p (the fast path leaves such permissions alone).
  std::vector<std::uint64_t> forbidden;

  /// Field `field` of record `rec` of record section `s`.
  [[nodiscard]] std::uint32_t w(std::uint32_t s, std::uint32_t rec, std::uint32_t field) const {
    std::uint32_t v;
    std::memcpy(&v, sec[s].p + (static_cast<std::size_t>(rec) * fmt::kRecordWords[s] + field) * 4, 4);
    return v;
  }
  [[nodiscard]] std::int64_t w64(std::uint32_t s, std::uint32_t rec, std::uint32_t field) const {
    std::uint64_t lo = w(s, rec, field), hi = w(s, rec, field + 1);
    return static_cast<std::int64_t>(lo | (hi << 32));
  }
  [[nodiscard]] std::uint32_t u32(std::uint32_t i) const {
    std::uint32_t v;
    std::memcpy(&v, sec[fmt::kU32].p + static_cast<std::size_t>(i) * 4, 4);
    return v;
  }
  [[nodiscard]] std::int64_t i64(std::uint32_t i) const {
    std::int64_t v;
    std::memcpy(&v, sec[fmt::kI64].p + static_cast<std::size_t>(i) * 8, 8);
    return v;
  }
  [[nodiscard]] std::uint32_t code(std::uint32_t i) const {
    std::uint32_t v;
    std::memcpy(&v, sec[fmt::kCode].p + static_cast<std::size_t>(i) * 4, 4);
    return v;
  }
  /// Whether permission `p` is in the run set (offset, count) of the runs pool.
  /// Run `i` of the runs section: [first, last).
  [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> run(std::uint32_t i) const {
    std::uint32_t first, last;
    std::memcpy(&first, sec[fmt::kRuns].p + static_cast<std::size_t>(i) * 8, 4);
    std::memcpy(&last, sec[fmt::kRuns].p + static_cast<std::size_t>(i) * 8 + 4, 4);
    return {first, last};
  }
  [[nodiscard]] bool in_runs(std::uint32_t off, std::uint32_t count, std::uint32_t p) const {
    const std::uint8_t* r = sec[fmt::kRuns].p + static_cast<std::size_t>(off) * 8;
    for (std::uint32_t i = 0; i < count; ++i, r += 8) {
      std::uint32_t first, last;
      std::memcpy(&first, r, 4);
      std::memcpy(&last, r + 4, 4);
      if (p < first) return false;
      if (p < last) return true;
    }
    return false;
  }
  [[nodiscard]] std::string_view str(std::uint32_t off, std::uint32_t len) const {
    return {reinterpret_cast<const char*>(sec[fmt::kStrings].p) + off, len};
  }
  [[nodiscard]] std::string_view rec_str(std::uint32_t s, std::uint32_t rec, std::uint32_t field) const {
    return str(w(s, rec, field), w(s, rec, field + 1));
  }
  /// The record of section `s` whose name (fields `field`, `field + 1`) is `name`, hashed with
  /// `seed` (a module id for resources and actions), through `ix`.
  [[nodiscard]] std::uint32_t lookup(const HashIndex& ix, std::uint32_t s, std::uint32_t field, std::string_view name,
                                     std::uint32_t module = kNone) const {
    return ix.find(name_hash(name, module), [&](std::uint32_t id) {
      return same_name(rec_str(s, id, field), name) && (module == kNone || w(s, id, 0) == module);
    });
  }

};

// Field numbers of the records (format.hpp's comments, as constants).
namespace rf {
enum Role : std::uint32_t { role_name = 0, role_holders = 2, role_named = 3, role_automatic = 4, role_closure = 5,
                            role_scope = 7 /* + 4 * scope: contribs off,count, levels off,count */ };
enum Contrib : std::uint32_t { c_kind = 0, c_rule = 1, c_runs = 2, c_reqs = 4, c_level = 6, c_cond = 7 };
enum Level : std::uint32_t { l_module = 0, l_name = 1, l_at_least = 3, l_reqs = 5 };
enum Rule : std::uint32_t { r_kind = 0, r_runs = 1, r_cond = 3, r_owner = 4 };
enum Tmpl : std::uint32_t { t_name = 0, t_kinds = 2, t_requires = 3, t_valid_from = 5, t_valid_to = 6, t_has_default = 7,
                            t_default = 8, t_has_max = 10, t_max = 11, t_grantable = 13, t_custom = 15, t_scope = 16,
                            t_scope_when = 17, t_ceiling = 18, t_pre = 19, t_denies = 21, t_revocable = 23, t_audited = 24,
                            t_fields = 25, t_granted_by = 27, t_has_grantee_id = 29 };
enum Forbid : std::uint32_t { f_selectors = 0, f_denies = 2, f_when = 4, f_covers = 5, f_name = 7 };
enum Implicit : std::uint32_t { i_name = 0, i_kinds = 2, i_roles = 3, i_when = 5, i_grants = 6 };
enum Auth : std::uint32_t { a_target = 0, a_role = 1, a_template = 2, a_automatic = 3, a_anyone = 4, a_roles = 5, a_when = 7 };
enum Attr : std::uint32_t { at_name = 0, at_type = 2, at_dict = 3, at_has_default = 5, at_default = 6 };
enum Atom : std::uint32_t { atom_input = 0, atom_attr = 1, atom_negated = 2, atom_values = 3 };
enum Res : std::uint32_t { res_module = 0, res_path = 1, res_actions = 3, res_first = 5 };
enum Act : std::uint32_t { act_module = 0, act_name = 1, act_class = 3 };
}  // namespace rf

/// Calls `f(q, c)` for each contribution `c` of each role `q` in `role`'s closure at `scope`
/// (0 self, 1 descendants): everything a source holding `role` there draws on.
template <class F>
void for_each_contribution(const Table::Impl& t, std::uint32_t role, std::uint32_t scope, F&& f) {
  const auto coff = t.w(fmt::kRoles, role, rf::role_closure), cn = t.w(fmt::kRoles, role, rf::role_closure + 1);
  for (std::uint32_t qi = 0; qi < cn; ++qi) {
    const auto q = t.u32(coff + qi);
    const auto off = t.w(fmt::kRoles, q, rf::role_scope + 4 * scope), n = t.w(fmt::kRoles, q, rf::role_scope + 4 * scope + 1);
    for (std::uint32_t c = off; c < off + n; ++c) f(q, c);
  }
}

}  // namespace writ::runtime
