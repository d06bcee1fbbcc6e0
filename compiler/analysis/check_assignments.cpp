// The assignments data against the policy: A050 (a shared account bound to a role reserved to
// named accounts), A051 (a binding of a role the policy does not declare), A052 (a binding of a
// role whose `holders` exclude the principal's kind). Each is a fact of one binding and the role's
// declaration, so exact by construction. The witness of A050 and A052 shows what the interpreter
// makes of it: with that binding alone, a principal the role allows is granted a permission the
// role surely gives, and the principal as the data lists it is denied it (the binding gives
// nothing, docs/semantics.md §2.2). A role that surely gives nothing beyond the automatic roles
// has no such request; the finding then carries the binding alone.
// Covered by tests/unit/analysis/assignments_test.cpp and tests/unit/cli/assignments_command_test.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/analysis/analyze.hpp"
#include "compiler/analysis/checks.hpp"
#include "compiler/analysis/holders.hpp"
#include "compiler/analysis/witness.hpp"
#include "compiler/eval/interpreter.hpp"

namespace writ::analysis {
namespace {

/// The principal with `binding` as its only role, asking `permission` where the binding is held.
ir::Request binding_request(const ir::Assignments& data, const ir::Principal& who, const ir::RoleBinding& binding,
                            std::string_view permission) {
  ir::Request r;
  r.principal = who;
  r.principal.roles = {binding};
  r.target_org = ir::binding_org(who, binding);
  if (data.organizations) {
    r.org_parents = *data.organizations;
  } else {  // no tree in the data: the organizations named, each a root
    r.org_parents = ir::OrgTree{{r.target_org, ""}};
    if (!who.org.empty()) r.org_parents->emplace(who.org, "");
  }
  eval::set_permission(r, permission);
  return r;
}

/// Queries showing that the binding gives nothing: allowed to an eligible holder, denied to `who`.
std::vector<Query> gives_nothing(const CheckContext& c, const ir::Principal& who, const ir::RoleBinding& binding,
                                 ir::RoleId role) {
  const auto& p = c.policy;
  const auto& r = p[role];
  const auto candidates = c.access.of(role, ir::OrgScope::self).sure - c.access.automatic_may();
  if (candidates.empty()) return {};
  const auto perm = first_name(p, candidates);
  ir::Principal eligible = who;
  eligible.kind = std::find(r.holders.begin(), r.holders.end(), who.kind) != r.holders.end() ? who.kind : first_kind(r.holders);
  eligible.named = true;
  std::vector<Query> q{{Query::Kind::decide, binding_request(*c.assignments, eligible, binding, perm), "", {}, true, ""},
                       {Query::Kind::decide, binding_request(*c.assignments, who, binding, perm), "", {}, false, ""}};
  // The finding is a fact of the data either way; a request the interpreter does not decide as
  // claimed is left out rather than letting it drop the finding.
  if (!confirm(c.facts, Witness{{}, q})) return {};
  return q;
}

std::string kinds_text(const std::vector<ir::PrincipalKind>& kinds) {
  std::string s;
  for (std::size_t i = 0; i < kinds.size(); ++i) s += fmt::format("{}`{}`", i ? ", " : "", ir::name(kinds[i]));
  return s;
}

}  // namespace

void check_assignments(const CheckContext& c) {
  if (!c.assignments) return;
  const auto& p = c.policy;
  for (const auto& entry : c.assignments->principals) {
    const auto& who = entry.principal;
    for (std::size_t b = 0; b < who.roles.size(); ++b) {
      const auto& binding = who.roles[b];
      Finding f;
      f.primary = entry.role_spans[b];
      f.related.push_back({entry.span, "the principal"});
      auto role = c.facts.role(binding.role);
      if (!role) {
        f.check = Check::undefined_role_held;
        f.args = {who.id, binding.role};
        f.witness.chain = {{Step::Kind::hold, binding.role, "", entry.role_spans[b]}};
        c.add(std::move(f));
        continue;
      }
      const auto& r = p[*role];
      f.related.push_back({r.span, "the role's declaration"});
      f.witness.chain = {{Step::Kind::hold, r.name, "", entry.role_spans[b]}};
      const bool kind_ok = std::find(r.holders.begin(), r.holders.end(), who.kind) != r.holders.end();
      if (!kind_ok) {
        Finding k = f;
        k.check = Check::kind_may_not_hold;
        k.args = {who.id, std::string(ir::name(who.kind)), r.name, kinds_text(r.holders)};
        k.witness.queries = gives_nothing(c, who, binding, *role);
        c.add(std::move(k));
      }
      if (r.named_accounts && !who.named) {
        f.check = Check::shared_account_holds_named_role;
        f.args = {who.id, r.name};
        f.witness.queries = gives_nothing(c, who, binding, *role);
        c.add(std::move(f));
      }
    }
  }
}

}  // namespace writ::analysis
