// See prove.hpp. `never` is asked of the diff engine as a policy change; `always` and
// `read_only role` enumerate the holders' request space with the diff engine's pieces (touch,
// space_for, regions), deciding every cell with the reference interpreter.
#include "compiler/prove/prove.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/analysis/access.hpp"
#include "compiler/analysis/holders.hpp"
#include "compiler/diff/engine.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/ir/print.hpp"

namespace writ::prove {

namespace {

using Status = AssertionResult::Status;

/// The policy with `forbid { applies_to S; deny P; }` added for assertion `a`.
ir::Policy with_forbid(const ir::Policy& p, const ir::Assertion& a) {
  ir::Policy q = p;
  ir::Rule r;
  r.kind = ir::RuleKind::forbid_deny;
  r.forbid = ir::ForbidId{static_cast<std::uint32_t>(q.forbids.size())};
  if (a.pattern) r.pattern = *a.pattern;
  r.permissions = a.permissions;
  r.key = "assert " + a.name;
  r.span = a.span;
  const ir::RuleId rid{static_cast<std::uint32_t>(q.rules.size())};
  q.rules.push_back(std::move(r));
  ir::Forbid f;
  f.name = "assert " + a.name;
  f.reason = "assertion " + a.name;
  f.applies_to = {a.subject};
  f.denies = {rid};
  f.covers = a.permissions;
  f.span = a.span;
  q.forbids.push_back(std::move(f));
  return q;
}

/// The principal kinds a selector can pick.
std::vector<ir::PrincipalKind> kinds_of(const ir::Policy& p, const ir::Selector& s) {
  switch (s.kind) {
    case ir::Selector::Kind::principal_kind: return {s.principal_kind};
    case ir::Selector::Kind::role: return p[s.role].holders;
    default: {
      const auto all = ir::all_of<ir::PrincipalKind>();
      return {all.begin(), all.end()};
    }
  }
}

bool meets_kinds(const std::vector<ir::PrincipalKind>& grantee, const std::vector<ir::PrincipalKind>& kinds) {
  if (grantee.empty()) return true;
  return std::any_of(kinds.begin(), kinds.end(),
                     [&](ir::PrincipalKind k) { return std::find(grantee.begin(), grantee.end(), k) != grantee.end(); });
}

/// Custom grants are access the diff does not enumerate: a template open to `kinds` that may give
/// a permission of `perms` as a custom set leaves the question undecided.
std::optional<std::string> custom_grant_risk(const facts::Facts& f, const std::vector<ir::PrincipalKind>& kinds,
                                             const ir::PermissionSet& perms) {
  const auto& p = f.policy();
  for (const auto& t : p.templates) {
    if (!t.custom || !meets_kinds(t.grantee_kinds, kinds)) continue;
    if (((f.all_permissions() - analysis::template_denied(p, t)) & perms).empty()) continue;
    return "grant template `" + t.name + "` may give permissions of the assertion as a custom set, and grant requests are "
           "not enumerated yet";
  }
  return std::nullopt;
}

AssertionResult never_role(const facts::Facts& f, ir::AssertionId id, const ir::PermissionSet& perms, const Options& o);
AssertionResult level_permits(const facts::Facts& f, ir::AssertionId id, const ir::PermissionSet& perms);
AssertionResult always_level(const facts::Facts& f, ir::AssertionId id);

AssertionResult never(const facts::Facts& f, ir::AssertionId id, const Options& o) {
  const auto& p = f.policy();
  const auto& a = p[id];
  if (a.subject.kind == ir::Selector::Kind::role) return never_role(f, id, a.permissions, o);
  if (a.subject.kind == ir::Selector::Kind::level) return level_permits(f, id, a.permissions);
  AssertionResult out{id, Status::proved, {}, {}, {}};
  if (a.subject.kind == ir::Selector::Kind::template_) {
    out.status = Status::undecided;
    out.why = "its subject holds grants, and grant requests are not enumerated yet";
    return out;
  }
  const ir::Policy q = with_forbid(p, a);
  const facts::Facts fq(q);
  diff::Options dopt;
  dopt.findings = false;
  auto d = diff::compare(f, fq, dopt);
  for (auto& c : d.access)
    if (c.direction == diff::Direction::lost) out.counterexamples.push_back(std::move(c));
  if (!out.counterexamples.empty()) {
    out.status = Status::refuted;
    if (!d.incomplete.empty()) out.why = "more counterexamples may exist: " + d.incomplete.front();
    return out;
  }
  if (!d.incomplete.empty()) {
    out.status = Status::undecided;
    out.why = d.incomplete.front();
  } else if (auto risk = custom_grant_risk(f, kinds_of(p, a.subject), a.permissions)) {
    out.status = Status::undecided;
    out.why = *risk;
  }
  return out;
}

/// Requests one configuration's permission may need; above it the assertion is undecided.
constexpr std::size_t kMaxAssignments = 4096;

/// Cells of one configuration (roles held at `root`) at `scope` over `perms`: every input class
/// their rules read, decided by the interpreter. `counts(request, allowed)` says whether a cell
/// is a counterexample. Adds cubes to `out`; false when a space is above the bound.
template <class Counts>
bool enumerate(const facts::Facts& f, const std::vector<std::string>& roles, ir::OrgScope scope,
               const std::vector<std::string>& perms, const std::vector<ir::PrincipalKind>& kinds, Counts counts,
               std::vector<diff::AccessCube>& out) {
  const auto& p = f.policy();
  const auto t = diff::touch(f, roles, scope);
  for (const auto& perm : perms) {
    diff::Reads rd = t.reads;
    rd.kinds = kinds;
    rd.conditions = t.conditions_of(p, perm);
    const auto space = diff::space_for(p, rd, p, rd);
    const auto n = space.size(kMaxAssignments);
    if (n > kMaxAssignments) return false;
    std::vector<std::size_t> hits;
    for (std::size_t i = 0; i < n; ++i) {
      auto r = diff::base_request(roles, scope, perm);
      space.apply(i, r);
      if (std::find(kinds.begin(), kinds.end(), r.principal.kind) == kinds.end()) continue;
      if (counts(r, eval::decide(f, r).allow)) hits.push_back(i);
    }
    if (hits.empty()) continue;
    std::vector<std::size_t> reps;
    auto regions = diff::regions(space, hits, &reps);
    for (std::size_t k = 0; k < regions.size(); ++k) {
      diff::AccessCube c;
      if (!roles.empty()) c.subject = diff::Subject{roles[0], roles[0], {roles.begin() + 1, roles.end()}};
      c.direction = diff::Direction::lost;
      c.scope = scope;
      c.region = regions[k];
      c.kinds = diff::take_kinds(space, c.region);
      c.permissions = {perm};
      c.example = diff::base_request(roles, scope, perm);
      space.apply(reps[k], c.example);
      c.old_rules = diff::cited(p, eval::decide(f, c.example));
      auto same = std::find_if(out.begin(), out.end(), [&](const diff::AccessCube& d) {
        return d.subject == c.subject && d.scope == c.scope && d.region == c.region && d.kinds == c.kinds;
      });
      if (same == out.end()) {
        out.push_back(std::move(c));
      } else {
        same->permissions.push_back(perm);
      }
    }
  }
  return true;
}

/// After an enumeration: undecided when a space was above the bound (what was found is not
/// every counterexample), refuted when something was found.
void settle(AssertionResult& out, bool complete) {
  if (!complete) {
    out.status = Status::undecided;
    out.counterexamples.clear();
    out.why = "the inputs its rules read have more combinations than the bound";
  } else if (!out.counterexamples.empty()) {
    out.status = Status::refuted;
  }
}

std::vector<std::string> names_of(const ir::Policy& p, const ir::PermissionSet& s) {
  std::vector<std::string> out;
  for (auto id : s.members()) out.push_back(p.permission_name(id));
  return out;
}

/// The request without the binding of `role`.
ir::Request without(ir::Request r, const std::string& role) {
  auto& b = r.principal.roles;
  b.erase(std::remove_if(b.begin(), b.end(), [&](const ir::RoleBinding& x) { return x.role == role; }), b.end());
  return r;
}

bool holds(const ir::Role& r, const ir::Request& rq) { return analysis::may_hold(r, rq.principal); }

/// Grants could deny `perms` to a principal of `kinds`: a template deny, or a forbid selecting a
/// template's holders. Such principals are not enumerated yet.
std::optional<std::string> grant_denial_risk(const ir::Policy& p, const std::vector<ir::PrincipalKind>& kinds,
                                             const ir::PermissionSet& perms) {
  for (const auto& t : p.templates)
    if (meets_kinds(t.grantee_kinds, kinds) && analysis::template_denied(p, t).intersects(perms))
      return "a grant of template `" + t.name + "` would deny some of it, and grant requests are not enumerated yet";
  for (const auto& fb : p.forbids)
    for (const auto& s : fb.applies_to)
      if (s.kind == ir::Selector::Kind::template_ && fb.covers.intersects(perms))
        return "forbid `" + fb.name + "` selects holders of a grant, and grant requests are not enumerated yet";
  return std::nullopt;
}

AssertionResult always(const facts::Facts& f, ir::AssertionId id) {
  const auto& p = f.policy();
  const auto& a = p[id];
  AssertionResult out{id, Status::proved, {}, {}, {}};
  const auto perms = names_of(p, a.permissions);
  std::vector<ir::PrincipalKind> kinds = kinds_of(p, a.subject);
  std::vector<std::string> base;  // the roles every configuration holds
  std::optional<ir::RoleId> subject_role;
  switch (a.subject.kind) {
    case ir::Selector::Kind::role:
      subject_role = a.subject.role;
      base = {p[a.subject.role].name};
      break;
    case ir::Selector::Kind::principal_kind:
    case ir::Selector::Kind::anyone: break;
    case ir::Selector::Kind::level: return always_level(f, id);
    default:
      out.status = Status::undecided;
      out.why = "its subject holds grants, and grant requests are not enumerated yet";
      return out;
  }
  if (auto risk = grant_denial_risk(p, kinds, a.permissions)) {
    out.status = Status::undecided;
    out.why = *risk;
    return out;
  }
  auto holder = [&](const ir::Request& r) { return !subject_role || holds(p[*subject_role], r); };
  // The subject's base alone: every denied cell of a holder is a counterexample.
  bool ok = enumerate(f, base, ir::OrgScope::self, perms, kinds,
                      [&](const ir::Request& r, bool allowed) { return holder(r) && !allowed; }, out.counterexamples);
  // With one more role: denied where the base alone is allowed.
  for (std::size_t x = 0; x < p.roles.size() && ok; ++x) {
    const auto& other = p.roles[x].name;
    if (std::find(base.begin(), base.end(), other) != base.end()) continue;
    auto roles = base;
    roles.push_back(other);
    ok = enumerate(f, roles, ir::OrgScope::self, perms, kinds,
                   [&](const ir::Request& r, bool allowed) {
                     return holder(r) && !allowed && eval::decide(f, without(r, other)).allow;
                   },
                   out.counterexamples);
  }
  settle(out, ok);
  return out;
}

/// What the closure of one role brings to a pair of held roles at one scope (semantics.md §2,
/// §3.4): whether some contribution counts only under a requirement (its own or a level-wide
/// one), and whether it assigns a level.
struct PairShape {
  bool requirements = false;
  bool levels = false;
};

void add_closure(const facts::Facts& f, ir::RoleId role, ir::OrgScope scope, PairShape& s) {
  f.for_each_in_closure(role, [&](std::uint32_t q) {
    const auto& own = f.own(ir::RoleId{q}, scope);
    s.levels = s.levels || !own.levels.empty();
    for (const auto& c : own.contributions)
      s.requirements = s.requirements || !c.requirements.empty() || (c.level && !f.level_requirements(*c.level).empty());
  });
}

/// Which pairs {R, X} can hold a counterexample no single role shows, without deciding them.
/// Holding both is decided as "R or X" (semantics.md §2: with fewer roles held a forbid selects
/// no more and, under deny_overrides, no more denies apply) except where an allowing rule needs a
/// requirement that a level of the other role meets: R's rule and X's level, X's rule and R's
/// level, or an automatic role's rule and levels of both. Elsewhere the pair's holder is allowed
/// only what R alone or X alone is, so no cell is allowed with both and denied without either.
struct PairFilter {
  std::vector<PairShape> roles;
  PairShape automatic;
  PairFilter(const facts::Facts& f, ir::OrgScope scope) {
    roles.resize(f.policy().roles.size());
    for (std::uint32_t r = 0; r < roles.size(); ++r) add_closure(f, ir::RoleId{r}, scope, roles[r]);
    for (auto r : f.automatic_roles()) add_closure(f, r, scope, automatic);
  }
  [[nodiscard]] bool may_interact(std::uint32_t r, std::uint32_t x) const {
    const auto &a = roles[r], &b = roles[x];
    return (a.requirements && b.levels) || (b.requirements && a.levels) || (automatic.requirements && a.levels && b.levels);
  }
};

/// What enumerate() would still say of a configuration without deciding anything: false when
/// the space of some permission of `perms` (ids, all touched by `t`) is above the bound. Space
/// sizes are kept per set of conditions read, which few permissions do not share.
class Bound {
 public:
  explicit Bound(const ir::Policy& p) : p_(p) {}
  bool within(const diff::Touch& t, const ir::PermissionSet& perms, const std::vector<ir::PrincipalKind>& kinds) {
    std::map<std::uint32_t, std::vector<ir::CondId>> read;  // Touch::conditions_of, for every permission at once
    for (auto id : perms.members()) read[id.value];
    for (const auto& c : t.conditional)
      if (c.when != ir::kTrue)
        for (auto id : (*c.permissions & perms).members()) read[id.value].push_back(c.when);
    for (auto& [id, conds] : read) {
      std::sort(conds.begin(), conds.end());
      conds.erase(std::unique(conds.begin(), conds.end()), conds.end());
      auto [it, fresh] = sizes_.try_emplace({t.reads.named, kinds, conds}, 0);
      if (fresh) {
        diff::Reads rd = t.reads;
        rd.kinds = kinds;
        rd.conditions = conds;
        it->second = diff::space_for(p_, rd, p_, rd).size(kMaxAssignments);
      }
      if (it->second > kMaxAssignments) return false;
    }
    return true;
  }

 private:
  const ir::Policy& p_;
  std::map<std::tuple<bool, std::vector<ir::PrincipalKind>, std::vector<ir::CondId>>, std::size_t> sizes_;
};

/// What role R gives, alone or completed by one other role meeting its requirements: a cell of
/// `perms` its holder is allowed and would not be without R.
AssertionResult never_role(const facts::Facts& f, ir::AssertionId id, const ir::PermissionSet& perms, const Options& o) {
  const auto& p = f.policy();
  const auto& a = p[id];
  AssertionResult out{id, Status::proved, {}, {}, {}};
  const auto& role = p[a.subject.role];
  bool ok = true;
  Bound bound(p);
  for (auto scope : ir::all_of<ir::OrgScope>()) {
    const auto alone = names_of(p, diff::touch(f, {role.name}, scope).permissions & perms);
    ok = ok && enumerate(f, {role.name}, scope, alone, role.holders,
                         [&](const ir::Request& r, bool allowed) {
                           return holds(role, r) && allowed && !eval::decide(f, without(r, role.name)).allow;
                         },
                         out.counterexamples);
    const PairFilter filter(f, scope);
    for (std::size_t x = 0; x < p.roles.size() && ok; ++x) {
      const auto& other = p.roles[x].name;
      if (other == role.name) continue;
      const auto t = diff::touch(f, {role.name, other}, scope);
      if (!o.every_pair && !filter.may_interact(a.subject.role.value, static_cast<std::uint32_t>(x))) {
        if (bound.within(t, t.permissions & perms, role.holders)) continue;
      }
      const auto both = names_of(p, t.permissions & perms);
      ok = enumerate(f, {role.name, other}, scope, both, role.holders,
                     [&](const ir::Request& r, bool allowed) {
                       return holds(role, r) && allowed && !eval::decide(f, without(r, role.name)).allow &&
                              !eval::decide(f, without(r, other)).allow;
                     },
                     out.counterexamples);
    }
  }
  settle(out, ok);
  return out;  // custom grants give the grantee access, not the role: not counted here
}

ir::PermissionSet write_permissions(const ir::Policy& p) {
  ir::PermissionSet writes;
  for (std::uint32_t i = 0; i < p.permission_count(); ++i)
    if (p[p.permissions[i].action].action_class == ir::ActionClass::write) writes.insert(ir::PermissionId{i});
  return writes;
}

/// About a level's definition: the permissions of `perms` its permits (own and included) name.
AssertionResult level_permits(const facts::Facts& f, ir::AssertionId id, const ir::PermissionSet& perms) {
  const auto& p = f.policy();
  const auto& a = p[id];
  AssertionResult out{id, Status::proved, {}, {}, {}};
  ir::PermissionSet named;
  for (const auto& lp : f.level_permits(a.subject.level)) named |= lp.permissions & perms;
  out.level_permissions = names_of(p, named);
  if (!named.empty()) out.status = Status::refuted;
  return out;
}

/// `always level L may P`: every permission of P among L's unconditional permits; one L names
/// nowhere refutes it; one only under a condition or requirement is undecided.
AssertionResult always_level(const facts::Facts& f, ir::AssertionId id) {
  const auto& p = f.policy();
  const auto& a = p[id];
  AssertionResult out{id, Status::proved, {}, {}, {}};
  ir::PermissionSet sure, any;
  const auto level_wide = f.level_requirements(a.subject.level);
  for (const auto& lp : f.level_permits(a.subject.level)) {
    any |= lp.permissions;
    if (lp.requirements.empty() && level_wide.empty() && p[lp.rule].when.always()) sure |= lp.permissions;
  }
  out.level_permissions = names_of(p, a.permissions - any);  // the level names them nowhere
  if (!out.level_permissions.empty()) {
    out.status = Status::refuted;
  } else if (!(a.permissions - sure).empty()) {
    out.status = Status::undecided;
    out.why = "some of its permissions come only under a condition or a requirement of the level";
  }
  return out;
}

/// `min_holders R N` over the assignments data: the holders of R per organization where it is held.
AssertionResult min_holders(const facts::Facts& f, ir::AssertionId id, const ir::Assignments& data) {
  const auto& a = f.policy()[id];
  AssertionResult out{id, Status::proved, {}, {}, {}};
  std::map<std::string, std::vector<std::size_t>> by_org;  // organization -> principals, file order
  std::map<std::string, std::vector<Span>> spans;
  for (const auto& h : analysis::holdings(f, data, a.subject.role)) {
    auto& who = by_org[h.org];
    const auto& entry = data.principals[h.principal];
    if (std::find(who.begin(), who.end(), h.principal) != who.end()) continue;  // distinct principals
    who.push_back(h.principal);
    spans[h.org].push_back(h.binding == analysis::Holding::kAutomatic ? entry.span : entry.role_spans[h.binding]);
  }
  if (by_org.empty()) out.too_few.push_back({});
  for (const auto& [org, who] : by_org) {
    if (static_cast<std::int64_t>(who.size()) >= a.count) continue;
    AssertionResult::Shortfall s{org, {}};
    for (std::size_t i = 0; i < who.size(); ++i) s.holders.emplace_back(data.principals[who[i]].principal.id, spans[org][i]);
    out.too_few.push_back(std::move(s));
  }
  if (!out.too_few.empty()) out.status = Status::refuted;
  return out;
}

}  // namespace

std::vector<AssertionResult> prove_all(const facts::Facts& facts, const Options& options) {
  const ir::Assignments* data = options.assignments;
  const auto& p = facts.policy();
  std::vector<AssertionResult> out;
  for (std::uint32_t i = 0; i < p.assertions.size(); ++i) {
    const ir::AssertionId id{i};
    const auto& a = p[id];
    switch (a.kind) {
      case ir::Assertion::Kind::never: out.push_back(never(facts, id, options)); break;
      case ir::Assertion::Kind::always: out.push_back(always(facts, id)); break;
      case ir::Assertion::Kind::read_only:
        if (a.subject.kind == ir::Selector::Kind::level) {
          out.push_back(level_permits(facts, id, write_permissions(p)));
        } else if (a.subject.kind == ir::Selector::Kind::role) {
          out.push_back(never_role(facts, id, write_permissions(p), options));
        } else {
          out.push_back({id, Status::undecided, {}, {}, "`read_only` names a role or a level"});
        }
        break;
      case ir::Assertion::Kind::min_holders:
        if (data) out.push_back(min_holders(facts, id, *data));
        else out.push_back({id, Status::undecided, {}, {}, "it counts holders, and no assignments data was given (`--assignments FILE`)", {}});
        break;
    }
  }
  return out;
}

namespace {

/// "roles `a` + `b` at self for internal: m/x:edit" — one counterexample set in a line.
std::string summary(const diff::AccessCube& c) {
  std::string s = c.subject.role.empty() ? "no role" : "role `" + c.subject.role + "`";
  for (const auto& w : c.subject.with) s += " + `" + w + "`";
  s += " at " + std::string(ir::name(c.scope));
  if (!c.kinds.empty()) {
    s += " for ";
    for (std::size_t i = 0; i < c.kinds.size(); ++i) s += (i ? ", " : "") + std::string(ir::name(c.kinds[i]));
  }
  for (const auto& atom : c.region) {
    s += ", " + atom.input + " in {";
    for (std::size_t i = 0; i < atom.values.size(); ++i) s += (i ? ", " : "") + atom.values[i];
    s += "}";
  }
  s += ": `" + c.permissions.front() + "`";
  if (c.permissions.size() > 1) s += " and " + std::to_string(c.permissions.size() - 1) + " more";
  return s;
}

}  // namespace

std::vector<analysis::Finding> findings(const facts::Facts& facts, const std::vector<AssertionResult>& results) {
  const auto& p = facts.policy();
  std::vector<analysis::Finding> out;
  for (const auto& r : results) {
    const auto& a = p[r.assertion];
    if (r.status == Status::proved) continue;
    analysis::Finding f;
    f.primary = a.span;
    f.related.push_back({a.subject.span, "what the assertion is about"});
    if (r.status == Status::undecided) {
      f.check = analysis::Check::assertion_undecided;
      f.args = {a.name, r.why};
      out.push_back(std::move(f));
      continue;
    }
    f.check = analysis::Check::assertion_refuted;
    if (!r.too_few.empty()) {  // min_holders: the organizations short of holders, each holder cited
      const auto& role = p[a.subject.role].name;
      const auto& s = r.too_few.front();
      std::string e = s.org.empty() ? fmt::format("no principal of the assignments data holds `{}`", role)
                                    : fmt::format("`{}` has {} holder(s) at `{}`", role, s.holders.size(), s.org);
      for (std::size_t i = 0; i < s.holders.size(); ++i) e += fmt::format("{}`{}`", i ? ", " : " (", s.holders[i].first);
      if (!s.holders.empty()) e += ")";
      f.args = {a.name, std::to_string(r.too_few.size()), fmt::format("{}, {} required", e, a.count)};
      f.related.push_back({p[a.subject.role].span, "the role counted"});
      for (const auto& x : r.too_few)
        for (const auto& [who, span] : x.holders)
          f.related.push_back({span, fmt::format("`{}` holds `{}` at `{}`", who, role, x.org)});
      out.push_back(std::move(f));
      continue;
    }
    // `never` and `read_only` are refuted by an allow, `always` by a deny.
    const bool expect_allow = a.kind != ir::Assertion::Kind::always;
    if (!r.level_permissions.empty()) {
      const std::string level = ir::level_name(p, a.subject.level);
      f.args = {a.name, std::to_string(r.level_permissions.size()),
                (a.kind == ir::Assertion::Kind::always ? "level `" + level + "` names nowhere `" : "level `" + level + "` permits `") +
                    r.level_permissions.front() + "`"};
      for (const auto& w : r.level_permissions)
        if (auto id = diff::permission_id(p, w)) f.permissions.insert(*id);
      out.push_back(std::move(f));
      continue;
    }
    f.args = {a.name, std::to_string(r.counterexamples.size()), summary(r.counterexamples.front())};
    for (const auto& c : r.counterexamples) {
      for (const auto& perm : c.permissions)
        if (auto id = diff::permission_id(p, perm)) f.permissions.insert(*id);
      for (const auto& s : c.old_rules)
        if (std::none_of(f.related.begin(), f.related.end(), [&](const auto& x) { return x.first == s; }))
          f.related.push_back({s, expect_allow ? "allows a counterexample" : "denies a counterexample"});
      f.witness.queries.push_back({analysis::Query::Kind::decide, c.example, "", {}, expect_allow, ""});
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace writ::prove
