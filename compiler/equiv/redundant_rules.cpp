// A024 (a permit whose every permission other permits already give) and A025 (a deny whose every
// permission other denies or forbids already remove), both decided as "the policy without the rule
// decides every request as the policy does" by the diff engine (mutate::remove_rule makes that
// policy, the edit of the `remove-rule` mutant). A rule is a candidate only when each of its
// permissions is named by another rule that could stand in for it — for a role's permit, another
// permit or level of the role's closure at that scope; for a level's permit, another permit of the
// level; for a role's deny, another deny of its closure at that scope or a forbid; for a forbid's
// deny, another forbid's or the same forbid's other denies. Automatic roles stand in for nothing:
// they reach only principals at home where they act. A candidate is settled surely when rivals of
// the same source apply wherever it does, refuted by a request it alone decides, and only else
// asked of the engine, within a budget. The rivals are the witness: related spans, and a request
// the interpreter decides citing one of them.
#include <algorithm>
#include <functional>

#include "compiler/analysis/checks.hpp"
#include "compiler/analysis/witness.hpp"
#include "compiler/equiv/equiv.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/ir/print.hpp"
#include "compiler/mutate/mutants.hpp"

namespace writ::equiv {
namespace {

using analysis::Finding;
using analysis::Query;

/// A principal's home organization outside the witness tree: no automatic role reaches the target.
constexpr const char* kElsewhere = "elsewhere";

struct Rival {
  ir::RuleId rule;
  ir::CondId when;
  const facts::Contribution* contribution = nullptr;  ///< a role's permit, level permit or deny
  std::optional<ir::ForbidId> forbid;                 ///< a forbid's deny
};

/// A request for the witness: the first context over `conds` whose decision `ok` accepts.
template <class Ok>
std::optional<Query> find_query(const facts::Facts& f, const ir::Request& base, const std::vector<ir::CondId>& conds, bool allow,
                                Ok&& ok) {
  for (const auto& ctx : analysis::contexts_for(f.policy(), conds)) {
    Query q{Query::Kind::decide, base, "", {}, allow, ""};
    q.request.context = ctx;
    const auto d = eval::decide(f, q.request);
    if (d.allow == allow && ok(d)) return q;
  }
  return std::nullopt;
}

bool cites(const eval::Decision& d, eval::Effect e, const std::vector<Rival>& rivals, std::optional<ir::RuleId> self) {
  return std::any_of(d.reasons.begin(), d.reasons.end(), [&](const eval::Reason& r) {
    if (r.effect != e || !r.rule || (self && r.rule->value == self->value)) return false;
    return std::any_of(rivals.begin(), rivals.end(), [&](const Rival& x) { return x.rule.value == r.rule->value; });
  });
}

std::string rule_name(const ir::Policy& p, ir::RuleId r) { return p[r].name.empty() ? p[r].key : p[r].name; }

class Checker {
 public:
  explicit Checker(const facts::Facts& f) : f_(f), p_(f.policy()) {
    for (std::uint32_t i = 0; i < p_.forbids.size(); ++i) {
      const auto& fb = p_.forbids[i];
      bool blind = reads_grants(p_, fb.when.id);
      for (auto d : fb.denies) blind = blind || reads_grants(p_, p_[d].when.id);
      for (const auto& s : fb.applies_to) blind = blind || s.kind == ir::Selector::Kind::template_;
      forbid_blind_.push_back(blind);  // decided by grants, which the engine's requests never hold
    }
  }

  void role_rules(std::vector<Finding>& out) {
    for (std::uint32_t ri = 0; ri < p_.roles.size(); ++ri)
      for (auto s : ir::all_of<ir::OrgScope>())
        for (const auto& c : f_.own(ir::RoleId{ri}, s).contributions) {
          if (c.kind == facts::Contribution::Kind::level) continue;  // the level's own permits are asked in level_rules
          if (c.kind == facts::Contribution::Kind::permit) role_permit(ir::RoleId{ri}, s, c, out);
          else role_deny(ir::RoleId{ri}, s, c, out);
        }
  }

  void level_rules(std::vector<Finding>& out) {
    for (std::uint32_t li = 0; li < p_.levels.size(); ++li)
      for (auto r : p_.levels[li].permits) level_permit(ir::LevelId{li}, r, out);
  }

  void forbid_rules(std::vector<Finding>& out) {
    for (std::uint32_t fi = 0; fi < p_.forbids.size(); ++fi)
      for (auto d : p_.forbids[fi].denies) forbid_deny(ir::ForbidId{fi}, d, out);
  }

 private:
  /// The rivals of `rule` among `pool` that name one of its permissions; false when one of its
  /// permissions none names, or when it or a rival reads `principal.has_grant`.
  bool rivals_of(ir::RuleId rule, const std::vector<Rival>& pool, std::vector<Rival>& rivals) const {
    const auto& mine = p_[rule].permissions;
    if (mine.empty() || reads_grants(p_, p_[rule].when.id)) return false;
    ir::PermissionSet covered;
    for (const auto& x : pool) {
      if (x.rule.value == rule.value || !p_[x.rule].permissions.intersects(mine)) continue;
      if (reads_grants(p_, x.when) || reads_grants(p_, p_[x.rule].when.id)) return false;
      covered |= p_[x.rule].permissions;
      rivals.push_back(x);
    }
    return (mine - covered).empty();
  }

  /// Contributions of `kind` (allow: permits and levels) in `role`'s closure at `s`.
  std::vector<Rival> closure_rules(ir::RoleId role, ir::OrgScope s, bool allow) const {
    std::vector<Rival> out;
    f_.for_each_in_closure(role, [&](std::uint32_t q) {
      for (const auto& c : f_.own(ir::RoleId{q}, s).contributions)
        if ((c.kind != facts::Contribution::Kind::deny) == allow) out.push_back({c.rule, c.when, &c, {}});
    });
    return out;
  }

  std::vector<Rival> forbid_denies(std::optional<ir::RuleId> except_in_forbid) const {
    std::vector<Rival> out;
    for (std::uint32_t i = 0; i < p_.forbids.size(); ++i) {
      if (forbid_blind_[i]) continue;
      for (auto d : p_.forbids[i].denies)
        if (!except_in_forbid || d.value != except_in_forbid->value) out.push_back({d, p_.forbids[i].when.id, nullptr, ir::ForbidId{i}});
    }
    return out;
  }

  /// Removing `rule` changes no decision: surely (its rivals apply wherever it does), refuted by
  /// a request only it decides (`sole`), or else asked of the engine while its budget lasts.
  template <class Sole>
  bool redundant(ir::RuleId rule, bool surely, Sole&& sole) {
    if (surely) return true;
    if (sole()) return false;
    if (engine_runs_ >= kMaxEngineRuns) return false;
    ++engine_runs_;
    ir::Policy q = p_;
    mutate::remove_rule(q, rule);
    return same_decisions(f_, q) == Verdict::equivalent;
  }

  /// Condition `x` holds wherever `mine` holds (for permits: `true`, the same, or a conjunct).
  bool implies_true(ir::CondId mine, ir::CondId x) const {
    if (x == ir::kTrue || x == mine) return true;
    const auto& n = p_.conditions.node(mine);
    return n.op == ir::CondNode::Op::and_ && std::find(n.kids.begin(), n.kids.end(), x) != n.kids.end();
  }
  /// Condition `x` is not false wherever `mine` is not (for denies: `true`, the same, or `mine or ...`).
  bool implies_not_false(ir::CondId mine, ir::CondId x) const {
    if (x == ir::kTrue || x == mine) return true;
    const auto& n = p_.conditions.node(x);
    return n.op == ir::CondNode::Op::or_ && std::find(n.kids.begin(), n.kids.end(), mine) != n.kids.end();
  }
  /// Every requirement of `theirs` is met wherever all of `mine` are (one of mine at least as high).
  bool requirements_implied(const std::vector<ir::RequirementId>& mine, const std::vector<ir::RequirementId>& theirs) const {
    return std::all_of(theirs.begin(), theirs.end(), [&](ir::RequirementId t) {
      return std::any_of(mine.begin(), mine.end(), [&](ir::RequirementId m) { return f_.at_least(p_[m].level, p_[t].level); });
    });
  }
  std::vector<ir::RequirementId> all_requirements(const facts::Contribution& c) const {
    auto out = c.requirements;
    if (c.level) {
      const auto& wide = f_.level_requirements(*c.level);
      out.insert(out.end(), wide.begin(), wide.end());
    }
    return out;
  }

  /// The rivals in the same source that surely apply wherever `mine` does cover all of it.
  bool surely_covered(const ir::PermissionSet& mine, const std::vector<Rival>& rivals,
                      const std::function<bool(const Rival&)>& applies) const {
    ir::PermissionSet covered;
    for (const auto& x : rivals)
      if (applies(x)) covered |= p_[x.rule].permissions;
    return (mine - covered).empty();
  }

  /// A holder of `role` at `s` allowed (denied) the rule's permission by the rule alone, in some
  /// class of the inputs its conditions read: removing it flips that request.
  bool sole(ir::RuleId rule, ir::RoleId role, ir::OrgScope s, const std::vector<Rival>& rivals, bool allow) const {
    auto base = analysis::make_request(p_, analysis::first_kind(p_[role].holders), {role}, s, "");
    std::vector<ir::CondId> conds{p_[rule].when.id};
    for (const auto& x : rivals) conds.push_back(x.when);
    // At the principal's home, and from a home unrelated to the target, where automatic roles
    // give nothing: their access must not hide what the rule alone decides.
    std::vector<ir::Request> homes{base};
    base.principal.org = kElsewhere;
    homes.push_back(base);
    for (auto id : p_[rule].permissions.members()) {
      for (auto& h : homes) eval::set_permission(h, p_.permission_name(id));
      for (const auto& home : homes)
        for (const auto& ctx : analysis::contexts_for(p_, conds)) {
          auto q = home;
          q.context = ctx;
          const auto d = eval::decide(f_, q);
          if (d.allow != allow) continue;
          const auto e = allow ? eval::Effect::allow : eval::Effect::deny;
          bool only = true, beaten = false;
          for (const auto& r : d.reasons) {
            if (r.effect == e && (!r.rule || r.rule->value != rule.value)) only = false;
            if (r.code == eval::ReasonCode::overridden_permit || r.code == eval::ReasonCode::overridden_level) beaten = true;
          }
          if (only && (allow || beaten)) return true;
        }
      if (++sole_tries_ > kMaxSoleTries) return false;  // the engine decides what a few requests do not
    }
    return false;
  }

  Finding make(analysis::Check check, ir::RuleId rule, const std::vector<Rival>& rivals, const std::string& owner) const {
    Finding out;
    out.check = check;
    out.primary = p_[rule].span;
    for (const auto& x : rivals)
      out.related.push_back({p_[x.rule].span, check == analysis::Check::shadowed_permit ? "gives it too" : "removes it too"});
    out.permissions = p_[rule].permissions;
    out.args = {rule_name(p_, rule), owner, std::to_string(rivals.size()), rule_name(p_, rivals.front().rule)};
    return out;
  }

  /// A request of a holder of `role` at `s` asking the rule's first permission, decided `allow`
  /// and citing a rival (or, for a deny nothing allows, decided deny).
  std::optional<Query> witness(ir::RuleId rule, ir::RoleId role, ir::OrgScope s, const std::vector<Rival>& rivals, bool allow) const {
    const std::string perm = analysis::first_name(p_, p_[rule].permissions);
    const auto base = analysis::make_request(p_, analysis::first_kind(p_[role].holders), {role}, s, perm);
    std::vector<ir::CondId> conds{p_[rule].when.id};
    for (const auto& x : rivals) conds.push_back(x.when), conds.push_back(p_[x.rule].when.id);
    const auto e = allow ? eval::Effect::allow : eval::Effect::deny;
    if (auto q = find_query(f_, base, conds, allow, [&](const eval::Decision& d) { return cites(d, e, rivals, rule); })) return q;
    if (!allow) return find_query(f_, base, conds, allow, [](const eval::Decision&) { return true; });
    return std::nullopt;
  }

  void role_permit(ir::RoleId role, ir::OrgScope s, const facts::Contribution& c, std::vector<Finding>& out) {
    auto pool = closure_rules(role, s, true);
    std::vector<Rival> rivals;
    if (!rivals_of(c.rule, pool, rivals)) return;
    // A permit or level of the same closure applies wherever this one does, in the same source.
    const auto mine = all_requirements(c);
    const bool surely = surely_covered(*c.permissions, rivals, [&](const Rival& x) {
      return x.contribution && x.contribution->kind != facts::Contribution::Kind::deny &&
             implies_true(c.when, x.contribution->when) && requirements_implied(mine, all_requirements(*x.contribution));
    });
    sole_tries_ = 0;
    if (!redundant(c.rule, surely, [&] { return sole(c.rule, role, s, rivals, true); })) return;
    auto q = witness(c.rule, role, s, rivals, true);
    if (!q) return;
    auto fd = make(analysis::Check::shadowed_permit, c.rule, rivals, "role `" + p_[role].name + "`");
    fd.witness.chain = {{analysis::Step::Kind::hold, p_[role].name, "", p_[role].span}};
    fd.witness.queries = {*q};
    out.push_back(std::move(fd));
  }

  void level_permit(ir::LevelId level, ir::RuleId rule, std::vector<Finding>& out) {
    std::vector<Rival> pool;
    for (const auto& lp : f_.level_permits(level)) pool.push_back({lp.rule, p_[lp.rule].when.id, nullptr, {}});
    std::vector<Rival> rivals;
    if (!rivals_of(rule, pool, rivals)) return;
    // Another permit of the level applies wherever this one does: both come with the level.
    const facts::LevelPermit* me = nullptr;
    for (const auto& lp : f_.level_permits(level))
      if (lp.rule.value == rule.value) me = &lp;
    const bool surely = me && surely_covered(p_[rule].permissions, rivals, [&](const Rival& x) {
      if (x.contribution) return false;
      for (const auto& lp : f_.level_permits(level))
        if (lp.rule.value == x.rule.value && implies_true(p_[rule].when.id, p_[x.rule].when.id) &&
            requirements_implied(me->requirements, lp.requirements))
          return true;
      return false;
    });
    // The witness: a role that assigns the level, asked where it holds it.
    std::optional<std::pair<ir::RoleId, ir::OrgScope>> holder;
    for (std::uint32_t ri = 0; ri < p_.roles.size() && !holder; ++ri)
      for (auto s : ir::all_of<ir::OrgScope>())
        for (const auto& c : f_.own(ir::RoleId{ri}, s).contributions)
          if (!holder && c.kind == facts::Contribution::Kind::level && c.rule.value == rule.value) holder = {ir::RoleId{ri}, s};
    if (!holder) return;
    sole_tries_ = 0;
    if (!redundant(rule, surely, [&] { return sole(rule, holder->first, holder->second, rivals, true); })) return;
    for (std::uint32_t ri = 0; ri < p_.roles.size(); ++ri)
      for (auto s : ir::all_of<ir::OrgScope>())
        for (const auto& c : f_.own(ir::RoleId{ri}, s).contributions) {
          if (c.kind != facts::Contribution::Kind::level || c.rule.value != rule.value) continue;
          auto q = witness(rule, ir::RoleId{ri}, s, rivals, true);
          if (!q) continue;
          auto fd = make(analysis::Check::shadowed_permit, rule, rivals, "level `" + ir::level_name(p_, level) + "`");
          fd.witness.chain = {{analysis::Step::Kind::hold, p_.roles[ri].name, "", p_.roles[ri].span}};
          fd.witness.queries = {*q};
          out.push_back(std::move(fd));
          return;
        }
  }

  void role_deny(ir::RoleId role, ir::OrgScope s, const facts::Contribution& c, std::vector<Finding>& out) {
    auto pool = closure_rules(role, s, false);
    auto forbids = forbid_denies(std::nullopt);
    pool.insert(pool.end(), forbids.begin(), forbids.end());
    std::vector<Rival> rivals;
    if (!rivals_of(c.rule, pool, rivals)) return;
    // Another deny of the closure, or a forbid that selects every holder, applies wherever this one does.
    const bool surely = surely_covered(*c.permissions, rivals, [&](const Rival& x) {
      if (x.contribution) return implies_not_false(c.when, x.contribution->when);
      return x.forbid && selects_every_holder(p_[*x.forbid], role, s) && implies_not_false(c.when, p_[*x.forbid].when.id) &&
             implies_not_false(c.when, p_[x.rule].when.id);
    });
    // Under permissive a role's deny removes only from the sources of roles built on it: when none
    // of them may allow what it denies, it removes nothing in any request.
    bool dead = p_.combining == ir::Combining::permissive;
    for (std::uint32_t ci = 0; ci < p_.roles.size() && dead; ++ci)
      if (f_.reaches(ir::RoleId{ci}, role))
        f_.for_each_in_closure(ir::RoleId{ci}, [&](std::uint32_t q) { dead = dead && !f_.own(ir::RoleId{q}, s).may_allow.intersects(*c.permissions); });
    // The refuter asks in the classes of what it could beat, too.
    auto beatable = rivals;
    for (const auto& a : closure_rules(role, s, true))
      if (p_[a.rule].permissions.intersects(*c.permissions)) beatable.push_back(a);
    sole_tries_ = 0;
    if (!redundant(c.rule, surely || dead, [&] { return sole(c.rule, role, s, beatable, false); })) return;
    auto q = witness(c.rule, role, s, rivals, false);
    if (!q) return;
    auto fd = make(analysis::Check::redundant_deny, c.rule, rivals, "role `" + p_[role].name + "`");
    fd.witness.chain = {{analysis::Step::Kind::hold, p_[role].name, "", p_[role].span}};
    fd.witness.queries = {*q};
    out.push_back(std::move(fd));
  }

  void forbid_deny(ir::ForbidId forbid, ir::RuleId rule, std::vector<Finding>& out) {
    const auto& fb = p_[forbid];
    if (forbid_blind_[forbid.value]) return;
    std::vector<Rival> rivals;
    if (!rivals_of(rule, forbid_denies(rule), rivals)) return;
    // Another deny of the same forbid, or of a forbid selecting anyone, applies wherever this one does.
    const bool surely = surely_covered(p_[rule].permissions, rivals, [&](const Rival& x) {
      const auto& g = p_[*x.forbid];
      const bool wider = x.forbid->value == forbid.value ||
                         std::any_of(g.applies_to.begin(), g.applies_to.end(), [](const ir::Selector& sel) { return sel.kind == ir::Selector::Kind::anyone; });
      const auto mine = p_[rule].when.id;
      return wider && (implies_not_false(mine, g.when.id) || implies_not_false(fb.when.id, g.when.id)) &&
             (implies_not_false(mine, p_[x.rule].when.id) || implies_not_false(fb.when.id, p_[x.rule].when.id));
    });
    // A forbid's deny has no one holder to refute it with cheaply: the engine, within its budget.
    if (!redundant(rule, surely, [] { return false; })) return;
    // The witness: a principal the forbid selects, asking the rule's first permission.
    const std::string perm = analysis::first_name(p_, p_[rule].permissions);
    std::optional<ir::Request> base;
    for (const auto& sel : fb.applies_to) {
      if (sel.kind == ir::Selector::Kind::anyone) base = analysis::make_request(p_, ir::PrincipalKind::internal, {}, ir::OrgScope::self, perm);
      if (sel.kind == ir::Selector::Kind::principal_kind) base = analysis::make_request(p_, sel.principal_kind, {}, ir::OrgScope::self, perm);
      if (sel.kind == ir::Selector::Kind::role)
        base = analysis::make_request(p_, analysis::first_kind(p_[sel.role].holders), {sel.role}, ir::OrgScope::self, perm);
      if (base) break;
    }
    if (!base) return;
    std::vector<ir::CondId> conds{fb.when.id, p_[rule].when.id};
    for (const auto& x : rivals) conds.push_back(x.when), conds.push_back(p_[x.rule].when.id);
    auto q = find_query(f_, *base, conds, false, [&](const eval::Decision& d) { return cites(d, eval::Effect::deny, rivals, rule); });
    if (!q) q = find_query(f_, *base, conds, false, [](const eval::Decision&) { return true; });
    if (!q) return;
    auto fd = make(analysis::Check::redundant_deny, rule, rivals, "forbid `" + fb.name + "`");
    fd.witness.queries = {*q};
    out.push_back(std::move(fd));
  }

  /// `fb` selects every principal holding `role` (at any organization, docs/semantics.md §5.3).
  bool selects_every_holder(const ir::Forbid& fb, ir::RoleId role, ir::OrgScope s) const {
    const auto& holders = p_[role].holders;
    for (const auto& sel : fb.applies_to) {
      switch (sel.kind) {
        case ir::Selector::Kind::anyone: return true;
        case ir::Selector::Kind::role:
          if (f_.reaches(role, sel.role)) return true;
          break;
        case ir::Selector::Kind::principal_kind:
          if (holders.size() == 1 && holders.front() == sel.principal_kind) return true;
          break;
        case ir::Selector::Kind::level:
          for (const auto& la : f_.own(role, s).levels)
            if (la.level.value == sel.level.value) return true;
          break;
        case ir::Selector::Kind::template_: break;
      }
    }
    return false;
  }

  /// Engine runs per policy: each is a whole-policy comparison (about a second on a 2,000-role
  /// policy), so candidates the cheaper paths do not settle beyond these stay silent
  /// (docs/checks.md, A024 "Scale").
  static constexpr std::size_t kMaxEngineRuns = 4;
  /// Permissions of one rule the refuter tries before leaving it to the engine.
  static constexpr std::size_t kMaxSoleTries = 8;
  std::size_t engine_runs_ = 0;
  mutable std::size_t sole_tries_ = 0;

  const facts::Facts& f_;
  const ir::Policy& p_;
  std::vector<bool> forbid_blind_;
};

}  // namespace

std::vector<analysis::Finding> redundant_rules(const facts::Facts& facts) {
  std::vector<analysis::Finding> out;
  Checker c(facts);
  c.role_rules(out);
  c.level_rules(out);
  c.forbid_rules(out);
  return out;
}

}  // namespace writ::equiv
