// See naive.hpp. Each function names the section of docs/semantics.md it reads. Nothing here is
// clever: closures are walked again at every use, requirements re-evaluated at every permit.
#include "tests/unit/eval/naive.hpp"

#include <algorithm>
#include <set>

namespace writ::naive {
namespace {

using ir::Truth;
enum class Rel { self, descendant, unrelated };

bool kind_in(const std::vector<ir::PrincipalKind>& kinds, ir::PrincipalKind k, bool empty_means_all) {
  if (kinds.empty()) return empty_means_all;
  return std::find(kinds.begin(), kinds.end(), k) != kinds.end();
}

/// One source of access (§2): a role held at an organization, or a grant's custom permissions.
struct Source {
  enum class Kind { binding, automatic, grant_role, grant_custom, implicit } kind = Kind::binding;
  std::optional<ir::RoleId> role;
  Rel rel = Rel::unrelated;
  int grant = -1;
  ir::PermissionSet custom;
};

class Naive {
 public:
  Naive(const ir::Policy& p, const ir::Request& r, ir::Principal who, bool with_grants)
      : P(p), R(r), who_(std::move(who)), with_grants_(with_grants) {
    T = R.target_org;
    has_grant_ = false;
    if (with_grants_)
      for (const auto& g : who_.grants) has_grant_ = has_grant_ || live(g);
    collect();
  }

  bool decide(ir::PermissionId perm) {
    p_ = perm;
    const bool permissive = P.combining == ir::Combining::permissive;
    bool some_ok = false, some_allow = false, some_deny = false;
    for (const Source& s : sources_) {
      if (s.rel == Rel::unrelated) continue;
      bool a = allow_of(s), d = deny_of(s);
      if (a && !d) some_ok = true;
      some_allow = some_allow || a;
      some_deny = some_deny || d;
    }
    const bool allowed = permissive ? some_ok : (some_allow && !some_deny);
    return allowed && !forbidden();
  }

 private:
  // §1.1
  Rel rel(const std::string& h) const {
    if (h == T) return Rel::self;
    if (!R.org_parents) return Rel::unrelated;
    const ir::OrgTree& tree = *R.org_parents;
    std::string cur = T;
    std::set<std::string> seen{cur};
    while (true) {
      auto it = tree.find(cur);
      if (it == tree.end() || it->second.empty()) return Rel::unrelated;
      cur = it->second;
      if (!seen.insert(cur).second) return Rel::unrelated;  // a cycle: malformed
      if (cur == h) {
        // A cycle further up still makes the tree malformed.
        std::string up = cur;
        while (true) {
          auto jt = tree.find(up);
          if (jt == tree.end() || jt->second.empty()) return Rel::descendant;
          up = jt->second;
          if (!seen.insert(up).second) return Rel::unrelated;
        }
      }
    }
  }
  const std::string& or_T(const std::string& org) const { return org.empty() ? T : org; }

  // §5.1: what an input reads.
  std::optional<ir::Value> read(const ir::Input& in, std::optional<Rel> where) const {
    switch (in.kind) {
      case ir::InputKind::attribute: {
        const ir::Attribute& a = P.attributes.at(in.attribute.value);
        std::optional<ir::Value> v;
        auto it = R.context.find(a.name);
        if (it != R.context.end()) v = it->second;
        else v = a.default_value;
        if (!v) return std::nullopt;
        if (a.type == ir::AttributeType::boolean && !std::holds_alternative<bool>(*v)) return std::nullopt;
        if (a.type == ir::AttributeType::integer && !std::holds_alternative<std::int64_t>(*v)) return std::nullopt;
        if (a.type == ir::AttributeType::string && !std::holds_alternative<std::string>(*v)) return std::nullopt;
        if (a.type == ir::AttributeType::enumeration) {
          if (!std::holds_alternative<std::string>(*v)) return std::nullopt;
          const auto& s = std::get<std::string>(*v);
          if (std::find(a.enum_values.begin(), a.enum_values.end(), s) == a.enum_values.end()) return std::nullopt;
        }
        return v;
      }
      case ir::InputKind::principal_kind: return ir::Value{std::string(ir::name(who_.kind))};
      case ir::InputKind::principal_named: return ir::Value{who_.named};
      case ir::InputKind::principal_has_grant: return ir::Value{has_grant_};
      case ir::InputKind::principal_is_owner:
        if (!R.resource_owner || who_.id.empty()) return std::nullopt;
        return ir::Value{*R.resource_owner == who_.id};
      case ir::InputKind::target_relation:
        if (!where || *where == Rel::unrelated) return std::nullopt;
        return ir::Value{std::string(*where == Rel::self ? "self" : "descendant")};
    }
    return std::nullopt;
  }

  // §5.1: Kleene logic, written out as the table says.
  Truth eval(ir::CondId c, std::optional<Rel> where) const {
    const ir::CondNode& n = P.conditions.node(c);
    switch (n.op) {
      case ir::CondNode::Op::true_: return Truth::true_;
      case ir::CondNode::Op::false_: return Truth::false_;
      case ir::CondNode::Op::atom: {
        const ir::Atom& a = P.conditions.atom_of(n.atom);
        auto v = read(a.input, where);
        if (!v) return Truth::unknown;
        const bool in = std::find(a.values.begin(), a.values.end(), *v) != a.values.end();
        return in != a.negated ? Truth::true_ : Truth::false_;
      }
      case ir::CondNode::Op::and_: {
        bool any_false = false, any_unknown = false;
        for (auto k : n.kids) {
          Truth t = eval(k, where);
          any_false = any_false || t == Truth::false_;
          any_unknown = any_unknown || t == Truth::unknown;
        }
        return any_false ? Truth::false_ : any_unknown ? Truth::unknown : Truth::true_;
      }
      case ir::CondNode::Op::or_: {
        bool any_true = false, any_unknown = false;
        for (auto k : n.kids) {
          Truth t = eval(k, where);
          any_true = any_true || t == Truth::true_;
          any_unknown = any_unknown || t == Truth::unknown;
        }
        return any_true ? Truth::true_ : any_unknown ? Truth::unknown : Truth::false_;
      }
    }
    return Truth::unknown;
  }
  bool holds(const ir::Condition& c, std::optional<Rel> where) const { return eval(c.id, where) == Truth::true_; }
  bool not_false(const ir::Condition& c, std::optional<Rel> where) const { return eval(c.id, where) != Truth::false_; }

  // §3.1: the reflexive-transitive closure of `extends`, walked afresh.
  std::vector<ir::RoleId> closure(ir::RoleId r) const {
    std::vector<ir::RoleId> out{r}, worklist{r};
    while (!worklist.empty()) {
      ir::RoleId q = worklist.back();
      worklist.pop_back();
      for (ir::RoleId e : P[q].extends)
        if (std::find(out.begin(), out.end(), e) == out.end()) {
          out.push_back(e);
          worklist.push_back(e);
        }
    }
    return out;
  }
  bool extends_or_is(ir::RoleId held, ir::RoleId wanted) const {
    auto c = closure(held);
    return std::find(c.begin(), c.end(), wanted) != c.end();
  }

  // §2.2
  bool may_hold(ir::RoleId r) const {
    const ir::Role& role = P[r];
    return kind_in(role.holders, who_.kind, false) && (!role.named_accounts || who_.named);
  }

  // §6.1 checks 1-5 (everything but the scope).
  bool live_but_scope(const ir::GrantInstance& g) const {
    auto tid = P.find(P.template_by_name, g.template_name);
    if (!tid) return false;
    const ir::GrantTemplate& t = P[*tid];
    if (g.revoked) return false;
    using W = __int128;
    const W at = R.at;
    if (g.valid_from && at < *g.valid_from) return false;
    if (t.valid_to == ir::Presence::required && !g.valid_to) return false;
    std::optional<W> end;
    if (g.valid_to) end = *g.valid_to;
    else if (g.valid_from && t.default_duration) end = W(*g.valid_from) + *t.default_duration;
    if (end && at >= *end) return false;
    if (t.max_duration) {
      std::optional<W> start;
      if (g.valid_from) start = *g.valid_from;
      else if (g.valid_to) start = W(*g.valid_to) - *t.max_duration;
      if (!start) return false;
      if (at < *start || at >= *start + *t.max_duration) return false;
    }
    return kind_in(t.grantee_kinds, who_.kind, true);
  }
  // §6.1 check 6.
  bool live(const ir::GrantInstance& g) const {
    if (!live_but_scope(g)) return false;
    const ir::GrantTemplate& t = P[*P.find(P.template_by_name, g.template_name)];
    Rel r = rel(or_T(g.org));
    return t.org_scope == ir::OrgScope::self ? r == Rel::self : r != Rel::unrelated;
  }

  bool assigned_holds_one_of(const std::vector<ir::RoleId>& roles) const {
    for (const Source& s : sources_)
      if ((s.kind == Source::Kind::binding || s.kind == Source::Kind::automatic) && s.role)
        for (ir::RoleId r : roles)
          if (extends_or_is(*s.role, r)) return true;
    return false;
  }

  void collect() {
    // §2.2 bindings
    for (const auto& b : who_.roles) {
      auto r = P.find(P.role_by_name, b.role);
      if (!r || !may_hold(*r)) continue;
      Source s;
      s.role = r;
      s.rel = rel(or_T(b.org));
      sources_.push_back(s);
    }
    // §2.3 automatic roles, at the home organization
    for (std::uint32_t i = 0; i < P.roles.size(); ++i) {
      if (!P.roles[i].automatic || !may_hold(ir::RoleId{i})) continue;
      Source s;
      s.kind = Source::Kind::automatic;
      s.role = ir::RoleId{i};
      s.rel = rel(or_T(who_.org));
      sources_.push_back(s);
    }
    if (!with_grants_) return;
    // §6.1 grants
    for (std::size_t gi = 0; gi < who_.grants.size(); ++gi) {
      const auto& g = who_.grants[gi];
      if (!live(g)) continue;
      const ir::GrantTemplate& t = P[*P.find(P.template_by_name, g.template_name)];
      const Rel gr = rel(or_T(g.org));
      if (!holds(t.scope_when, gr)) continue;
      bool pre = true;
      for (const auto& c : t.preconditions) pre = pre && holds(c, std::nullopt);  // §4: no place for a precondition
      if (!pre) continue;
      if (!t.grantee_requires.empty() && !assigned_holds_one_of(t.grantee_requires)) continue;
      for (const auto& name : g.roles) {
        auto r = P.find(P.role_by_name, name);
        if (!r) continue;
        if (std::find(t.grantable_roles.begin(), t.grantable_roles.end(), *r) == t.grantable_roles.end()) continue;
        if (!may_hold(*r)) continue;
        Source s;
        s.kind = Source::Kind::grant_role;
        s.role = r;
        s.rel = gr;
        s.grant = static_cast<int>(gi);
        sources_.push_back(s);
      }
      if (g.custom.empty() || !t.custom) continue;
      bool ok = true;
      ir::PermissionSet set;
      for (const auto& c : g.custom) {
        if (!c.permissions || c.permissions->empty()) ok = false;
        else set |= *c.permissions;
      }
      if (!ok) continue;
      Source s;
      s.kind = Source::Kind::grant_custom;
      s.rel = gr;  // live: within the grant's scope, so it reaches T
      s.grant = static_cast<int>(gi);
      s.custom = set;
      sources_.push_back(s);
    }
    // §6.3 implicit grants, where their triggers are
    for (const auto& trig : who_.triggers) {
      auto id = P.find(P.implicit_by_name, trig.implicit);
      if (!id) continue;
      const ir::ImplicitGrant& ig = P[*id];
      const Rel r = rel(or_T(trig.org));
      if (r == Rel::unrelated) continue;
      if (!kind_in(ig.grantee_kinds, who_.kind, true)) continue;
      if (!ig.grantee_roles.empty() && !assigned_holds_one_of(ig.grantee_roles)) continue;
      if (!holds(ig.when, r)) continue;
      for (ir::RoleId role : ig.grants_roles) {
        if (!may_hold(role)) continue;
        Source s;
        s.kind = Source::Kind::implicit;
        s.role = role;
        s.rel = r;
        sources_.push_back(s);
      }
    }
  }

  static ir::OrgScope scope(Rel r) { return r == Rel::self ? ir::OrgScope::self : ir::OrgScope::descendants; }

  // §3.4: levels held at T, by every reaching source.
  std::vector<ir::LevelId> held_levels() const {
    std::vector<ir::LevelId> out;
    for (const Source& s : sources_) {
      if (!s.role || s.rel == Rel::unrelated) continue;
      for (ir::RoleId q : closure(*s.role))
        for (const auto& la : P[q].at[static_cast<int>(scope(s.rel))].levels) out.push_back(la.level);
    }
    return out;
  }
  bool at_least(ir::LevelId a, ir::LevelId b) const {
    std::vector<ir::LevelId> seen{a}, worklist{a};
    while (!worklist.empty()) {
      ir::LevelId l = worklist.back();
      worklist.pop_back();
      if (l == b) return true;
      std::vector<ir::LevelId> next = P[l].above;
      next.insert(next.end(), P[l].includes.begin(), P[l].includes.end());
      for (ir::LevelId n : next)
        if (std::find(seen.begin(), seen.end(), n) == seen.end()) {
          seen.push_back(n);
          worklist.push_back(n);
        }
    }
    return false;
  }
  std::vector<ir::RequirementId> level_wide(ir::LevelId l) const {
    std::vector<ir::RequirementId> out = P[l].requirements;
    if (P[l].readonly_of) {
      auto more = level_wide(*P[l].readonly_of);
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  }
  bool effective(ir::LevelId l, std::vector<ir::LevelId> path) const {
    if (std::find(path.begin(), path.end(), l) != path.end()) return false;  // depends on itself: unmet
    path.push_back(l);
    for (auto req : level_wide(l))
      if (!requirement(req, path)) return false;
    return true;
  }
  bool requirement(ir::RequirementId id, const std::vector<ir::LevelId>& path) const {
    const ir::Requirement& req = P[id];
    for (ir::LevelId h : held_levels())
      if (P[h].module == req.module && at_least(h, req.level) && effective(h, path)) return true;
    return false;
  }
  bool requirements(const std::vector<ir::RequirementId>& reqs) const {
    for (auto r : reqs)
      if (!requirement(r, {})) return false;
    return true;
  }
  bool is_read(ir::PermissionId p) const { return P[P[p].action].action_class == ir::ActionClass::read; }
  // §3.2, §3.3: does level l give p (its permits with their conditions, derived and included ones)?
  bool level_gives(ir::LevelId l, Rel where) const {
    if (!effective(l, {})) return false;
    for (ir::RuleId rid : P[l].permits) {
      const ir::Rule& rule = P[rid];
      if (rule.permissions.contains(p_) && holds(rule.when, where) && requirements(rule.requirements)) return true;
    }
    if (P[l].readonly_of && is_read(p_) && level_gives(*P[l].readonly_of, where)) return true;
    for (ir::LevelId k : P[l].includes)
      if (level_gives(k, where)) return true;
    return false;
  }

  const ir::GrantTemplate* template_of(const Source& s) const {
    if (s.grant < 0) return nullptr;
    return &P[*P.find(P.template_by_name, who_.grants[s.grant].template_name)];
  }

  // §2: allowS
  bool allow_of(const Source& s) const {
    bool a = false;
    if (s.role) {
      const int sc = static_cast<int>(scope(s.rel));
      for (ir::RoleId q : closure(*s.role)) {
        for (ir::RuleId rid : P[q].at[sc].permits) {
          const ir::Rule& rule = P[rid];
          if (rule.permissions.contains(p_) && holds(rule.when, s.rel) && requirements(rule.requirements)) a = true;
        }
        for (const auto& la : P[q].at[sc].levels)
          if (level_gives(la.level, s.rel)) a = true;
      }
    }
    if (s.kind == Source::Kind::grant_custom && s.custom.contains(p_)) a = true;
    if (a && template_of(s) && template_of(s)->ceiling_grantor) a = grantor_allows_p(who_.grants[s.grant]);
    return a;
  }
  // §2: denyS
  bool deny_of(const Source& s) const {
    if (s.role) {
      const int sc = static_cast<int>(scope(s.rel));
      for (ir::RoleId q : closure(*s.role))
        for (ir::RuleId rid : P[q].at[sc].denies)
          if (P[rid].permissions.contains(p_) && not_false(P[rid].when, s.rel)) return true;
    }
    if (const ir::GrantTemplate* t = template_of(s))
      for (ir::RuleId rid : t->denies)
        if (P[rid].permissions.contains(p_) && not_false(P[rid].when, s.rel)) return true;
    return false;
  }

  // §5.3
  bool selects(const ir::Selector& sel) const {
    switch (sel.kind) {
      case ir::Selector::Kind::anyone: return true;
      case ir::Selector::Kind::principal_kind: return who_.kind == sel.principal_kind;
      case ir::Selector::Kind::role:
        for (const Source& s : sources_)
          if (s.role && extends_or_is(*s.role, sel.role)) return true;
        return false;
      case ir::Selector::Kind::template_:
        if (!with_grants_) return false;
        for (const auto& g : who_.grants) {
          auto tid = P.find(P.template_by_name, g.template_name);
          if (tid && *tid == sel.template_ && live_but_scope(g)) return true;
        }
        return false;
      case ir::Selector::Kind::level: {
        auto held = held_levels();
        return std::find(held.begin(), held.end(), sel.level) != held.end();
      }
    }
    return false;
  }
  bool forbidden() const {
    for (const ir::Forbid& f : P.forbids) {
      if (std::none_of(f.applies_to.begin(), f.applies_to.end(), [&](const ir::Selector& s) { return selects(s); })) continue;
      if (!not_false(f.when, std::nullopt)) continue;
      for (ir::RuleId rid : f.denies)
        if (P[rid].permissions.contains(p_) && not_false(P[rid].when, std::nullopt)) return true;
    }
    return false;
  }

  bool grantor_allows_p(const ir::GrantInstance& g) const {
    ir::Principal grantor;
    grantor.kind = g.grantor_kind;
    grantor.named = g.grantor_named;
    grantor.roles = g.grantor_roles;
    Naive other(P, R, grantor, false);
    return other.decide(p_);
  }

  const ir::Policy& P;
  const ir::Request& R;
  ir::Principal who_;
  bool with_grants_;
  std::string T;
  bool has_grant_ = false;
  std::vector<Source> sources_;
  ir::PermissionId p_{};
};

std::optional<ir::PermissionId> permission(const ir::Policy& P, const ir::Request& R) {
  if (!P.find(P.module_by_name, R.module)) return std::nullopt;
  auto res = P.find(P.resource_by_path, R.module + "/" + R.resource);
  auto act = P.find(P.action_by_name, R.module + ":" + R.action);
  if (!res || !act) return std::nullopt;
  for (std::uint32_t i = 0; i < P.permissions.size(); ++i)
    if (P.permissions[i].resource == *res && P.permissions[i].action == *act) return ir::PermissionId{i};
  return std::nullopt;
}

}  // namespace

bool decide(const ir::Policy& policy, const ir::Request& request) {
  auto p = permission(policy, request);
  if (!p) return false;
  return Naive(policy, request, request.principal, true).decide(*p);
}

bool grantor_allows(const ir::Policy& policy, const ir::Request& request, const ir::GrantInstance& grant) {
  auto p = permission(policy, request);
  if (!p) return false;
  ir::Principal grantor;
  grantor.kind = grant.grantor_kind;
  grantor.named = grant.grantor_named;
  grantor.roles = grant.grantor_roles;
  return Naive(policy, request, grantor, false).decide(*p);
}

}  // namespace writ::naive
