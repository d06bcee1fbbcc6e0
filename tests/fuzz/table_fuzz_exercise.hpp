// What the table fuzz target and the bit-flip test do with a table that loaded: every query of the
// public API over ids in range and just out of range, by id and by name, grants of every template
// (decided and validated), assignments; the answers are returned as a fingerprint so two tables
// can be compared decision by decision. Anything the loader let through must answer without a
// crash, a sanitizer report or a hang, and every decision must be well formed (an allow always
// names a known allow code; a grant is valid only without violations and within the limits).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "writ/runtime.hpp"

namespace writ_test {

inline void fold(std::vector<std::uint64_t>& out, const writ::runtime::Decision& d) {
  namespace rt = writ::runtime;
  if (d.effect == rt::Effect::allow &&
      !(d.code == rt::Code::permit || d.code == rt::Code::level || d.code == rt::Code::grant_custom ||
        d.code == rt::Code::assigner))
    std::abort();  // an allow must carry an allow reason
  if (d.effect == rt::Effect::allow && d.reason_class != rt::ReasonClass::explicit_allow) std::abort();
  out.push_back((std::uint64_t{static_cast<std::uint8_t>(d.effect)} << 56) ^
                (std::uint64_t{static_cast<std::uint8_t>(d.code)} << 48) ^
                (std::uint64_t{static_cast<std::uint8_t>(d.reason_class)} << 40) ^ (std::uint64_t{d.rule} << 8) ^
                d.role ^ (std::uint64_t{d.template_id} << 20) ^ d.forbid);
}

/// Decides a bounded sweep on `t` and returns the answers (at most a few thousand decisions).
inline std::vector<std::uint64_t> exercise(const writ::runtime::Table& t) {
  namespace rt = writ::runtime;
  std::vector<std::uint64_t> out;
  const std::uint32_t roles = t.role_count() < 12 ? t.role_count() : 12;
  const std::uint32_t perms = t.permission_count() < 40 ? t.permission_count() : 40;
  const std::uint32_t templates = t.template_count() < 6 ? t.template_count() : 6;
  const rt::OrgTree orgs = rt::OrgTree::build({{"root", ""}, {"a", "root"}, {"b", "a"}});
  std::vector<rt::AttrValue> context(t.attribute_count());
  for (std::uint32_t i = 0; i < t.attribute_count(); ++i) context[i] = rt::AttrValue{true, false, 0};
  for (std::uint32_t r = 0; r <= roles; ++r) {  // r == roles: one id past the end... or kNone
    const rt::Binding b{r < roles ? r : rt::kNone, r % 3 == 0 ? rt::kNone : r % 3};
    for (std::uint32_t p = 0; p <= perms; ++p) {
      rt::Request q;
      q.roles = &b;
      q.role_count = 1;
      q.orgs = &orgs;
      q.target_org = 2;
      q.permission = p < perms ? p : rt::kNone;
      q.context = (p & 1) ? context.data() : nullptr;
      q.is_owner = static_cast<rt::Tri>(p % 3);
      q.kind = static_cast<rt::PrincipalKind>(r % 4);
      fold(out, rt::decide(t, q));
    }
    for (std::uint32_t assign = 0; assign < roles; ++assign) {
      rt::Request q;
      q.roles = &b;
      q.role_count = 1;
      fold(out, rt::may_assign(t, q, assign, rt::kNone));
    }
  }
  // Grants of each template, granting each role, with a grantor holding role 0.
  const rt::Binding grantor_roles[1] = {{0, rt::kNone}};
  for (std::uint32_t tpl = 0; tpl <= templates; ++tpl)
    for (std::uint32_t r = 0; r < roles; ++r) {
      const std::uint32_t granted[1] = {r};
      const std::uint32_t custom[2] = {0, perms > 1 ? perms - 1 : 0};
      rt::Grant g;
      g.template_id = tpl < templates ? tpl : rt::kNone;
      g.grantor_roles = grantor_roles;
      g.grantor_role_count = roles > 0 ? 1 : 0;
      g.roles = granted;
      g.role_count = 1;
      g.custom = custom;
      g.custom_count = perms > 1 ? 2 : 0;
      g.has_valid_from = g.has_valid_to = true;
      g.valid_from = 1735689600 - 3600;
      g.valid_to = 1735689600 + 3600;
      rt::Request q;
      q.grants = &g;
      q.grant_count = 1;
      q.permission = perms > 0 ? r % perms : rt::kNone;
      fold(out, rt::decide(t, q));
      // The same grant proposed now, to a grantee of each kind in organization b, made at a.
      rt::Request grantee;
      grantee.orgs = &orgs;
      grantee.target_org = 2;
      grantee.kind = static_cast<rt::PrincipalKind>(r % 4);
      g.org = 1;
      const rt::Violations v = rt::validate_grant(t, grantee, g);
      if (v.valid() != (v.bits == 0 && !v.limit_exceeded)) std::abort();
      out.push_back((std::uint64_t{v.limit_exceeded} << 63) ^ (std::uint64_t{v.total()} << 32) ^ v.bits);
      g.org = rt::kNone;
      g.revoked = true;
      fold(out, rt::decide(t, q));
    }
  // By name: the table's own role names and permission names.
  for (std::uint32_t r = 0; r < roles; ++r) {
    const std::string role(t.role_name(r));
    for (std::uint32_t p = 0; p < perms && p < 8; ++p) {
      const std::string name = t.permission_name(p);  // module/resource:action
      const auto slash = name.find('/'), colon = name.rfind(':');
      if (slash == std::string::npos || colon == std::string::npos || colon < slash) continue;
      rt::NamedBinding nb{role, ""};
      rt::NamedRequest nq;
      nq.roles = &nb;
      nq.role_count = 1;
      nq.module = std::string_view(name).substr(0, slash);
      nq.resource = std::string_view(name).substr(slash + 1, colon - slash - 1);
      nq.action = std::string_view(name).substr(colon + 1);
      fold(out, rt::decide(t, &orgs, nq));
    }
    (void)t.find_role(role);
  }
  for (std::uint32_t rule = 0; rule < t.rule_count() && rule < 64; ++rule) out.push_back(t.rule_span(rule).line);
  return out;
}

}  // namespace writ_test
