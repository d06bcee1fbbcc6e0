// Grant validation (docs/semantics.md §7): every violation of a grant as it would be made now.
// The grant's liveness at decisions is view.cpp (§6.1); the ceiling at decisions is there too.
#include <algorithm>

#include "compiler/core/checked.hpp"
#include "compiler/eval/authority.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/eval/view.hpp"

namespace writ::eval {
namespace {

const ir::OrgTree kNoTree;

Violation violation(ViolationCode code, std::optional<ir::TemplateId> t = std::nullopt) {
  Violation v;
  v.code = code;
  v.template_ = t;
  return v;
}

}  // namespace

std::vector<Violation> validate_grant(const facts::Facts& facts, const ir::Request& ctx, const ir::GrantInstance& grant) {
  const ir::Policy& policy = facts.policy();
  const ir::OrgTree& tree = ctx.org_parents ? *ctx.org_parents : kNoTree;
  std::vector<Violation> out;
  auto tid = policy.find(policy.template_by_name, grant.template_name);
  if (!tid) {
    Violation v = violation(ViolationCode::unknown_template);
    v.name = grant.template_name;
    out.push_back(v);
    return out;
  }
  const ir::GrantTemplate& t = policy[*tid];
  auto add = [&](ViolationCode code) -> Violation& {
    out.push_back(violation(code, tid));
    return out.back();
  };
  const std::string g_org = grant.org.empty() ? ctx.target_org : grant.org;
  const Place at_g(tree, g_org);

  // Who may grant: an authorizer whose role the grantor holds with effect at the grant's org.
  const ir::Principal grantor = grantor_of(grant);
  View::Options only_own;
  only_own.grants = false;
  only_own.implicit = false;
  const View grantor_view(facts, ctx, grantor, at_g, only_own);
  const auto matches = authority(grantor_view, t.granted_by);
  if (std::none_of(matches.begin(), matches.end(), [](const Authority& a) { return a.grants(); })) add(ViolationCode::grantor_not_allowed);

  // Who may receive it. The grantee is seen as it is now, with its own roles and nothing granted.
  const View grantee_view(facts, ctx, ctx.principal, at_g, only_own);
  if (!t.grantee_kinds.empty() && std::find(t.grantee_kinds.begin(), t.grantee_kinds.end(), ctx.principal.kind) == t.grantee_kinds.end())
    add(ViolationCode::grantee_kind_not_allowed);
  if (!t.grantee_requires.empty() &&
      std::none_of(t.grantee_requires.begin(), t.grantee_requires.end(), [&](ir::RoleId r) { return grantee_view.holds_role(r, true); }))
    add(ViolationCode::grantee_role_missing);
  if (!t.grantee_id.empty() && grant.grantee_id.empty()) add(ViolationCode::missing_field).name = t.grantee_id;

  for (const auto& name : grant.roles) {
    auto role = policy.find(policy.role_by_name, name);
    if (!role) add(ViolationCode::unknown_role).name = name;
    else if (std::find(t.grantable_roles.begin(), t.grantable_roles.end(), *role) == t.grantable_roles.end()) add(ViolationCode::role_not_grantable).role = role;
    else if (policy[*role].named_accounts && !ctx.principal.named) add(ViolationCode::named_account_required).role = role;
  }
  if (!grant.custom.empty()) {
    ir::PermissionSet custom;
    const ir::CustomPattern* bad = nullptr;
    for (const auto& c : grant.custom) {
      if (!c.permissions || c.permissions->empty()) bad = bad ? bad : &c;
      else custom |= *c.permissions;
    }
    if (!t.custom) add(ViolationCode::custom_not_allowed);
    else if (bad) add(ViolationCode::unknown_permission).name = bad->text;
    else
      for (auto d : t.denies)
        if (custom.intersects(policy[d].permissions)) add(ViolationCode::forbidden_permission).rule = d;
  }
  if (grant.roles.empty() && grant.custom.empty()) add(ViolationCode::nothing_granted);

  // Time: valid_from inclusive, valid_to exclusive; the duration runs from valid_from, or from the
  // instant the grant is made. Every difference is checked: an overflow is a window no maximum allows.
  if (t.valid_from == ir::Presence::required && !grant.valid_from) add(ViolationCode::missing_valid_from);
  if (t.valid_to == ir::Presence::required && !grant.valid_to) add(ViolationCode::missing_valid_to);
  if (grant.valid_from && grant.valid_to && *grant.valid_to <= *grant.valid_from) {
    add(ViolationCode::window_inverted);
  } else if (t.max_duration) {
    const std::int64_t start = grant.valid_from.value_or(ctx.at);
    std::optional<std::int64_t> end = grant.valid_to;
    if (!end && t.default_duration) end = core::checked_add(start, *t.default_duration);
    const std::optional<std::int64_t> length = end ? core::checked_sub(*end, start) : std::nullopt;
    if (!length || *length > *t.max_duration) {
      Violation& v = add(ViolationCode::duration_above_max);
      v.length = length;
      v.limit = t.max_duration;
    }
  }

  for (const auto& f : t.fields) {
    auto v = grant.fields.find(f.name);
    if (f.presence == ir::Presence::required && (v == grant.fields.end() || v->second.empty())) {
      Violation& x = add(ViolationCode::missing_field);
      x.name = f.name;
      x.span = f.span;
    }
  }
  for (const auto& entry : grant.fields) {
    const std::string& name = entry.first;  // a plain reference: clang 14 cannot capture bindings
    if (std::none_of(t.fields.begin(), t.fields.end(), [&](const ir::Field& f) { return f.name == name; })) add(ViolationCode::unknown_field).name = name;
  }

  // Conditions are about the grantee's account, evaluated now.
  for (const auto& pre : t.preconditions)
    if (grantee_view.evaluate(pre.id, std::nullopt) != ir::Truth::true_) {
      Violation& v = add(ViolationCode::precondition_failed);
      v.condition = pre.id;
      v.span = pre.span;
    }
  if (!t.scope_when.always() && grantee_view.evaluate(t.scope_when.id, Relation::self) != ir::Truth::true_) {
    Violation& v = add(ViolationCode::scope_outside_template);
    v.condition = t.scope_when.id;
    v.span = t.scope_when.span;
  }
  if (!grant.org.empty() && !ctx.target_org.empty()) {
    const Relation rel = Place(tree, ctx.target_org).of(grant.org);
    const bool in = t.org_scope == ir::OrgScope::self ? rel == Relation::self : rel != Relation::unrelated;
    if (!in) add(ViolationCode::scope_outside_template).name = ctx.target_org;
  }

  // Ceiling (§6.2): what the grant alone gives, at its organization and (scope descendants) at an
  // organization below it, must be held by the grantor there.
  if (t.ceiling_grantor) {
    std::vector<Place> places{at_g};
    if (t.org_scope == ir::OrgScope::descendants) places.push_back(Place::below(tree, g_org));
    ir::Principal only_grant;
    only_grant.kind = ctx.principal.kind;
    only_grant.named = ctx.principal.named;
    only_grant.grants = {grant};
    only_grant.grants.front().org = g_org;
    View::Options trusted;
    trusted.automatic = false;
    trusted.implicit = false;
    trusted.check_grants = false;
    trusted.ceiling = false;
    ir::PermissionSet above;
    for (const Place& place : places) {
      const View grant_alone(facts, ctx, only_grant, place, trusted);
      const View grantor_there(facts, ctx, grantor, place, only_own);
      above |= grant_alone.allowed() - grantor_there.allowed();
    }
    if (!above.empty()) add(ViolationCode::above_grantor_access).permissions = above.members();
  }
  return out;
}

}  // namespace writ::eval
