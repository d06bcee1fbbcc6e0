// Loading a table: copy into an owned aligned buffer, then validate everything before use —
// header, checksum, directory, each section's size, then every string, list, run, index, enum
// value and condition program (docs/table-format.md §Validation). Only then does a Table exist,
// and the decision path reads it without checks. Any failure is a typed error with a message.
#include <algorithm>
#include <cstdio>
#include <new>

#include "fast_path.hpp"

namespace writ::runtime {
namespace {

std::uint64_t le(const std::uint8_t* p, int n) {
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

LoadStatus fail(LoadError e, std::string msg) { return LoadStatus{e, std::move(msg)}; }

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d >> 6) != 2) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n;
  }
  return true;
}

/// The semantic pass: every reference in range. Fills the counts and indices of `t`.
class Validator {
 public:
  explicit Validator(Table::Impl& t) : t_(t) {}
  LoadStatus run();

 private:
  LoadStatus bad(LoadError e, const char* what, std::uint32_t rec) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s (record %u)", what, rec);
    return fail(e, buf);
  }
  bool str_ok(std::uint32_t off, std::uint32_t len) const {
    const auto n = t_.sec[fmt::kStrings].len;
    return off <= n && len <= n - off && valid_utf8(t_.str(off, len));
  }
  /// A list (off, count) of the u32 pool whose elements are < limit (limit kNone: any value).
  bool list_ok(std::uint32_t off, std::uint32_t count, std::uint32_t limit, bool allow_none = false) const {
    const auto n = t_.sec[fmt::kU32].count;
    if (off > n || count > n - off) return false;
    if (limit == kNone) return true;
    for (std::uint32_t i = 0; i < count; ++i) {
      const auto v = t_.u32(off + i);
      if (v >= limit && !(allow_none && v == kNone)) return false;
    }
    return true;
  }
  bool runs_ok(std::uint32_t off, std::uint32_t count) const {
    const auto n = t_.sec[fmt::kRuns].count;
    if (off > n || count > n - off) return false;
    std::uint32_t prev = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
      std::uint32_t first, last;
      std::memcpy(&first, t_.sec[fmt::kRuns].p + (off + i) * 8ull, 4);
      std::memcpy(&last, t_.sec[fmt::kRuns].p + (off + i) * 8ull + 4, 4);
      if (first >= last || last > t_.n_permissions || (i > 0 && first <= prev)) return false;
      prev = last;
    }
    return true;
  }
  bool cond_ok(std::uint32_t c) const { return c < t_.n_conds; }
  static bool kinds_ok(std::uint32_t mask) { return mask < (1u << fmt::kKindCount); }
  static bool flag_ok(std::uint32_t v) { return v <= 1; }

  Table::Impl& t_;
};

LoadStatus Validator::run() {
  using namespace fmt;
  auto& t = t_;
  if (t.sec[kPolicy].count != 1) return fail(LoadError::bad_section, "policy section must hold exactly one record");
  t.combining = t.w(kPolicy, 0, 2);
  std::uint32_t* counts[] = {&t.n_permissions, &t.n_modules, &t.n_actions, &t.n_resources, &t.n_roles, &t.n_levels,
                             &t.n_rules, &t.n_templates, &t.n_forbids, &t.n_implicits, &t.n_attributes};
  for (std::uint32_t i = 0; i < 11; ++i) *counts[i] = t.w(kPolicy, 0, 3 + i);
  if (!str_ok(t.w(kPolicy, 0, 0), t.w(kPolicy, 0, 1))) return bad(LoadError::bad_string, "policy name", 0);
  if (t.combining > 1) return bad(LoadError::bad_value, "combining rule", 0);
  const std::pair<std::uint32_t, std::uint32_t> expect[] = {
      {kModules, t.n_modules}, {kActions, t.n_actions}, {kResources, t.n_resources}, {kRoles, t.n_roles}, {kLevels, t.n_levels},
      {kRules, t.n_rules},     {kTemplates, t.n_templates}, {kForbids, t.n_forbids}, {kImplicits, t.n_implicits},
      {kAttributes, t.n_attributes}};
  for (auto [s, n] : expect)
    if (t.sec[s].count != n) return fail(LoadError::bad_section, "a section's record count differs from the policy record's");
  t.n_conds = t.sec[kConds].count;
  t.n_atoms = t.sec[kAtoms].count;
  t.n_requirements = t.sec[kRequirements].count;
  t.n_authorizers = t.sec[kAuthorizers].count;
  if (t.n_conds < 2) return fail(LoadError::bad_section, "the condition section lacks `true` and `false`");
  if (!list_ok(t.w(kPolicy, 0, 14), t.w(kPolicy, 0, 15), t.n_roles)) return bad(LoadError::bad_index, "automatic roles", 0);

  for (std::uint32_t m = 0; m < t.n_modules; ++m)
    if (!str_ok(t.w(kModules, m, 0), t.w(kModules, m, 1))) return bad(LoadError::bad_string, "module name", m);
  for (std::uint32_t a = 0; a < t.n_actions; ++a) {
    if (t.w(kActions, a, rf::act_module) >= t.n_modules) return bad(LoadError::bad_index, "action module", a);
    if (!str_ok(t.w(kActions, a, 1), t.w(kActions, a, 2))) return bad(LoadError::bad_string, "action name", a);
    if (t.w(kActions, a, rf::act_class) > 1) return bad(LoadError::bad_value, "action class", a);
  }
  // Permissions are numbered densely, resource by resource in the order of each one's action list
  // (the IR's numbering, docs/table-format.md): so n_permissions is bounded by the pairs the file
  // holds, and no loop over the permissions (the ceiling check of validate_grant walks them all)
  // can run longer than the table is large.
  std::uint64_t numbered = 0;
  for (std::uint32_t r = 0; r < t.n_resources; ++r) {
    if (t.w(kResources, r, rf::res_module) >= t.n_modules) return bad(LoadError::bad_index, "resource module", r);
    if (t.w(kResources, r, rf::res_first) != numbered) return bad(LoadError::bad_index, "resource first permission", r);
    if (!str_ok(t.w(kResources, r, 1), t.w(kResources, r, 2))) return bad(LoadError::bad_string, "resource path", r);
    const auto off = t.w(kResources, r, rf::res_actions), n = t.w(kResources, r, rf::res_actions + 1);
    if (n > 0xFFFFFFFu || !list_ok(off, n * 2, kNone)) return bad(LoadError::bad_index, "resource actions", r);
    for (std::uint32_t i = 0; i < n; ++i) {
      const auto act = t.u32(off + 2 * i), perm = t.u32(off + 2 * i + 1);
      if (act >= t.n_actions || perm != numbered + i || t.w(kActions, act, 0) != t.w(kResources, r, 0))
        return bad(LoadError::bad_index, "resource action or permission", r);
    }
    numbered += n;
  }
  if (numbered != t.n_permissions) return fail(LoadError::bad_section, "the permission count differs from the resources' action pairs");
  for (std::uint32_t r = 0; r < t.n_roles; ++r) {
    if (!str_ok(t.w(kRoles, r, 0), t.w(kRoles, r, 1))) return bad(LoadError::bad_string, "role name", r);
    if (!kinds_ok(t.w(kRoles, r, rf::role_holders)) || !flag_ok(t.w(kRoles, r, rf::role_named)) || !flag_ok(t.w(kRoles, r, rf::role_automatic)))
      return bad(LoadError::bad_value, "role flags", r);
    if (!list_ok(t.w(kRoles, r, rf::role_closure), t.w(kRoles, r, rf::role_closure + 1), t.n_roles))
      return bad(LoadError::bad_index, "role closure", r);
    for (std::uint32_t s = 0; s < 2; ++s) {
      const auto off = t.w(kRoles, r, rf::role_scope + 4 * s), n = t.w(kRoles, r, rf::role_scope + 4 * s + 1);
      if (off > t.sec[kContribs].count || n > t.sec[kContribs].count - off) return bad(LoadError::bad_index, "role contributions", r);
      if (!list_ok(t.w(kRoles, r, rf::role_scope + 4 * s + 2), t.w(kRoles, r, rf::role_scope + 4 * s + 3), t.n_levels))
        return bad(LoadError::bad_index, "role levels", r);
    }
  }
  for (std::uint32_t c = 0; c < t.sec[kContribs].count; ++c) {
    const auto kind = t.w(kContribs, c, rf::c_kind);
    if (kind > 2) return bad(LoadError::bad_value, "contribution kind", c);
    if (t.w(kContribs, c, rf::c_rule) >= t.n_rules) return bad(LoadError::bad_index, "contribution rule", c);
    if (!runs_ok(t.w(kContribs, c, rf::c_runs), t.w(kContribs, c, rf::c_runs + 1))) return bad(LoadError::bad_index, "contribution permissions", c);
    if (!list_ok(t.w(kContribs, c, rf::c_reqs), t.w(kContribs, c, rf::c_reqs + 1), t.n_requirements))
      return bad(LoadError::bad_index, "contribution requirements", c);
    const auto lv = t.w(kContribs, c, rf::c_level);
    if ((kind == 1) != (lv != kNone) || (lv != kNone && lv >= t.n_levels)) return bad(LoadError::bad_index, "contribution level", c);
    if (!cond_ok(t.w(kContribs, c, rf::c_cond))) return bad(LoadError::bad_index, "contribution condition", c);
  }
  for (std::uint32_t l = 0; l < t.n_levels; ++l) {
    if (t.w(kLevels, l, rf::l_module) >= t.n_modules) return bad(LoadError::bad_index, "level module", l);
    if (!str_ok(t.w(kLevels, l, 1), t.w(kLevels, l, 2))) return bad(LoadError::bad_string, "level name", l);
    if (!list_ok(t.w(kLevels, l, rf::l_at_least), t.w(kLevels, l, rf::l_at_least + 1), t.n_levels)) return bad(LoadError::bad_index, "level order", l);
    if (!list_ok(t.w(kLevels, l, rf::l_reqs), t.w(kLevels, l, rf::l_reqs + 1), t.n_requirements))
      return bad(LoadError::bad_index, "level requirements", l);
  }
  for (std::uint32_t q = 0; q < t.n_requirements; ++q)
    if (t.w(kRequirements, q, 0) >= t.n_modules || t.w(kRequirements, q, 1) >= t.n_levels) return bad(LoadError::bad_index, "requirement", q);
  for (std::uint32_t r = 0; r < t.n_rules; ++r) {
    const auto kind = t.w(kRules, r, rf::r_kind);
    const std::uint32_t owners[] = {t.n_roles, t.n_roles, t.n_levels, t.n_forbids, t.n_templates};
    if (kind > 4) return bad(LoadError::bad_value, "rule kind", r);
    if (!runs_ok(t.w(kRules, r, rf::r_runs), t.w(kRules, r, rf::r_runs + 1))) return bad(LoadError::bad_index, "rule permissions", r);
    if (!cond_ok(t.w(kRules, r, rf::r_cond)) || t.w(kRules, r, rf::r_owner) >= owners[kind]) return bad(LoadError::bad_index, "rule", r);
  }
  for (std::uint32_t i = 0; i < t.n_templates; ++i) {
    auto W = [&](std::uint32_t f) { return t.w(kTemplates, i, f); };
    if (!str_ok(W(0), W(1))) return bad(LoadError::bad_string, "template name", i);
    if (!kinds_ok(W(rf::t_kinds)) || W(rf::t_valid_from) > 1 || W(rf::t_valid_to) > 1 || !flag_ok(W(rf::t_has_default)) ||
        !flag_ok(W(rf::t_has_max)) || !flag_ok(W(rf::t_custom)) || W(rf::t_scope) > 1 || !flag_ok(W(rf::t_ceiling)) ||
        !flag_ok(W(rf::t_revocable)) || !flag_ok(W(rf::t_audited)) || !flag_ok(W(rf::t_has_grantee_id)))
      return bad(LoadError::bad_value, "template flags", i);
    if (!list_ok(W(rf::t_requires), W(rf::t_requires + 1), t.n_roles) || !list_ok(W(rf::t_grantable), W(rf::t_grantable + 1), t.n_roles) ||
        !list_ok(W(rf::t_pre), W(rf::t_pre + 1), t.n_conds) || !list_ok(W(rf::t_denies), W(rf::t_denies + 1), t.n_rules) ||
        !list_ok(W(rf::t_granted_by), W(rf::t_granted_by + 1), t.n_authorizers) || !cond_ok(W(rf::t_scope_when)))
      return bad(LoadError::bad_index, "template lists", i);
    if (W(rf::t_fields) > t.sec[kFields].count || W(rf::t_fields + 1) > t.sec[kFields].count - W(rf::t_fields))
      return bad(LoadError::bad_index, "template fields", i);
  }
  for (std::uint32_t i = 0; i < t.sec[kFields].count; ++i)
    if (!str_ok(t.w(kFields, i, 0), t.w(kFields, i, 1)) || t.w(kFields, i, 2) > 1) return bad(LoadError::bad_string, "field", i);
  for (std::uint32_t i = 0; i < t.n_forbids; ++i) {
    auto W = [&](std::uint32_t f) { return t.w(kForbids, i, f); };
    if (W(rf::f_selectors) > t.sec[kSelectors].count || W(rf::f_selectors + 1) > t.sec[kSelectors].count - W(rf::f_selectors) ||
        !list_ok(W(rf::f_denies), W(rf::f_denies + 1), t.n_rules) || !cond_ok(W(rf::f_when)) || !runs_ok(W(rf::f_covers), W(rf::f_covers + 1)))
      return bad(LoadError::bad_index, "forbid rule", i);
    if (!str_ok(W(rf::f_name), W(rf::f_name + 1))) return bad(LoadError::bad_string, "forbid name", i);
  }
  for (std::uint32_t i = 0; i < t.sec[kSelectors].count; ++i) {
    const auto kind = t.w(kSelectors, i, 0), arg = t.w(kSelectors, i, 1);
    const std::uint32_t limits[] = {1, kKindCount, t.n_roles, t.n_templates, t.n_levels};
    if (kind > 4 || (kind > 0 && arg >= limits[kind])) return bad(LoadError::bad_index, "selector", i);
  }
  for (std::uint32_t i = 0; i < t.n_implicits; ++i) {
    auto W = [&](std::uint32_t f) { return t.w(kImplicits, i, f); };
    if (!str_ok(W(0), W(1))) return bad(LoadError::bad_string, "implicit grant name", i);
    if (!kinds_ok(W(rf::i_kinds)) || !list_ok(W(rf::i_roles), W(rf::i_roles + 1), t.n_roles) || !cond_ok(W(rf::i_when)) ||
        !list_ok(W(rf::i_grants), W(rf::i_grants + 1), t.n_roles))
      return bad(LoadError::bad_index, "implicit grant", i);
  }
  for (std::uint32_t i = 0; i < t.n_authorizers; ++i) {
    auto W = [&](std::uint32_t f) { return t.w(kAuthorizers, i, f); };
    if (W(rf::a_target) > 1 || !flag_ok(W(rf::a_automatic)) || !flag_ok(W(rf::a_anyone))) return bad(LoadError::bad_value, "authorizer flags", i);
    if ((W(rf::a_target) == 0 ? W(rf::a_role) >= t.n_roles : W(rf::a_template) >= t.n_templates) ||
        !list_ok(W(rf::a_roles), W(rf::a_roles + 1), t.n_roles) || !cond_ok(W(rf::a_when)))
      return bad(LoadError::bad_index, "authorizer", i);
  }
  for (std::uint32_t i = 0; i < t.n_attributes; ++i) {
    auto W = [&](std::uint32_t f) { return t.w(kAttributes, i, f); };
    if (!str_ok(W(0), W(1))) return bad(LoadError::bad_string, "attribute name", i);
    if (W(rf::at_type) > 3 || !flag_ok(W(rf::at_has_default))) return bad(LoadError::bad_value, "attribute type", i);
    const auto off = W(rf::at_dict), n = W(rf::at_dict + 1);
    if (n > 0xFFFFFFFu || !list_ok(off, n * 2, kNone)) return bad(LoadError::bad_index, "attribute dictionary", i);
    for (std::uint32_t k = 0; k < n; ++k)
      if (!str_ok(t.u32(off + 2 * k), t.u32(off + 2 * k + 1))) return bad(LoadError::bad_string, "attribute value", i);
  }
  for (std::uint32_t i = 0; i < t.n_atoms; ++i) {
    auto W = [&](std::uint32_t f) { return t.w(kAtoms, i, f); };
    if (W(rf::atom_input) > 5 || !flag_ok(W(rf::atom_negated))) return bad(LoadError::bad_value, "atom input", i);
    if (W(rf::atom_input) == kInAttribute && W(rf::atom_attr) >= t.n_attributes) return bad(LoadError::bad_index, "atom attribute", i);
    const auto n = t.sec[kI64].count;
    if (W(rf::atom_values) > n || W(rf::atom_values + 1) > n - W(rf::atom_values)) return bad(LoadError::bad_index, "atom values", i);
  }
  // Condition programs: simulate the stack; every op finds its operands, the bound holds, one
  // value remains. Postfix has no jumps, so every program terminates in its length.
  for (std::uint32_t c = 0; c < t.n_conds; ++c) {
    const auto off = t.w(kConds, c, 0), n = t.w(kConds, c, 1), depth = t.w(kConds, c, 2);
    if (off > t.sec[kCode].count || n > t.sec[kCode].count - off || n == 0 || n > kMaxProgram || depth > kMaxStack || depth == 0)
      return bad(LoadError::bad_condition, "condition program bounds", c);
    std::uint32_t sp = 0;
    for (std::uint32_t k = 0; k < n; ++k) {
      const auto ins = t.code(off + k), op = ins & 0xFF, arg = ins >> 8;
      if (op == kOpTrue || op == kOpFalse || op == kOpAtom) {
        if ((op != kOpAtom && arg != 0) || (op == kOpAtom && arg >= t.n_atoms)) return bad(LoadError::bad_condition, "condition operand", c);
        if (++sp > depth) return bad(LoadError::bad_condition, "condition stack overflow", c);
      } else if (op == kOpAnd || op == kOpOr) {
        if (arg == 0 || arg > sp) return bad(LoadError::bad_condition, "condition stack underflow", c);
        sp -= arg - 1;
      } else {
        return bad(LoadError::bad_condition, "condition op", c);
      }
    }
    if (sp != 1) return bad(LoadError::bad_condition, "condition leaves more than one value", c);
  }
  if (t.sec[kSpans].count != t.n_rules + t.n_authorizers) return fail(LoadError::bad_section, "spans: one per rule and authorizer");
  for (std::uint32_t i = 0; i < t.sec[kSpans].count; ++i) {
    const auto off = t.w(kSpans, i, 0), len = t.w(kSpans, i, 1), n = t.sec[kSpanStrings].len;
    if (off > n || len > n - off) return bad(LoadError::bad_string, "span file", i);
  }
  // Name indices (allocation happens here, at load, never when deciding). Inserted in id order,
  // so of two equal names the lower id wins, as a scan would find.
  auto index = [&](HashIndex& ix, std::uint32_t s, std::uint32_t n, std::uint32_t field, bool by_module) {
    ix.reset(n);
    for (std::uint32_t i = 0; i < n; ++i) ix.insert(name_hash(t.rec_str(s, i, field), by_module ? t.w(s, i, 0) : kNone), i);
  };
  index(t.roles, kRoles, t.n_roles, 0, false);
  index(t.templates, kTemplates, t.n_templates, 0, false);
  index(t.implicits, kImplicits, t.n_implicits, 0, false);
  index(t.attributes, kAttributes, t.n_attributes, 0, false);
  index(t.modules, kModules, t.n_modules, 0, false);
  index(t.resources, kResources, t.n_resources, 1, true);
  index(t.actions, kActions, t.n_actions, 1, true);
  // Whole permissions: exactly the (module, resource, action) triples the step-by-step lookup
  // (Table::find_permission's miss path) resolves, each to the permission it finds.
  // Which records the step-by-step lookup finds under their own names (all of them, unless two
  // share a name): computed once per record, not once per permission.
  std::vector<std::uint8_t> found_m(t.n_modules), found_r(t.n_resources), found_a(t.n_actions);
  for (std::uint32_t m = 0; m < t.n_modules; ++m) found_m[m] = t.lookup(t.modules, kModules, 0, t.rec_str(kModules, m, 0)) == m;
  for (std::uint32_t r = 0; r < t.n_resources; ++r)
    found_r[r] = t.lookup(t.resources, kResources, 1, t.rec_str(kResources, r, 1), t.w(kResources, r, 0)) == r;
  for (std::uint32_t a = 0; a < t.n_actions; ++a) found_a[a] = t.lookup(t.actions, kActions, 1, t.rec_str(kActions, a, 1), t.w(kActions, a, 0)) == a;
  std::vector<std::uint32_t> seen_in(t.n_actions, 0);  // action -> 1 + the resource it was last keyed in
  // One key per (resource, action) pair at most; n_permissions itself is only a number in the
  // policy record, so it bounds nothing that is allocated.
  const std::size_t pairs = std::min<std::size_t>(t.n_permissions, t.sec[kU32].count / 2);
  t.perm_keys.reserve(pairs);
  std::vector<std::uint32_t> hashes;  // permission_hash of each key, its first two parts once per resource
  hashes.reserve(pairs);
  for (std::uint32_t r = 0; r < t.n_resources; ++r) {
    const auto m = t.w(kResources, r, rf::res_module);
    if (!found_m[m] || !found_r[r]) continue;
    const std::uint32_t prefix = name_hash(t.rec_str(kResources, r, 1), name_hash(t.rec_str(kModules, m, 0), 0));
    const auto off = t.w(kResources, r, rf::res_actions), n = t.w(kResources, r, rf::res_actions + 1);
    for (std::uint32_t i = 0; i < n; ++i) {
      const auto a = t.u32(off + 2 * i);
      if (!found_a[a] || seen_in[a] == r + 1) continue;  // of a repeated action the first pair names the permission
      seen_in[a] = r + 1;
      t.perm_keys.push_back(Table::Impl::PermKey{t.w(kModules, m, 0), t.w(kModules, m, 1), t.w(kResources, r, 1), t.w(kResources, r, 2),
                                                 t.w(kActions, a, 1), t.w(kActions, a, 2), t.u32(off + 2 * i + 1)});
      hashes.push_back(name_hash(t.rec_str(kActions, a, 1), prefix));
    }
  }
  t.permissions.reset(static_cast<std::uint32_t>(t.perm_keys.size()));
  for (std::uint32_t i = 0; i < t.perm_keys.size(); ++i) t.permissions.insert(hashes[i], i);
  return {};
}

}  // namespace

const char* load_error_name(LoadError e) {
  switch (e) {
    case LoadError::ok: return "ok";
    case LoadError::io_error: return "io error";
    case LoadError::too_large: return "too large";
    case LoadError::truncated: return "truncated";
    case LoadError::bad_magic: return "bad magic";
    case LoadError::unsupported_major: return "unsupported major version";
    case LoadError::unsupported_feature: return "unsupported feature";
    case LoadError::size_mismatch: return "size mismatch";
    case LoadError::bad_checksum: return "bad checksum";
    case LoadError::bad_directory: return "bad section directory";
    case LoadError::missing_section: return "missing section";
    case LoadError::bad_section: return "bad section";
    case LoadError::bad_index: return "index out of range";
    case LoadError::bad_string: return "bad string";
    case LoadError::bad_condition: return "bad condition program";
    case LoadError::bad_value: return "unknown enum value";
  }
  return "unknown error";
}

LoadStatus load_table(const std::uint8_t* bytes, std::size_t size, std::shared_ptr<const Table>& out, LoadOptions options) {
  using namespace fmt;
  out.reset();
  if (size > options.max_size || size > kMaxTableSize) return fail(LoadError::too_large, "table larger than the configured limit");
  if (bytes == nullptr || size < sizeof kMagic) return fail(LoadError::truncated, "shorter than the magic");
  if (std::memcmp(bytes, kMagic, sizeof kMagic) != 0) return fail(LoadError::bad_magic, "not a writ table (bad magic)");
  if (size < kHeaderSize) return fail(LoadError::truncated, "shorter than the header");
  const auto major = static_cast<std::uint16_t>(le(bytes + kOffMajor, 2));
  const auto minor = static_cast<std::uint16_t>(le(bytes + kOffMinor, 2));
  if (major != kMajor) return fail(LoadError::unsupported_major, "table format major " + std::to_string(major) + ", this runtime reads " + std::to_string(kMajor));
  const auto flags = static_cast<std::uint32_t>(le(bytes + kOffFlags, 4));
  if ((flags & kIncompatibleMask & ~kKnownIncompatibleFlags) != 0) return fail(LoadError::unsupported_feature, "unknown incompatible feature flags");
  const auto declared = le(bytes + kOffSize, 8);
  if (declared > size) return fail(LoadError::truncated, "shorter than its declared size");
  if (declared != size) return fail(LoadError::size_mismatch, "declared size differs from the data's");
  if (le(bytes + kOffChecksum, 8) != check64(bytes, size, kOffChecksum)) return fail(LoadError::bad_checksum, "checksum mismatch");
  for (std::uint32_t i = 48; i < 64; ++i)
    if (bytes[i] != 0) return fail(LoadError::bad_directory, "reserved header bytes are not zero");

  auto impl = std::unique_ptr<Table::Impl>(new (std::nothrow) Table::Impl());
  if (!impl) return fail(LoadError::too_large, "out of memory");
  impl->buffer.resize((size + 7) / 8);
  std::memcpy(impl->buffer.data(), bytes, size);
  impl->base = reinterpret_cast<const std::uint8_t*>(impl->buffer.data());
  impl->size = size;
  impl->major = major;
  impl->minor = minor;
  impl->content_hash = le(bytes + kOffContentHash, 8);
  const std::uint8_t* b = impl->base;

  const auto nsec = static_cast<std::uint32_t>(le(b + kOffSectionCount, 4));
  const auto dir = static_cast<std::uint32_t>(le(b + kOffDirectory, 4));
  if (dir != kHeaderSize || nsec > 4096 || static_cast<std::uint64_t>(nsec) * kDirEntrySize > size - dir)
    return fail(LoadError::bad_directory, "section directory out of bounds");
  std::uint64_t end_prev = dir + static_cast<std::uint64_t>(nsec) * kDirEntrySize;
  std::uint32_t prev_id = 0;
  for (std::uint32_t i = 0; i < nsec; ++i) {
    const std::uint8_t* e = b + dir + i * kDirEntrySize;
    const auto id = static_cast<std::uint32_t>(le(e, 4)), off = static_cast<std::uint32_t>(le(e + 4, 4));
    const auto len = static_cast<std::uint32_t>(le(e + 8, 4)), count = static_cast<std::uint32_t>(le(e + 12, 4));
    if (id <= prev_id) return fail(LoadError::bad_directory, "section ids not increasing");
    prev_id = id;
    if (off % kAlign != 0 || off < end_prev || len > size - std::min<std::uint64_t>(off, size) || off > size)
      return fail(LoadError::bad_directory, "section " + std::to_string(id) + " misaligned, overlapping or out of bounds");
    end_prev = static_cast<std::uint64_t>(off) + len;
    if (id > kLastSection) {
      if (minor <= kMinor) return fail(LoadError::bad_directory, "unknown section " + std::to_string(id) + " in a table of a known minor");
      continue;  // a newer minor's section: skipped
    }
    // count * record size == length, per kind of section.
    std::uint64_t unit = kRecordWords[id] ? kRecordWords[id] * 4ull : id == kU32 ? 4 : id == kI64 ? 8 : id == kRuns ? 8 : 1;
    if (static_cast<std::uint64_t>(count) * unit != len) return fail(LoadError::bad_section, "section " + std::to_string(id) + ": count * record size != length");
    impl->sec[id] = Table::Impl::Sec{b + off, len, count};
  }
  for (std::uint32_t s = kFirstSection; s <= kLastSection; ++s)
    if (impl->sec[s].p == nullptr) return fail(LoadError::missing_section, "section " + std::to_string(s) + " missing");
  if (auto st = Validator(*impl).run(); !st.ok()) return st;
  build_fast_index(*impl);
  out = std::shared_ptr<const Table>(new (std::nothrow) Table(std::move(impl)));
  if (!out) return fail(LoadError::too_large, "out of memory");
  return {};
}

LoadStatus load_table_file(const std::string& path, std::shared_ptr<const Table>& out, LoadOptions options) {
  out.reset();
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return fail(LoadError::io_error, "cannot open " + path);
  std::vector<std::uint8_t> data;
  std::uint8_t buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    data.insert(data.end(), buf, buf + n);
    if (data.size() > options.max_size) {
      std::fclose(f);
      return fail(LoadError::too_large, path + ": larger than the configured limit");
    }
  }
  const bool err = std::ferror(f) != 0;
  std::fclose(f);
  if (err) return fail(LoadError::io_error, "cannot read " + path);
  return load_table(data.data(), data.size(), out, options);
}

// ---------------------------------------------------------------- Table accessors

Table::Table(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Table::~Table() = default;
std::uint64_t Table::content_hash() const { return impl_->content_hash; }
std::uint16_t Table::major() const { return impl_->major; }
std::uint16_t Table::minor() const { return impl_->minor; }
std::size_t Table::size_bytes() const { return impl_->size; }
const std::uint8_t* Table::data() const { return impl_->base; }
std::string_view Table::policy_name() const { return impl_->rec_str(fmt::kPolicy, 0, 0); }
std::uint32_t Table::role_count() const { return impl_->n_roles; }
std::uint32_t Table::permission_count() const { return impl_->n_permissions; }
std::uint32_t Table::template_count() const { return impl_->n_templates; }
std::uint32_t Table::attribute_count() const { return impl_->n_attributes; }
std::uint32_t Table::rule_count() const { return impl_->n_rules; }
std::uint32_t Table::find_role(std::string_view n) const { return impl_->lookup(impl_->roles, fmt::kRoles, 0, n); }
std::uint32_t Table::find_template(std::string_view n) const { return impl_->lookup(impl_->templates, fmt::kTemplates, 0, n); }
std::uint32_t Table::find_implicit(std::string_view n) const { return impl_->lookup(impl_->implicits, fmt::kImplicits, 0, n); }
std::uint32_t Table::find_attribute(std::string_view n) const { return impl_->lookup(impl_->attributes, fmt::kAttributes, 0, n); }
std::uint32_t Table::find_module(std::string_view n) const { return impl_->lookup(impl_->modules, fmt::kModules, 0, n); }
std::string_view Table::role_name(std::uint32_t r) const { return r < impl_->n_roles ? impl_->rec_str(fmt::kRoles, r, 0) : std::string_view(); }
std::string_view Table::template_name(std::uint32_t t) const {
  return t < impl_->n_templates ? impl_->rec_str(fmt::kTemplates, t, 0) : std::string_view();
}

std::uint32_t Table::find_permission(std::string_view module, std::string_view resource, std::string_view action, Code* why) const {
  const Impl& t = *impl_;
  const auto k = t.permissions.find(permission_hash(module, resource, action), [&](std::uint32_t i) {
    const auto& key = t.perm_keys[i];
    return same_name(t.str(key.action, key.action_len), action) && same_name(t.str(key.resource, key.resource_len), resource) &&
           same_name(t.str(key.module, key.module_len), module);
  });
  if (k != kNone) return t.perm_keys[k].permission;
  // A miss: the step-by-step lookup says which part is unknown.
  auto no = [&](Code c) {
    if (why) *why = c;
    return kNone;
  };
  const auto m = find_module(module);
  if (m == kNone) return no(Code::unknown_module);
  const auto r = t.lookup(t.resources, fmt::kResources, 1, resource, m);
  if (r == kNone) return no(Code::unknown_resource);
  const auto a = t.lookup(t.actions, fmt::kActions, 1, action, m);
  if (a == kNone) return no(Code::unknown_action);
  const auto off = t.w(fmt::kResources, r, rf::res_actions), n = t.w(fmt::kResources, r, rf::res_actions + 1);
  for (std::uint32_t i = 0; i < n; ++i)
    if (t.u32(off + 2 * i) == a) return t.u32(off + 2 * i + 1);
  return no(Code::unknown_action);
}

std::string Table::permission_name(std::uint32_t p) const {
  const Impl& t = *impl_;
  for (std::uint32_t r = 0; r < t.n_resources; ++r) {
    const auto off = t.w(fmt::kResources, r, rf::res_actions), n = t.w(fmt::kResources, r, rf::res_actions + 1);
    for (std::uint32_t i = 0; i < n; ++i)
      if (t.u32(off + 2 * i + 1) == p) {
        const auto m = t.w(fmt::kResources, r, 0);
        return std::string(t.rec_str(fmt::kModules, m, 0)) + "/" + std::string(t.rec_str(fmt::kResources, r, 1)) + ":" +
               std::string(t.rec_str(fmt::kActions, t.u32(off + 2 * i), 1));
      }
  }
  return "?";
}

SourceSpan Table::rule_span(std::uint32_t rule) const {
  if (rule >= impl_->sec[fmt::kSpans].count) return {};
  const Impl& t = *impl_;
  return SourceSpan{std::string_view(reinterpret_cast<const char*>(t.sec[fmt::kSpanStrings].p) + t.w(fmt::kSpans, rule, 0), t.w(fmt::kSpans, rule, 1)),
                    t.w(fmt::kSpans, rule, 2), t.w(fmt::kSpans, rule, 3)};
}

Table::TemplateLimits Table::template_limits(std::uint32_t i) const {
  TemplateLimits l;
  if (i >= impl_->n_templates) return l;
  const Impl& t = *impl_;
  l.revocable = t.w(fmt::kTemplates, i, rf::t_revocable) != 0;
  l.audited = t.w(fmt::kTemplates, i, rf::t_audited) != 0;
  l.ceiling_grantor = t.w(fmt::kTemplates, i, rf::t_ceiling) != 0;
  l.has_max_duration = t.w(fmt::kTemplates, i, rf::t_has_max) != 0;
  l.max_duration = t.w64(fmt::kTemplates, i, rf::t_max);
  return l;
}

AttrValue Table::bool_value(std::uint32_t a, bool b) const {
  AttrValue v{true, false, b ? 1 : 0};
  if (a >= impl_->n_attributes || impl_->w(fmt::kAttributes, a, rf::at_type) != fmt::kBool) v.ill_typed = true;
  return v;
}
AttrValue Table::int_value(std::uint32_t a, std::int64_t i) const {
  AttrValue v{true, false, i};
  if (a >= impl_->n_attributes || impl_->w(fmt::kAttributes, a, rf::at_type) != fmt::kInt) v.ill_typed = true;
  return v;
}
AttrValue Table::string_value(std::uint32_t a, std::string_view s) const {
  AttrValue v{true, false, kOtherValue};
  if (a >= impl_->n_attributes) return AttrValue{true, true, 0};
  const Impl& t = *impl_;
  const auto type = t.w(fmt::kAttributes, a, rf::at_type);
  if (type != fmt::kString && type != fmt::kEnum) return AttrValue{true, true, 0};
  const auto off = t.w(fmt::kAttributes, a, rf::at_dict), n = t.w(fmt::kAttributes, a, rf::at_dict + 1);
  for (std::uint32_t k = 0; k < n; ++k)
    if (same_name(t.str(t.u32(off + 2 * k), t.u32(off + 2 * k + 1)), s)) {
      v.value = k;
      return v;
    }
  if (type == fmt::kEnum) v.ill_typed = true;  // outside the declared set: reads as missing
  return v;
}

}  // namespace writ::runtime
