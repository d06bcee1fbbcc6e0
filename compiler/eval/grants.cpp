// Grants: whether an instance is live at a decision (docs/semantics.md §6.1) and the full list of
// violations when one is made (§7). The ceiling at decision time is in evaluator.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/dsl/dsl_parser.hpp"
#include "compiler/eval/effective_access.hpp"
#include "compiler/eval/evaluator.hpp"
#include "compiler/lower/lower.hpp"

namespace writ::eval {

std::optional<std::int64_t> effective_valid_to(const ir::GrantTemplate& t, const ir::GrantInstance& g) {
  if (g.valid_to) return g.valid_to;
  if (g.valid_from && t.default_duration) return *g.valid_from + *t.default_duration;
  return std::nullopt;
}

bool expand_custom(const ir::Policy& policy, const std::vector<std::string>& patterns, ir::PermissionSet& out, std::string& error) {
  for (const auto& text : patterns) {
    Diagnostics diags;
    auto pattern = dsl::parse_pattern(text, Span{}, diags);
    if (!pattern || diags.has_errors()) {
      error = fmt::format("custom permission `{}` is not a valid pattern", text);
      return false;
    }
    ir::PermissionSet set = lower::expand_pattern(policy, *pattern, diags);
    if (diags.has_errors() || set.empty()) {
      error = fmt::format("custom permission `{}` names nothing in the policy", text);
      return false;
    }
    out |= set;
  }
  return true;
}

GrantStatus grant_status(const ir::Policy& policy, const ir::Request& request, const ir::Principal& grantee,
                         const ir::GrantInstance& grant, bool check_instance) {
  GrantStatus st;
  auto it = policy.template_by_name.find(grant.template_name);
  if (it == policy.template_by_name.end()) {
    st.code = "unknown_template";
    st.message = fmt::format("grant of template `{}`, which is not declared; it gives nothing", grant.template_name);
    return st;
  }
  st.template_ = it->second;
  const ir::GrantTemplate& t = policy[it->second];
  st.org = grant.org.empty() ? request.target_org : grant.org;
  st.relation = relation(request.org_parents, st.org, request.target_org);
  if (check_instance) {
    auto fail = [&](std::string code, std::string message) {
      st.code = std::move(code);
      st.message = fmt::format("grant of `{}` at `{}`: {}; it gives nothing", t.name, st.org, message);
      return st;
    };
    if (grant.revoked) return fail("grant_revoked", "revoked");
    if (grant.valid_from && request.at < *grant.valid_from)
      return fail("grant_not_yet_valid", fmt::format("valid from {}, the request is at {}", lower::format_timestamp(*grant.valid_from), lower::format_timestamp(request.at)));
    if (!grant.valid_to && t.valid_to == ir::Presence::required) return fail("grant_missing_valid_to", "the template requires valid_to and the grant has none");
    auto to = effective_valid_to(t, grant);
    if (to && request.at >= *to)
      return fail("grant_expired", fmt::format("valid until {} (exclusive), the request is at {}", lower::format_timestamp(*to), lower::format_timestamp(request.at)));
    if (!kind_allowed(t.grantee_kinds, grantee.kind))
      return fail("grantee_kind_not_allowed", fmt::format("a {} principal cannot receive it", kind_name(grantee.kind)));
  }
  // Scope last: forbid rules selecting a template match grants that are live apart from scope.
  bool in_scope = t.org_scope == ir::OrgScope::self ? st.relation == Relation::self : st.relation != Relation::unrelated;
  if (!in_scope) {
    st.code = "grant_out_of_scope";
    st.message = fmt::format("grant of `{}` at `{}` does not reach `{}` (template scope {})", t.name, st.org, request.target_org,
                             t.org_scope == ir::OrgScope::self ? "self" : "descendants");
    return st;
  }
  st.live = true;
  return st;
}

namespace {

Violation violation(std::string code, std::string message, Span span = {}) { return Violation{std::move(code), std::move(message), span}; }

/// The grantor, as a principal of its own: its kind, account type and current roles.
ir::Principal grantor_of(const ir::GrantInstance& g) {
  ir::Principal p;
  p.id = "grantor";
  p.kind = g.grantor_kind;
  p.named = g.grantor_named;
  p.roles = g.grantor_roles;
  return p;
}

}  // namespace

std::vector<Violation> validate_grant(const ir::Policy& policy, const ir::Request& ctx, const ir::GrantInstance& grant) {
  std::vector<Violation> out;
  auto it = policy.template_by_name.find(grant.template_name);
  if (it == policy.template_by_name.end()) {
    out.push_back(violation("unknown_template", fmt::format("template `{}` is not declared", grant.template_name)));
    return out;
  }
  const ir::GrantTemplate& t = policy[it->second];
  ir::Request at_org = ctx;
  at_org.target_org = grant.org.empty() ? ctx.target_org : grant.org;
  ir::Principal grantor = grantor_of(grant);
  Evaluator::Options go;
  go.grants = false;
  go.implicit = false;
  Evaluator grantor_ev(policy, at_org, grantor, go);

  // Who may grant: an authorizer whose role the grantor holds with effect at the grant's org.
  bool authorized = false;
  for (const auto& a : t.granted_by) {
    if (a.anyone) {
      authorized |= holds(a.when, grantor_ev.input(std::nullopt));
      continue;
    }
    for (const auto& s : grantor_ev.sources()) {
      if (!s.role || s.relation == Relation::unrelated) continue;
      bool match = false;
      for (ir::RoleId r : a.roles)
        for (const auto& chain : extends_closure(policy, *s.role)) match |= chain.back() == r;
      if (match && holds(a.when, grantor_ev.input(s.relation))) authorized = true;
    }
  }
  if (!authorized)
    out.push_back(violation("grantor_not_allowed", fmt::format("the grantor holds no role at `{}` that template `{}` lets grant", at_org.target_org, t.name), t.span));

  if (!kind_allowed(t.grantee_kinds, ctx.principal.kind))
    out.push_back(violation("grantee_kind_not_allowed", fmt::format("a {} principal cannot receive a `{}` grant", kind_name(ctx.principal.kind), t.name), t.span));
  if (!t.grantee_id.empty() && grant.grantee_id.empty())
    out.push_back(violation("missing_field", fmt::format("the grantee identifier `{}` is required", t.grantee_id), t.span));

  for (const auto& name : grant.roles) {
    auto role = find_role(policy, name);
    if (!role) out.push_back(violation("unknown_role", fmt::format("role `{}` is not declared", name)));
    else if (std::find(t.grantable_roles.begin(), t.grantable_roles.end(), *role) == t.grantable_roles.end())
      out.push_back(violation("role_not_grantable", fmt::format("template `{}` cannot grant role `{}`", t.name, name), t.span));
  }
  if (!grant.custom.empty()) {
    ir::PermissionSet custom(policy.permission_count());
    std::string error;
    if (!t.custom) out.push_back(violation("custom_not_allowed", fmt::format("template `{}` does not allow custom permissions", t.name), t.span));
    else if (!expand_custom(policy, grant.custom, custom, error)) out.push_back(violation("unknown_permission", error));
    else
      for (const auto& d : t.denies)
        if (!(custom & d.permissions).empty())
          out.push_back(violation("forbidden_permission", fmt::format("custom permissions include `{}`, which template `{}` never grants", d.pattern, t.name), d.span));
  }
  if (grant.roles.empty() && grant.custom.empty()) out.push_back(violation("nothing_granted", "the grant names no role and no custom permission", t.span));

  // Time (§7): valid_from inclusive, valid_to exclusive; the duration runs from valid_from, or from
  // the instant the grant is made when it has none.
  if (t.valid_from == ir::Presence::required && !grant.valid_from) out.push_back(violation("missing_valid_from", "valid_from is required", t.span));
  if (t.valid_to == ir::Presence::required && !grant.valid_to) out.push_back(violation("missing_valid_to", "valid_to is required", t.span));
  if (grant.valid_from && grant.valid_to && *grant.valid_to <= *grant.valid_from)
    out.push_back(violation("window_inverted", fmt::format("valid_to {} is not after valid_from {}", lower::format_timestamp(*grant.valid_to), lower::format_timestamp(*grant.valid_from)), t.span));
  else if (t.max_duration) {
    std::int64_t start = grant.valid_from.value_or(ctx.at);
    auto end = grant.valid_to;
    if (!end && t.default_duration) end = start + *t.default_duration;
    if (!end) out.push_back(violation("duration_above_max", fmt::format("the grant has no end, the maximum is {}", lower::format_duration(*t.max_duration)), t.span));
    else if (*end - start > *t.max_duration)
      out.push_back(violation("duration_above_max", fmt::format("the grant lasts {}, the maximum is {}", lower::format_duration(*end - start), lower::format_duration(*t.max_duration)), t.span));
  }

  for (const auto& f : t.fields) {
    auto v = grant.fields.find(f.name);
    if (f.presence == ir::Presence::required && (v == grant.fields.end() || v->second.empty()))
      out.push_back(violation("missing_field", fmt::format("field `{}` is required", f.name), f.span));
  }
  for (const auto& entry : grant.fields) {
    const std::string& name = entry.first;  // a plain reference: clang 14 cannot capture bindings
    if (std::none_of(t.fields.begin(), t.fields.end(), [&](const ir::Field& f) { return f.name == name; }))
      out.push_back(violation("unknown_field", fmt::format("template `{}` has no field `{}`", t.name, name), t.span));
  }

  // Conditions are about the grantee's account, evaluated now.
  Evaluator grantee_ev(policy, at_org, ctx.principal, Evaluator::Options{true, false, false, true, true});
  for (const auto& pre : t.preconditions)
    if (evaluate(pre, grantee_ev.input(std::nullopt)) != Truth::true_)
      out.push_back(violation("precondition_failed", fmt::format("precondition `{}` does not hold", to_text(policy, pre)), pre.span));
  if (t.scope_when && !holds(t.scope_when, grantee_ev.input(Relation::self)))
    out.push_back(violation("scope_outside_template", fmt::format("the template's scope `{}` does not hold", to_text(policy, *t.scope_when)), t.scope_when->span));
  if (!grant.org.empty() && !ctx.target_org.empty()) {
    Relation rel = relation(ctx.org_parents, grant.org, ctx.target_org);
    bool in = t.org_scope == ir::OrgScope::self ? rel == Relation::self : rel != Relation::unrelated;
    if (!in)
      out.push_back(violation("scope_outside_template", fmt::format("the grant's organization `{}` does not reach the account `{}` (template scope {})", grant.org, ctx.target_org,
                                                                    t.org_scope == ir::OrgScope::self ? "self" : "descendants"), t.span));
  }

  // Ceiling (§6.2): what the grant alone gives, at its organization and (scope descendants) one
  // level below it, must be held by the grantor there.
  if (t.ceiling_grantor) {
    std::vector<std::string> orgs{at_org.target_org};
    if (t.org_scope == ir::OrgScope::descendants) orgs.push_back(at_org.target_org + "/(descendant)");
    std::vector<std::string> above;
    for (const auto& org : orgs) {
      ir::Request r = at_org;
      r.target_org = org;
      if (org != at_org.target_org) r.org_parents[org] = at_org.target_org;
      ir::Principal only_grant;
      only_grant.kind = ctx.principal.kind;
      only_grant.named = ctx.principal.named;
      ir::GrantInstance g = grant;
      g.org = at_org.target_org;
      only_grant.grants = {g};
      Evaluator::Options o;
      o.automatic = false;
      o.implicit = false;
      o.check_grants = false;
      o.ceiling = false;
      Evaluator grant_ev(policy, r, only_grant, o);
      Evaluator grantor_there(policy, r, grantor, go);
      for (std::uint32_t i = 0; i < policy.permission_count(); ++i) {
        ir::PermissionId p{i};
        if (grant_ev.decide(p).allow && !grantor_there.decide(p).allow) above.push_back(policy.permission_name(p));
      }
    }
    if (!above.empty()) {
      std::string list;
      for (std::size_t i = 0; i < above.size() && i < 5; ++i) list += (i ? ", " : "") + above[i];
      if (above.size() > 5) list += fmt::format(" and {} more", above.size() - 5);
      out.push_back(violation("above_grantor_access", fmt::format("the grant gives what the grantor does not hold: {}", list), t.span));
    }
  }
  return out;
}

}  // namespace writ::eval
