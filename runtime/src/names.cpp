// Code names (the same spellings as compiler/eval/codes.def), the by-name decision form, and
// may_assign (§8). By-name requests resolve into fixed arrays on the stack: no allocation.
#include "engine.hpp"

namespace writ::runtime {

const char* code_name(Code c) {
  switch (c) {
    case Code::permit: return "permit";
    case Code::level: return "level";
    case Code::grant_custom: return "grant_custom";
    case Code::assigner: return "assigner";
    case Code::no_rule: return "no_rule";
    case Code::role_deny: return "role_deny";
    case Code::template_deny: return "template_deny";
    case Code::forbid: return "forbid";
    case Code::above_grantor_access: return "above_grantor_access";
    case Code::unknown_module: return "unknown_module";
    case Code::unknown_resource: return "unknown_resource";
    case Code::unknown_action: return "unknown_action";
    case Code::no_assigner: return "no_assigner";
    case Code::automatic_role: return "automatic_role";
    case Code::unknown_role: return "unknown_role";
    case Code::no_table: return "no_table";
    case Code::limit_exceeded: return "limit_exceeded";
  }
  return "?";
}

const char* violation_name(Violation v) {
  static const char* const names[kViolationCount] = {
      "unknown_template", "grantor_not_allowed", "grantee_kind_not_allowed", "grantee_role_missing", "named_account_required",
      "unknown_role", "role_not_grantable", "custom_not_allowed", "unknown_permission", "forbidden_permission", "nothing_granted",
      "missing_valid_from", "missing_valid_to", "window_inverted", "duration_above_max", "missing_field", "unknown_field",
      "precondition_failed", "scope_outside_template", "above_grantor_access"};
  const auto i = static_cast<std::uint32_t>(v);
  return i < kViolationCount ? names[i] : "?";
}

namespace {

/// Uninitialised room for up to N values of T, of which a request constructs only what it uses
/// (zeroing kMaxAttributes contexts per decision would cost more than deciding).
template <class T, std::uint32_t N>
union Scratch {
  Scratch() {}
  T v[N];
};

/// Organization names of one request that the tree lacks get ids past the tree, equal names equal
/// ids, so such organizations relate to themselves only. A request names the same organization
/// again and again (target, home, bindings): the last name resolved is kept.
struct OrgNames {
  const OrgTree* tree;
  Scratch<std::string_view, kMaxNamedBindings + 2> extra;
  std::uint32_t n = 0;
  bool overflow = false;
  std::string_view last;
  std::uint32_t last_id = kNone;
  explicit OrgNames(const OrgTree* t) : tree(t) {}
  std::uint32_t id(std::string_view name) {
    if (last_id != kNone && name == last) return last_id;
    const std::uint32_t i = find(name);
    if (i != kNone) {
      last = name;
      last_id = i;
    }
    return i;
  }
  std::uint32_t find(std::string_view name) {
    const std::uint32_t base = tree ? tree->size() : 0;
    if (tree) {
      const auto i = tree->find(name);
      if (i != kNone) return i;
    }
    for (std::uint32_t k = 0; k < n; ++k)
      if (extra.v[k] == name) return base + k;
    if (n == kMaxNamedBindings + 2) {
      overflow = true;
      return kNone;
    }
    extra.v[n] = name;
    return base + n++;
  }
};

}  // namespace

Decision decide(const Table& table, const OrgTree* orgs, const NamedRequest& nr) {
  Decision d;
  d.content_hash = table.content_hash();
  d.reason_class = ReasonClass::error_deny;
  if (nr.role_count > kMaxNamedBindings || table.attribute_count() > kMaxAttributes) {
    d.code = Code::limit_exceeded;
    return d;
  }
  Request rq;
  Code why = Code::unknown_module;
  rq.permission = table.find_permission(nr.module, nr.resource, nr.action, &why);
  if (rq.permission == kNone) {
    d.code = why;
    return d;
  }
  OrgNames names(orgs);
  rq.orgs = orgs;
  rq.kind = nr.kind;
  rq.named = nr.named;
  rq.is_owner = nr.is_owner;
  rq.at = nr.at;
  rq.target_org = names.id(nr.target_org);
  rq.home_org = nr.home_org.empty() ? kNone : names.id(nr.home_org);
  Scratch<Binding, kMaxNamedBindings> bindings;
  for (std::uint32_t i = 0; i < nr.role_count; ++i)
    bindings.v[i] = Binding{table.find_role(nr.roles[i].role), nr.roles[i].org.empty() ? kNone : names.id(nr.roles[i].org)};
  rq.roles = bindings.v;
  rq.role_count = nr.role_count;
  Scratch<AttrValue, kMaxAttributes> ctx;
  for (std::uint32_t a = 0; a < table.attribute_count(); ++a) ctx.v[a] = AttrValue{};
  for (std::uint32_t i = 0; i < nr.context_count; ++i) {
    const NamedValue& v = nr.context[i];
    const auto a = table.find_attribute(v.attribute);
    if (a == kNone) continue;  // an attribute the policy lacks is never read
    ctx.v[a] = v.type == NamedValue::Type::boolean ? table.bool_value(a, v.b)
             : v.type == NamedValue::Type::integer ? table.int_value(a, v.i)
                                                   : table.string_value(a, v.s);
  }
  rq.context = ctx.v;
  if (names.overflow) {
    d.code = Code::limit_exceeded;
    return d;
  }
  return decide(table, rq);
}

// §8: the actor's sources at O (bindings, automatic roles, live grants, implicit grants) against
// every non-automatic authorizer of the role.
Decision may_assign(const Table& table, const Request& request, std::uint32_t role, std::uint32_t org) {
  const Table::Impl& t = table.impl();
  Decision d;
  d.content_hash = t.content_hash;
  d.reason_class = ReasonClass::explicit_deny;
  if (role >= t.n_roles) {
    d.code = Code::unknown_role;
    return d;
  }
  d.role = role;
  if (t.w(fmt::kRoles, role, rf::role_automatic)) {
    d.code = Code::automatic_role;
    return d;
  }
  Request at = request;
  if (org != kNone) at.target_org = org;
  Engine actor(t, at, true);
  if (actor.overflow()) {
    d.code = Code::limit_exceeded;
    d.reason_class = ReasonClass::error_deny;
    return d;
  }
  for (std::uint32_t a = 0; a < t.n_authorizers; ++a) {
    if (t.w(fmt::kAuthorizers, a, rf::a_target) != 0 || t.w(fmt::kAuthorizers, a, rf::a_role) != role) continue;
    if (t.w(fmt::kAuthorizers, a, rf::a_automatic)) continue;
    const auto when = t.w(fmt::kAuthorizers, a, rf::a_when);
    bool ok = false;
    if (t.w(fmt::kAuthorizers, a, rf::a_anyone)) {
      ok = actor.eval(when, kUnrelated) == Tri::true_;
    } else {
      const auto roff = t.w(fmt::kAuthorizers, a, rf::a_roles), rn = t.w(fmt::kAuthorizers, a, rf::a_roles + 1);
      for (std::uint32_t si = 0; si < actor.source_count() && !ok; ++si) {
        const auto& s = actor.source(si);
        if (s.role == kNone || s.relation == kUnrelated) continue;
        for (std::uint32_t k = 0; k < rn && !ok; ++k)
          if (actor.reaches(s.role, t.u32(roff + k)) && actor.eval(when, s.relation) == Tri::true_) ok = true;
      }
    }
    if (ok) {
      d.effect = Effect::allow;
      d.code = Code::assigner;
      d.reason_class = ReasonClass::explicit_allow;
      d.rule = t.n_rules + a;  // spans: authorizers follow the rules
      return d;
    }
  }
  d.code = Code::no_assigner;
  return d;
}

}  // namespace writ::runtime
