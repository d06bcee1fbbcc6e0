// See mutants.hpp. Removals erase an id from the list that holds it (ids stay valid); a forbid's
// `covers` is recomputed from its denies, since the facts and the diff read it.
#include "compiler/mutate/mutants.hpp"

#include <algorithm>

#include "compiler/ir/print.hpp"
#include "compiler/ir/vocabulary.hpp"

namespace writ::mutate {

namespace {

template <class T>
std::vector<T> without(std::vector<T> v, std::size_t i) {
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
  return v;
}

void recompute_covers(ir::Policy& p, ir::Forbid& f) {
  f.covers = ir::PermissionSet{};
  for (auto d : f.denies) f.covers |= p.rules[d.value].permissions;
}

/// Every permission of the module `perm` belongs to.
ir::PermissionSet module_permissions(const ir::Policy& p, ir::PermissionId perm) {
  ir::PermissionSet out;
  for (std::uint32_t i = 0; i < p.permission_count(); ++i)
    if (p.permissions[i].module == p[perm].module) out.insert(ir::PermissionId{i});
  return out;
}

/// Every action of the resources `set` names.
ir::PermissionSet all_actions(const ir::Policy& p, const ir::PermissionSet& set) {
  ir::PermissionSet out;
  std::vector<bool> resource(p.resources.size(), false);
  for (auto id : set.members()) resource[p[id].resource.value] = true;
  for (std::uint32_t i = 0; i < p.permission_count(); ++i)
    if (resource[p.permissions[i].resource.value]) out.insert(ir::PermissionId{i});
  return out;
}

void erase_id(std::vector<ir::RuleId>& v, ir::RuleId r) {
  v.erase(std::remove(v.begin(), v.end(), r), v.end());
}

class Maker {
 public:
  Maker(const ir::Policy& p, const std::function<void(Mutant&&)>& f) : p_(p), f_(f) {}

  template <class Edit>
  void make(std::string op, std::string description, const Span& span, Edit&& edit) {
    Mutant m{std::move(op), std::move(description), span, p_};
    edit(m.policy);
    f_(std::move(m));
  }

 private:
  const ir::Policy& p_;
  const std::function<void(Mutant&&)>& f_;
};

void rule_mutants(const ir::Policy& p, Maker& m) {
  for (std::uint32_t i = 0; i < p.rules.size(); ++i) {
    const ir::Rule& r = p.rules[i];
    const bool permit = r.kind == ir::RuleKind::role_permit || r.kind == ir::RuleKind::level_permit;
    if (!r.when.always())
      m.make("drop-condition", "drop `when " + ir::condition_text(p, r.when.id) + "` of " + r.key, r.span,
             [i](ir::Policy& q) { q.rules[i].when = ir::Condition{}; });
    for (std::size_t k = 0; k < r.requirements.size(); ++k)
      m.make("drop-requirement", "drop `requires " + ir::requirement_text(p, r.requirements[k]) + "` of " + r.key, r.span,
             [i, k](ir::Policy& q) { q.rules[i].requirements = without(q.rules[i].requirements, k); });
    if (!permit || r.permissions.empty()) continue;
    const auto first = r.permissions.members().front();
    const auto module = module_permissions(p, first);
    if (!(module == r.permissions))
      m.make("widen-module", "widen " + r.key + " to its whole module", r.span,
             [i, module](ir::Policy& q) { q.rules[i].permissions = module; });
    const auto actions = all_actions(p, r.permissions);
    if (!(actions == r.permissions) && !(actions == module))
      m.make("widen-actions", "widen " + r.key + " to every action of its resources", r.span,
             [i, actions](ir::Policy& q) { q.rules[i].permissions = actions; });
    const auto members = r.permissions.members();
    if (members.size() > 1) {
      const auto last = members.back();
      m.make("narrow", "narrow " + r.key + " by `" + p.permission_name(last) + "`", r.span, [i, last](ir::Policy& q) {
        ir::PermissionSet s;
        for (auto id : q.rules[i].permissions.members())
          if (!(id == last)) s.insert(id);
        q.rules[i].permissions = s;
      });
    }
  }
}

void role_mutants(const ir::Policy& p, Maker& m) {
  for (std::uint32_t i = 0; i < p.roles.size(); ++i) {
    const ir::Role& role = p.roles[i];
    for (auto scope : ir::all_of<ir::OrgScope>()) {
      const auto s = static_cast<std::size_t>(scope);
      const auto& at = role.at[s];
      for (std::size_t k = 0; k < at.permits.size(); ++k)
        m.make("remove-rule", "remove " + p[at.permits[k]].key, p[at.permits[k]].span,
               [r = at.permits[k]](ir::Policy& q) { remove_rule(q, r); });
      for (std::size_t k = 0; k < at.denies.size(); ++k)
        m.make("remove-deny", "remove " + p[at.denies[k]].key, p[at.denies[k]].span,
               [r = at.denies[k]](ir::Policy& q) { remove_rule(q, r); });
      for (std::size_t k = 0; k < at.levels.size(); ++k) {
        const auto& la = at.levels[k];
        for (std::uint32_t l = 0; l < p.levels.size(); ++l) {
          if (l == la.level.value || !(p.levels[l].module == la.module)) continue;
          m.make("swap-level",
                 "role " + role.name + " at " + std::string(ir::name(scope)) + ": level " + ir::level_name(p, la.level) +
                     " -> " + ir::level_name(p, ir::LevelId{l}),
                 la.span, [i, s, k, l](ir::Policy& q) { q.roles[i].at[s].levels[k].level = ir::LevelId{l}; });
        }
      }
    }
    if (role.holders.size() > 1)
      for (std::size_t k = 0; k < role.holders.size(); ++k)
        m.make("drop-holder", "role " + role.name + ": drop holder kind " + std::string(ir::name(role.holders[k])), role.span,
               [i, k](ir::Policy& q) { q.roles[i].holders = without(q.roles[i].holders, k); });
    for (std::size_t k = 0; k < role.assigned_by.size(); ++k) {
      const auto& a = p[role.assigned_by[k]];
      if (a.automatic) continue;  // an automatic role unassigned is a different kind of role, not a step
      m.make("remove-edge", "remove " + a.key, a.span,
             [i, k](ir::Policy& q) { q.roles[i].assigned_by = without(q.roles[i].assigned_by, k); });
    }
  }
}

void level_mutants(const ir::Policy& p, Maker& m) {
  for (std::uint32_t i = 0; i < p.levels.size(); ++i) {
    const ir::Level& l = p.levels[i];
    for (std::size_t k = 0; k < l.permits.size(); ++k)
      m.make("remove-rule", "remove " + p[l.permits[k]].key, p[l.permits[k]].span,
             [r = l.permits[k]](ir::Policy& q) { remove_rule(q, r); });
    for (std::size_t k = 0; k < l.requirements.size(); ++k)
      m.make("drop-requirement", "level " + ir::level_name(p, ir::LevelId{i}) + ": drop `requires " +
                                     ir::requirement_text(p, l.requirements[k]) + "`",
             l.span, [i, k](ir::Policy& q) { q.levels[i].requirements = without(q.levels[i].requirements, k); });
  }
}

void forbid_mutants(const ir::Policy& p, Maker& m) {
  for (std::uint32_t i = 0; i < p.forbids.size(); ++i) {
    const ir::Forbid& f = p.forbids[i];
    m.make("remove-forbid", "remove forbid " + f.name, f.span, [i](ir::Policy& q) {
      q.forbids[i].denies.clear();
      recompute_covers(q, q.forbids[i]);
    });
    if (f.denies.size() > 1)
      for (std::size_t k = 0; k < f.denies.size(); ++k)
        m.make("remove-deny", "remove " + p[f.denies[k]].key, p[f.denies[k]].span,
               [r = f.denies[k]](ir::Policy& q) { remove_rule(q, r); });
    if (!f.when.always())
      m.make("drop-condition", "forbid " + f.name + ": drop `when " + ir::condition_text(p, f.when.id) + "`", f.span,
             [i](ir::Policy& q) { q.forbids[i].when = ir::Condition{}; });
  }
}

void template_mutants(const ir::Policy& p, Maker& m) {
  for (std::uint32_t i = 0; i < p.templates.size(); ++i) {
    const ir::GrantTemplate& t = p.templates[i];
    const std::string who = "template " + t.name + ": ";
    if (t.ceiling_grantor)
      m.make("drop-ceiling", who + "drop `ceiling grantor`", t.span, [i](ir::Policy& q) { q.templates[i].ceiling_grantor = false; });
    if (t.max_duration)
      m.make("lengthen-maximum", who + "double the maximum duration", t.span,
             [i](ir::Policy& q) { *q.templates[i].max_duration *= 2; });
    for (std::size_t k = 0; k < t.preconditions.size(); ++k)
      m.make("drop-condition", who + "drop precondition `" + ir::condition_text(p, t.preconditions[k].id) + "`", t.span,
             [i, k](ir::Policy& q) { q.templates[i].preconditions = without(q.templates[i].preconditions, k); });
    if (!t.scope_when.always())
      m.make("drop-condition", who + "drop `scope when " + ir::condition_text(p, t.scope_when.id) + "`", t.span,
             [i](ir::Policy& q) { q.templates[i].scope_when = ir::Condition{}; });
    for (std::size_t k = 0; k < t.denies.size(); ++k)
      m.make("remove-deny", "remove " + p[t.denies[k]].key, p[t.denies[k]].span,
             [r = t.denies[k]](ir::Policy& q) { remove_rule(q, r); });
    for (std::size_t k = 0; k < t.granted_by.size(); ++k)
      m.make("remove-edge", "remove " + p[t.granted_by[k]].key, p[t.granted_by[k]].span,
             [i, k](ir::Policy& q) { q.templates[i].granted_by = without(q.templates[i].granted_by, k); });
    if (t.grantee_kinds.size() > 1)
      for (std::size_t k = 0; k < t.grantee_kinds.size(); ++k)
        m.make("drop-holder", who + "drop grantee kind " + std::string(ir::name(t.grantee_kinds[k])), t.span,
               [i, k](ir::Policy& q) { q.templates[i].grantee_kinds = without(q.templates[i].grantee_kinds, k); });
  }
  for (std::uint32_t i = 0; i < p.authorizers.size(); ++i)
    if (!p.authorizers[i].when.always())
      m.make("drop-condition", "drop `when " + ir::condition_text(p, p.authorizers[i].when.id) + "` of " + p.authorizers[i].key,
             p.authorizers[i].span, [i](ir::Policy& q) { q.authorizers[i].when = ir::Condition{}; });
}

}  // namespace

void remove_rule(ir::Policy& q, ir::RuleId r) {
  const ir::Rule& rule = q[r];
  switch (rule.kind) {
    case ir::RuleKind::role_permit: erase_id(q.roles[rule.role.value].at[static_cast<std::size_t>(rule.scope)].permits, r); break;
    case ir::RuleKind::role_deny: erase_id(q.roles[rule.role.value].at[static_cast<std::size_t>(rule.scope)].denies, r); break;
    case ir::RuleKind::level_permit: erase_id(q.levels[rule.level.value].permits, r); break;
    case ir::RuleKind::forbid_deny: {
      auto& f = q.forbids[rule.forbid.value];
      erase_id(f.denies, r);
      recompute_covers(q, f);
      break;
    }
    case ir::RuleKind::template_deny: erase_id(q.templates[rule.template_.value].denies, r); break;
  }
}

void for_each_mutant(const ir::Policy& p, const std::function<void(Mutant&&)>& f) {
  Maker m(p, f);
  rule_mutants(p, m);
  role_mutants(p, m);
  level_mutants(p, m);
  forbid_mutants(p, m);
  template_mutants(p, m);
  m.make("flip-combining",
         std::string("combining ") + std::string(ir::name(p.combining)) + " -> " +
             (p.combining == ir::Combining::permissive ? "deny_overrides" : "permissive"),
         p.span, [](ir::Policy& q) {
           q.combining = q.combining == ir::Combining::permissive ? ir::Combining::deny_overrides : ir::Combining::permissive;
         });
}

}  // namespace writ::mutate
