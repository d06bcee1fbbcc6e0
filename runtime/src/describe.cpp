// describe_table: a loaded table printed back readably for `writ inspect`. Built from the same
// validated records the decision path reads, so what it shows is what the runtime decides with.
#include <cstdio>

#include "table_impl.hpp"

namespace writ::runtime {
namespace {

const char* const kSectionNames[fmt::kLastSection + 1] = {
    "?", "policy", "strings", "u32 pool", "i64 pool", "permission runs", "modules", "actions", "resources", "roles",
    "contributions", "levels", "requirements", "rules", "templates", "forbids", "selectors", "implicit grants",
    "authorizers", "attributes", "conditions", "condition code", "atoms", "fields", "spans", "span strings"};
const char* const kKinds[4] = {"internal", "external", "vendor_support", "system"};

std::string kinds(std::uint32_t mask) {
  if (mask == 0) return "any";
  std::string s;
  for (std::uint32_t k = 0; k < 4; ++k)
    if (mask >> k & 1u) s += (s.empty() ? "" : ",") + std::string(kKinds[k]);
  return s;
}

std::string num(std::uint64_t v) { return std::to_string(v); }

}  // namespace

std::string describe_table(const Table& table) {
  const Table::Impl& t = table.impl();
  std::string o;
  char buf[256];
  std::snprintf(buf, sizeof buf, "table %.*s: format %u.%u, %zu bytes, content hash %016llx, checksum ok\n",
                static_cast<int>(table.policy_name().size()), table.policy_name().data(), t.major, t.minor, t.size,
                static_cast<unsigned long long>(t.content_hash));
  o += buf;
  o += std::string("combining ") + (t.combining == 0 ? "permissive" : "deny_overrides") + ", " + num(t.n_permissions) + " permissions, " +
       num(t.n_roles) + " roles, " + num(t.n_levels) + " levels, " + num(t.n_rules) + " rules, " + num(t.n_templates) + " templates, " +
       num(t.n_forbids) + " forbid rules, " + num(t.n_implicits) + " implicit grants, " + num(t.n_conds) + " conditions\n";
  o += "sections:\n";
  for (std::uint32_t s = fmt::kFirstSection; s <= fmt::kLastSection; ++s) {
    std::snprintf(buf, sizeof buf, "  %2u %-16s offset %8zu  length %8u  count %8u\n", s, kSectionNames[s],
                  static_cast<std::size_t>(t.sec[s].p - t.base), t.sec[s].len, t.sec[s].count);
    o += buf;
  }
  auto runs = [&](std::uint32_t off, std::uint32_t n) {
    std::string s;
    for (std::uint32_t i = 0; i < n; ++i) {
      std::uint32_t first, last;
      std::memcpy(&first, t.sec[fmt::kRuns].p + (off + i) * 8ull, 4);
      std::memcpy(&last, t.sec[fmt::kRuns].p + (off + i) * 8ull + 4, 4);
      for (std::uint32_t p = first; p < last; ++p) s += (s.empty() ? "" : " ") + table.permission_name(p);
    }
    return s;
  };
  auto cond = [&](std::uint32_t c) { return c == 0 ? std::string() : "  when #" + num(c); };
  o += "roles:\n";
  for (std::uint32_t r = 0; r < t.n_roles; ++r) {
    o += "  " + std::string(t.rec_str(fmt::kRoles, r, 0)) + "  holders " + kinds(t.w(fmt::kRoles, r, rf::role_holders)) +
         (t.w(fmt::kRoles, r, rf::role_named) ? ", named accounts" : "") + (t.w(fmt::kRoles, r, rf::role_automatic) ? ", automatic" : "");
    const auto coff = t.w(fmt::kRoles, r, rf::role_closure), cn = t.w(fmt::kRoles, r, rf::role_closure + 1);
    if (cn > 1) {
      o += ", extends";
      for (std::uint32_t i = 0; i < cn; ++i)
        if (t.u32(coff + i) != r) o += " " + std::string(t.rec_str(fmt::kRoles, t.u32(coff + i), 0));
    }
    o += "\n";
    for (std::uint32_t s = 0; s < 2; ++s) {
      const auto off = t.w(fmt::kRoles, r, rf::role_scope + 4 * s), n = t.w(fmt::kRoles, r, rf::role_scope + 4 * s + 1);
      for (std::uint32_t c = off; c < off + n; ++c) {
        static const char* const kk[3] = {"permit", "level", "deny"};
        o += std::string("    ") + (s == 0 ? "self        " : "descendants ") + kk[t.w(fmt::kContribs, c, rf::c_kind)];
        const auto lv = t.w(fmt::kContribs, c, rf::c_level);
        if (lv != kNone) o += " " + std::string(t.rec_str(fmt::kModules, t.w(fmt::kLevels, lv, 0), 0)) + "." + std::string(t.rec_str(fmt::kLevels, lv, 1));
        o += ": " + runs(t.w(fmt::kContribs, c, rf::c_runs), t.w(fmt::kContribs, c, rf::c_runs + 1)) + cond(t.w(fmt::kContribs, c, rf::c_cond));
        if (t.w(fmt::kContribs, c, rf::c_reqs + 1)) o += "  requires " + num(t.w(fmt::kContribs, c, rf::c_reqs + 1));
        o += "\n";
      }
    }
  }
  o += "templates:\n";
  for (std::uint32_t i = 0; i < t.n_templates; ++i) {
    const auto l = table.template_limits(i);
    o += "  " + std::string(t.rec_str(fmt::kTemplates, i, 0)) + "  grantees " + kinds(t.w(fmt::kTemplates, i, rf::t_kinds)) + ", scope " +
         (t.w(fmt::kTemplates, i, rf::t_scope) ? "descendants" : "self") + (l.ceiling_grantor ? ", ceiling grantor" : "") +
         (l.revocable ? ", revocable" : "") + (l.audited ? ", audited" : "") +
         (l.has_max_duration ? ", max duration " + num(static_cast<std::uint64_t>(l.max_duration)) + "s" : "") +
         (t.w(fmt::kTemplates, i, rf::t_custom) ? ", grants custom" : "") + ", " + num(t.w(fmt::kTemplates, i, rf::t_grantable + 1)) +
         " grantable roles, " + num(t.w(fmt::kTemplates, i, rf::t_denies + 1)) + " denies, " + num(t.w(fmt::kTemplates, i, rf::t_pre + 1)) +
         " preconditions" + cond(t.w(fmt::kTemplates, i, rf::t_scope_when)) + "\n";
  }
  o += "forbid rules:\n";
  for (std::uint32_t f = 0; f < t.n_forbids; ++f)
    o += "  " + std::string(t.rec_str(fmt::kForbids, f, rf::f_name)) + ": " + runs(t.w(fmt::kForbids, f, rf::f_covers), t.w(fmt::kForbids, f, rf::f_covers + 1)) +
         cond(t.w(fmt::kForbids, f, rf::f_when)) + "\n";
  o += "implicit grants:\n";
  for (std::uint32_t i = 0; i < t.n_implicits; ++i)
    o += "  " + std::string(t.rec_str(fmt::kImplicits, i, 0)) + "  grantees " + kinds(t.w(fmt::kImplicits, i, rf::i_kinds)) + ", gives " +
         num(t.w(fmt::kImplicits, i, rf::i_grants + 1)) + " roles" + cond(t.w(fmt::kImplicits, i, rf::i_when)) + "\n";
  o += "conditions (postfix programs):\n";
  for (std::uint32_t c = 2; c < t.n_conds; ++c) {
    o += "  #" + num(c) + ":";
    const auto off = t.w(fmt::kConds, c, 0), n = t.w(fmt::kConds, c, 1);
    for (std::uint32_t k = 0; k < n; ++k) {
      const auto ins = t.code(off + k), op = ins & 0xFF, arg = ins >> 8;
      static const char* const ops[5] = {"true", "false", "atom", "and", "or"};
      o += std::string(" ") + ops[op];
      if (op >= fmt::kOpAtom) o += "/" + num(arg);
    }
    o += "\n";
  }
  return o;
}

}  // namespace writ::runtime
