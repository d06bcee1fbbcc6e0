// A023: two roles that can replace each other. Role B replaces role A when the policy in which A
// gives exactly what B gives (A extends B, takes B's holders and account type and loses its own
// rules; a forbid selecting A selects what extends A instead) decides every request as the policy
// does — A alone, A with every interacting combination of other roles, both scopes, every kind and
// input class (the diff engine). The replaced role is one no other role extends where possible, so
// the roles built on it keep their access and the question is exactly "does any request holding
// one tell it from a request holding the other instead". Candidates are the roles whose holders
// decide a few fixed requests alike (every kind, no context and a full one, both scopes): equal
// answers there are necessary, so the partition loses no pair and keeps the engine to few runs.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "compiler/analysis/checks.hpp"
#include "compiler/analysis/witness.hpp"
#include "compiler/equiv/equiv.hpp"
#include "compiler/eval/explain.hpp"

namespace writ::equiv {
namespace {

using analysis::Context;

/// A home organization outside the witness tree.
constexpr const char* kAway = "elsewhere";

/// Pairs the diff engine compares per policy (docs/checks.md, A023 "Scale").
constexpr std::size_t kMaxEngineRuns = 4;

/// Permissions tried for a witness when the fixed requests show none.
constexpr std::size_t kWitnessTries = 16;

/// The contexts of the fixed requests: none, and every attribute with a value.
std::vector<Context> probe_contexts(const ir::Policy& p) {
  Context full;
  for (const auto& a : p.attributes) {
    switch (a.type) {
      case ir::AttributeType::boolean: full[a.name] = ir::Value{true}; break;
      case ir::AttributeType::integer: full[a.name] = ir::Value{std::int64_t{1}}; break;
      case ir::AttributeType::string: full[a.name] = ir::Value{std::string("x")}; break;
      case ir::AttributeType::enumeration:
        if (!a.enum_values.empty()) full[a.name] = ir::Value{a.enum_values.front()};
        break;
    }
  }
  return {Context{}, full};
}

/// One fixed request's answer: what a principal of `kind` holding the roles at `root` is allowed
/// at the target of `scope` under context number `context`.
struct Answer {
  ir::PrincipalKind kind;
  std::size_t context;
  ir::OrgScope scope;
  ir::PermissionSet allowed;
  bool away = false;  ///< the principal's home is unrelated to the target
};

std::vector<Answer> probe(const facts::Facts& f, const std::vector<ir::RoleId>& roles, const std::vector<Context>& contexts) {
  std::vector<Answer> out;
  for (auto k : ir::all_of<ir::PrincipalKind>())
    for (std::size_t c = 0; c < 2 * contexts.size(); ++c) {
      auto r = analysis::make_request(f.policy(), k, roles, ir::OrgScope::self, "");
      r.context = contexts[c % contexts.size()];
      // The second half from a home unrelated to the target: automatic roles give nothing there,
      // so what they give cannot hide a difference.
      if (c >= contexts.size()) r.principal.org = kAway;
      auto grid = eval::explain_principal(f, r);
      for (std::size_t o = 0; o < grid.organizations.size(); ++o)
        if (grid.organizations[o] == analysis::kRootOrg || grid.organizations[o] == analysis::kChildOrg)
          out.push_back({k, c % contexts.size(), grid.organizations[o] == analysis::kRootOrg ? ir::OrgScope::self : ir::OrgScope::descendants,
                         std::move(grid.allowed[o]), c >= contexts.size()});
    }
  return out;
}

std::size_t hash_of(const std::vector<Answer>& answers) {
  std::size_t h = 0xcbf29ce484222325ULL;
  auto mix = [&](std::size_t v) { h = (h ^ v) * 0x100000001b3ULL; };
  for (const auto& a : answers) {
    mix(a.allowed.runs().size());
    for (const auto& r : a.allowed.runs()) mix((std::size_t{r.first} << 32) | r.last);
  }
  return h;
}

bool same_answers(const std::vector<Answer>& a, const std::vector<Answer>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i].allowed == b[i].allowed)) return false;
  return true;
}

/// Compared roles: not automatic (held by everyone, not a role one holds instead of another),
/// giving some permission (a role of no rules is an assigner's badge, A020/W050 say what it is),
/// and decided by nothing the engine does not enumerate (`principal.has_grant`).
std::vector<bool> compared_roles(const facts::Facts& f) {
  const auto& p = f.policy();
  ir::PermissionSet grant_forbids;  // what forbids deciding on `principal.has_grant` cover
  for (const auto& fb : p.forbids) {
    bool reads = reads_grants(p, fb.when.id);
    for (auto d : fb.denies) reads = reads || reads_grants(p, p[d].when.id);
    if (reads) grant_forbids |= fb.covers;
  }
  std::vector<bool> out(p.roles.size(), false);
  for (std::uint32_t r = 0; r < p.roles.size(); ++r) {
    if (p.roles[r].automatic) continue;
    bool gives = false, grants = false;
    ir::PermissionSet may;
    for (auto s : ir::all_of<ir::OrgScope>())
      f.for_each_in_closure(ir::RoleId{r}, [&](std::uint32_t q) {
        for (const auto& c : f.own(ir::RoleId{q}, s).contributions) {
          if (c.kind != facts::Contribution::Kind::deny) {
            gives = true;
            may |= *c.permissions;
          }
          grants = grants || reads_grants(p, c.when) || reads_grants(p, p[c.rule].when.id);
        }
      });
    out[r] = gives && !grants && !may.intersects(grant_forbids);
  }
  return out;
}

/// The policy in which `from` gives exactly what `by` gives.
ir::Policy replaced(const facts::Facts& f, ir::RoleId from, ir::RoleId by) {
  const auto& p = f.policy();
  ir::Policy q = p;
  auto& r = q.roles[from.value];
  r.extends = {by};
  r.holders = p[by].holders;
  r.named_accounts = p[by].named_accounts;
  for (auto& s : r.at) s = ir::ScopeAccess{};
  std::vector<ir::RoleId> extenders;
  for (std::uint32_t c = 0; c < p.roles.size(); ++c)
    if (c != from.value && f.reaches(ir::RoleId{c}, from)) extenders.push_back(ir::RoleId{c});
  for (auto& fb : q.forbids) {
    std::vector<ir::Selector> kept;
    for (const auto& s : fb.applies_to) {
      if (s.kind != ir::Selector::Kind::role || s.role.value != from.value) {
        kept.push_back(s);
        continue;
      }
      for (auto c : extenders) {
        auto t = s;
        t.role = c;
        kept.push_back(t);
      }
    }
    fb.applies_to = std::move(kept);
  }
  return q;
}

bool extended(const facts::Facts& f, ir::RoleId role) {
  for (std::uint32_t c = 0; c < f.policy().roles.size(); ++c)
    if (c != role.value && f.reaches(ir::RoleId{c}, role)) return true;
  return false;
}

Verdict interchangeable(const facts::Facts& f, ir::RoleId a, ir::RoleId b) {
  // Replace the one the other does not extend (no cycle), preferring one nothing extends.
  ir::RoleId from = b, by = a;
  if (f.reaches(a, b) || (!f.reaches(b, a) && extended(f, b) && !extended(f, a))) std::swap(from, by);
  return same_decisions(f, replaced(f, from, by));
}

analysis::Query decide_query(const ir::Policy& p, ir::PrincipalKind kind, std::vector<ir::RoleId> roles, ir::OrgScope scope,
                             const std::string& perm, const Context& ctx, bool allow) {
  analysis::Query q{analysis::Query::Kind::decide, analysis::make_request(p, kind, roles, scope, perm), "", {}, allow, ""};
  q.request.context = ctx;
  return q;
}

analysis::Finding finding(const facts::Facts& f, ir::RoleId first, ir::RoleId second, const std::vector<Answer>& answers,
                          const std::vector<Answer>& nobody, const std::vector<Context>& contexts) {
  const auto& p = f.policy();
  analysis::Finding out;
  out.check = analysis::Check::identical_roles;
  out.primary = p[second].span;
  out.related = {{p[first].span, "the role it is identical to"}};
  out.witness.chain = {{analysis::Step::Kind::hold, p[first].name, "", p[first].span},
                       {analysis::Step::Kind::hold, p[second].name, "", p[second].span}};
  std::string example;
  for (std::size_t i = 0; i < answers.size() && example.empty(); ++i) {
    const auto own = answers[i].allowed - nobody[i].allowed;  // what the role gives, not automatic roles
    if (own.empty()) continue;
    out.permissions |= own;
    example = analysis::first_name(p, own);
    const auto& a = answers[i];
    out.witness.queries = {decide_query(p, a.kind, {first}, a.scope, example, contexts[a.context], true),
                           decide_query(p, a.kind, {second}, a.scope, example, contexts[a.context], true),
                           decide_query(p, a.kind, {}, a.scope, example, contexts[a.context], false)};
    if (a.away)
      for (auto& q : out.witness.queries) q.request.principal.org = kAway;
  }
  // Nothing beyond automatic roles under the fixed contexts: search the classes of the inputs the
  // first role's rules read, for one permission they give.
  for (auto s : ir::all_of<ir::OrgScope>()) {
    if (!example.empty()) break;
    std::vector<ir::CondId> conds;
    ir::PermissionSet may;
    f.for_each_in_closure(first, [&](std::uint32_t q) {
      for (const auto& c : f.own(ir::RoleId{q}, s).contributions) {
        conds.push_back(c.when);
        if (c.kind != facts::Contribution::Kind::deny) may |= *c.permissions;
      }
    });
    const auto kind = analysis::first_kind(p[first].holders);
    const auto members = may.members();
    for (std::size_t i = 0; i < members.size() && i < kWitnessTries && example.empty(); ++i) {
      const auto perm = p.permission_name(members[i]);
      auto qs = analysis::with_context(f, {decide_query(p, kind, {first}, s, perm, {}, true), decide_query(p, kind, {second}, s, perm, {}, true),
                                           decide_query(p, kind, {}, s, perm, {}, false)},
                                       conds);
      if (!qs) continue;
      example = perm;
      out.permissions.insert(members[i]);
      out.witness.queries = std::move(*qs);
    }
  }
  out.args = {p[second].name, p[first].name, example.empty() ? std::string("nothing") : example};
  return out;
}

}  // namespace

std::vector<analysis::Finding> identical_roles(const facts::Facts& f) {
  const auto& p = f.policy();
  const auto contexts = probe_contexts(p);
  const auto compared = compared_roles(f);
  const auto nobody = probe(f, {}, contexts);
  struct Class {
    ir::RoleId first;
    std::vector<Answer> answers;
  };
  std::unordered_map<std::size_t, std::vector<Class>> classes;  // by the hash of the fixed answers
  std::vector<analysis::Finding> out;
  std::size_t runs = 0;
  for (std::uint32_t r = 0; r < p.roles.size(); ++r) {
    if (!compared[r]) continue;
    const ir::RoleId role{r};
    auto answers = probe(f, {role}, contexts);
    auto& bucket = classes[hash_of(answers)];
    bool joined = false;
    for (const auto& c : bucket) {
      if (!same_answers(c.answers, answers)) continue;
      if (runs == kMaxEngineRuns) break;  // each run compares the whole policy; beyond the budget, silent
      ++runs;
      if (interchangeable(f, c.first, role) != Verdict::equivalent) continue;
      out.push_back(finding(f, c.first, role, c.answers, nobody, contexts));
      joined = true;
      break;
    }
    if (!joined) bucket.push_back({role, std::move(answers)});
  }
  return out;
}

}  // namespace writ::equiv
