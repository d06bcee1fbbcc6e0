// See witness.hpp.
#include "compiler/analysis/witness.hpp"

#include <algorithm>

#include "compiler/analysis/analyze.hpp"
#include "compiler/eval/interpreter.hpp"

namespace writ::analysis {

ir::Request make_request(const ir::Policy& p, ir::PrincipalKind kind, const std::vector<ir::RoleId>& roles,
                         ir::OrgScope scope, std::string_view permission) {
  ir::Request r;
  r.principal.id = "witness";
  r.principal.kind = kind;
  r.principal.org = kRootOrg;
  for (auto role : roles) r.principal.roles.push_back({p[role].name, kRootOrg});
  r.org_parents = ir::OrgTree{{kRootOrg, ""}, {kChildOrg, kRootOrg}};
  r.target_org = scope == ir::OrgScope::self ? kRootOrg : kChildOrg;
  if (!permission.empty()) eval::set_permission(r, permission);
  return r;
}

std::vector<Context> contexts_for(const ir::Policy& p, const std::vector<ir::CondId>& conds) {
  std::map<ir::AttributeId, std::vector<std::optional<ir::Value>>> classes;
  for (auto c : conds)
    for (const auto& in : p.conditions.inputs(c)) {
      if (in.kind != ir::InputKind::attribute) continue;
      auto& v = classes[in.attribute];
      for (auto& x : p.conditions.classes(in, c))
        if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
    }
  std::vector<Context> out{Context{}};
  for (const auto& [attr, values] : classes) {
    std::vector<Context> next;
    for (const auto& ctx : out)
      for (const auto& v : values) {
        Context c = ctx;
        if (v) c[p[attr].name] = *v;
        next.push_back(std::move(c));
        if (next.size() > ir::Conditions::kMaxAssignments) break;
      }
    out = std::move(next);
  }
  return out;
}

std::optional<std::vector<Query>> with_context(const facts::Facts& f, std::vector<Query> queries,
                                               const std::vector<ir::CondId>& conds) {
  for (const auto& ctx : contexts_for(f.policy(), conds)) {
    for (auto& q : queries) q.request.context = ctx;
    if (std::all_of(queries.begin(), queries.end(), [&](const Query& q) { return answer(f, q); })) return queries;
  }
  return std::nullopt;
}

ir::PrincipalKind first_kind(const std::vector<ir::PrincipalKind>& holders) {
  for (auto k : ir::all_of<ir::PrincipalKind>())
    if (holders.empty() || std::find(holders.begin(), holders.end(), k) != holders.end()) return k;
  return ir::PrincipalKind::internal;
}

bool answer(const facts::Facts& f, const Query& q) {
  switch (q.kind) {
    case Query::Kind::decide: return eval::decide(f, q.request).allow == q.expect_allow;
    case Query::Kind::assign: return eval::may_assign(f, q.request, q.role, "").allow == q.expect_allow;
    case Query::Kind::validate: {
      if (!q.grant) return false;
      auto v = eval::validate_grant(f, q.request, *q.grant);
      if (!q.absent_violation.empty())
        return std::none_of(v.begin(), v.end(), [&](const eval::Violation& x) { return eval::code_name(x.code) == q.absent_violation; });
      return v.empty() == q.expect_allow;
    }
  }
  return false;
}

bool confirm(const facts::Facts& f, const Witness& w) {
  return std::all_of(w.queries.begin(), w.queries.end(), [&](const Query& q) { return answer(f, q); });
}

}  // namespace writ::analysis
