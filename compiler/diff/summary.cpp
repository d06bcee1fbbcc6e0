// The two summaries of a diff: findings of the analyses that only one version has (matched by
// check and arguments, which name roles, permissions and scopes, never positions), and each
// principal kind's blast radius — the (permission, scope) cells it can reach — in both versions.
// docs/diff.md defines the blast radius exactly.
#include <algorithm>
#include <map>
#include <set>

#include "compiler/analysis/access.hpp"
#include "compiler/analysis/analyze.hpp"
#include "compiler/diff/engine.hpp"

namespace writ::diff {

namespace {

std::string finding_key(const analysis::Finding& f) {
  std::string k(analysis::info(f.check).code);
  for (const auto& a : f.args) k += '\x1f' + a;
  return k;
}

/// How many cells (permission, scope) one kind has: what roles its kind may hold and automatic
/// roles may give (the analyses' `may` bound: every permit, less what is always denied), and with
/// `grants`, what templates open to the kind may give (granted roles' cells at the template's
/// scope, custom sets up to every permission).
std::size_t cells(const facts::Facts& f, const analysis::Access& acc, ir::PrincipalKind kind, bool grants) {
  const auto& p = f.policy();
  ir::PermissionSet at[ir::kOrgScopeCount];
  auto may_hold = [&](const ir::Role& r) { return std::find(r.holders.begin(), r.holders.end(), kind) != r.holders.end(); };
  for (std::uint32_t i = 0; i < p.roles.size(); ++i)
    if (may_hold(p.roles[i]))
      for (auto s : ir::all_of<ir::OrgScope>()) at[static_cast<int>(s)] |= acc.of(ir::RoleId{i}, s).may;
  for (auto s : ir::all_of<ir::OrgScope>()) at[static_cast<int>(s)] |= acc.automatic_may();
  if (grants)
    for (const auto& t : p.templates) {
      if (!t.grantee_kinds.empty() && std::find(t.grantee_kinds.begin(), t.grantee_kinds.end(), kind) == t.grantee_kinds.end())
        continue;
      for (auto s : ir::all_of<ir::OrgScope>()) {
        if (s == ir::OrgScope::descendants && t.org_scope == ir::OrgScope::self) continue;
        for (auto r : t.grantable_roles) at[static_cast<int>(s)] |= acc.of(r, s).may;
        if (t.custom) at[static_cast<int>(s)] |= f.all_permissions();
      }
    }
  // A permission's name names it alone, so the cells are counted by id.
  std::size_t n = 0;
  for (const auto& s : at) n += s.count();
  return n;
}

}  // namespace

void compare_findings(const Pair& v) {
  const auto& more = v.options.more_findings;
  auto old_r = analysis::analyze(v.old_f, {}, more ? more(v.old_f) : std::vector<analysis::Finding>{});
  auto new_r = analysis::analyze(v.new_f, {}, more ? more(v.new_f) : std::vector<analysis::Finding>{});
  std::multiset<std::string> old_keys, new_keys;
  for (const auto& f : old_r.findings) old_keys.insert(finding_key(f));
  for (const auto& f : new_r.findings) new_keys.insert(finding_key(f));
  for (auto& f : new_r.findings) {
    auto it = old_keys.find(finding_key(f));
    if (it != old_keys.end()) old_keys.erase(it);
    else v.out.findings.push_back({Direction::gained, std::move(f)});
  }
  for (auto& f : old_r.findings) {
    auto it = new_keys.find(finding_key(f));
    if (it != new_keys.end()) new_keys.erase(it);
    else v.out.findings.push_back({Direction::lost, std::move(f)});
  }
}

void compare_blast(const Pair& v) {
  const analysis::Access old_a(v.old_f), new_a(v.new_f);
  for (auto k : ir::all_of<ir::PrincipalKind>()) {
    BlastRadius b;
    b.kind = k;
    b.direct_old = cells(v.old_f, old_a, k, false);
    b.direct_new = cells(v.new_f, new_a, k, false);
    b.reach_old = cells(v.old_f, old_a, k, true);
    b.reach_new = cells(v.new_f, new_a, k, true);
    v.out.blast.push_back(b);
  }
}

}  // namespace writ::diff
