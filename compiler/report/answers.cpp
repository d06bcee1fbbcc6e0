// See answers.hpp. Messages follow the diagnostics' style: lowercase, user values in backticks.
#include "compiler/report/answers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "compiler/core/quote.hpp"
#include "compiler/core/time.hpp"
#include "compiler/ir/print.hpp"

namespace writ::report {
namespace {

using eval::Reason;
using eval::ReasonCode;
using eval::SourceRef;
using eval::Violation;
using eval::ViolationCode;

std::string role_name(const ir::Policy& p, std::optional<ir::RoleId> r) { return r && r->value < p.roles.size() ? p[*r].name : "?"; }
std::string template_name(const ir::Policy& p, std::optional<ir::TemplateId> t) { return t && t->value < p.templates.size() ? p[*t].name : "?"; }

std::string source_label(const ir::Policy& p, const SourceRef& s) {
  switch (s.kind) {
    case SourceRef::Kind::binding: return fmt::format("role {} at {}", role_name(p, s.role), s.held_at);
    case SourceRef::Kind::automatic: return fmt::format("automatic role {} at {}", role_name(p, s.role), s.held_at);
    case SourceRef::Kind::grant_role: return fmt::format("grant {} of role {} at {}", template_name(p, s.template_), role_name(p, s.role), s.held_at);
    case SourceRef::Kind::grant_custom: return fmt::format("grant {} (custom) at {}", template_name(p, s.template_), s.held_at);
    case SourceRef::Kind::implicit:
      return fmt::format("implicit grant {} of role {} at {}", s.implicit ? p[*s.implicit].name : "?", role_name(p, s.role), s.held_at);
  }
  return "?";
}

/// ` (inherited: a -> b -> c)` when the rule's role is not the source's own.
std::string inherited(const ir::Policy& p, const eval::Decision& d, const Reason& r) {
  if (!r.source || !r.role || *r.source >= d.sources.size() || !d.sources[*r.source].role) return "";
  const ir::RoleId held = *d.sources[*r.source].role;
  if (held == *r.role) return "";
  // The chain is found again here rather than stored with every reason: only printing needs it.
  std::vector<ir::RoleId> chain{held};
  std::vector<ir::RoleId> frontier{held};
  std::vector<std::int64_t> parent(p.roles.size(), -1);
  parent[held.value] = held.value;
  for (std::size_t i = 0; i < frontier.size() && parent[r.role->value] < 0; ++i)
    for (auto up : p[frontier[i]].extends)
      if (parent[up.value] < 0) {
        parent[up.value] = frontier[i].value;
        frontier.push_back(up);
      }
  if (parent[r.role->value] < 0) return "";
  std::vector<std::string> names;
  for (std::uint32_t x = r.role->value;; x = static_cast<std::uint32_t>(parent[x])) {
    names.push_back(p.roles[x].name);
    if (x == held.value) break;
  }
  std::reverse(names.begin(), names.end());
  if (names.size() > 6) names = {names[0], names[1], fmt::format("... {} more ...", names.size() - 4), names[names.size() - 2], names.back()};
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? " -> " : "") + names[i];
  return " (inherited: " + out + ")";
}

std::string via(const Context& c, const eval::Decision& d, const Reason& r) {
  return r.source && *r.source < d.sources.size() ? " via " + source_label(c.policy, d.sources[*r.source]) : "";
}

std::string pattern_of(const ir::Policy& p, std::optional<ir::RuleId> rule) { return rule ? ir::pattern_text(p, p[*rule].pattern) : "?"; }

/// What a rule-bearing reason is about: "`permit P` in role `Q`" or "level `m.l` (`permit P`) of role `Q`".
std::string rule_subject(const Context& c, const eval::Decision& d, const Reason& r) {
  const ir::Policy& p = c.policy;
  const std::string inh = inherited(p, d, r);
  if (!r.rule) return "?";
  const ir::Rule& rule = p[*r.rule];
  if (r.level) return fmt::format("level `{}` (`permit {}`) of role `{}`{}", ir::level_name(p, *r.level), pattern_of(p, r.rule), role_name(p, r.role), inh);
  return fmt::format("`{} {}` in role `{}`{}", ir::is_permit(rule.kind) ? "permit" : "deny", pattern_of(p, r.rule), role_name(p, r.role), inh);
}

std::string ts(std::optional<std::int64_t> t) { return t ? core::format_timestamp(*t) : "?"; }

std::string perm_name(const Context& c, const eval::Decision& d) {
  if (d.permission) return c.policy.permission_name(*d.permission);
  return c.request.module + "/" + c.request.resource + ":" + c.request.action;
}

std::string grant_label(const Context& c, const Reason& r) {
  std::string org;
  if (r.grant && *r.grant < c.request.principal.grants.size()) org = c.request.principal.grants[*r.grant].org;
  if (org.empty()) org = c.request.target_org;
  return fmt::format("grant of `{}` at `{}`", template_name(c.policy, r.template_), org);
}

std::string gives_nothing(const Context& c, const Reason& r) {
  if (r.implicit) return fmt::format("implicit grant `{}` gives nothing", c.policy[*r.implicit].name);
  if (r.grant) return fmt::format("{} gives nothing", grant_label(c, r));
  return "the binding gives nothing";
}

}  // namespace

std::string location(const SourceMap& sources, const Span& span) {
  if (span.file == 0 || span.file > sources.size()) return {};
  return fmt::format("{}:{}:{}", sources.path(span.file), span.line, span.col);
}

std::string message(const Context& c, const eval::Decision& d, const Reason& r) {
  const ir::Policy& p = c.policy;
  const std::string target = c.request.target_org;
  const std::string cond = r.condition ? ir::condition_text(p, *r.condition) : "?";
  switch (r.code) {
    case ReasonCode::permit:
    case ReasonCode::level:
    case ReasonCode::overridden_permit:
    case ReasonCode::overridden_level:
    case ReasonCode::role_deny: return rule_subject(c, d, r) + via(c, d, r);
    case ReasonCode::grant_custom:
    case ReasonCode::overridden_grant_custom:
      return "custom permission of " + (r.source && *r.source < d.sources.size() ? source_label(p, d.sources[*r.source]) : std::string("a grant"));
    case ReasonCode::assigner: {
      const std::string assigned = role_name(p, r.role);
      if (!r.source) return fmt::format("anyone may assign `{}`", assigned);
      const auto& s = d.sources[*r.source];
      const auto& a = p[*r.authorizer];
      std::string who = "?";
      for (auto role : a.roles)
        if (s.role && role == *s.role) who = p[role].name;
      if (who == "?" && !a.roles.empty()) who = p[a.roles.front()].name;
      return fmt::format("`{}` ({}) may assign `{}` at `{}`", who, source_label(p, s), assigned, r.name);
    }
    case ReasonCode::no_rule: return fmt::format("nothing the principal holds at `{}` allows {} (deny by default)", target, perm_name(c, d));
    case ReasonCode::template_deny:
      return fmt::format("`deny {}` in template `{}` ({})", pattern_of(p, r.rule), template_name(p, r.template_),
                         r.source && *r.source < d.sources.size() ? source_label(p, d.sources[*r.source]) : "?");
    case ReasonCode::forbid: {
      const ir::Forbid& f = p[*r.forbid];
      return fmt::format("forbid `{}` denies `{}`{}", f.name, pattern_of(p, r.rule), f.reason.empty() ? "" : ": " + f.reason);
    }
    case ReasonCode::above_grantor_access:
      return fmt::format("{} would give {}, but its grantor does not hold it now (ceiling grantor)",
                         r.source && *r.source < d.sources.size() ? source_label(p, d.sources[*r.source]) : "a grant", perm_name(c, d));
    case ReasonCode::unknown_module: return fmt::format("module `{}` is not declared by the policy", r.name);
    case ReasonCode::unknown_resource: return fmt::format("the policy has no resource `{}`", r.name);
    case ReasonCode::unknown_action: return fmt::format("the policy has no action `{}` there", r.name);
    case ReasonCode::no_assigner: return fmt::format("the principal holds no role with effect at `{}` that may assign `{}`", r.name, role_name(p, r.role));
    case ReasonCode::automatic_role: return fmt::format("role `{}` is automatic: every allowed principal holds it, nobody assigns it", role_name(p, r.role));
    case ReasonCode::condition_false: {
      const std::string truth(r.truth == ir::Truth::false_ ? "false" : "unknown");
      if (r.forbid) return fmt::format("forbid `{}` does not apply: `{}` is false", p[*r.forbid].name, cond);
      if (r.authorizer) return fmt::format("the assignment rule of `{}` holds only when `{}`, which is {}", role_name(p, r.role), cond, truth);
      return fmt::format("{} does not apply: `{}` is {}", rule_subject(c, d, r), cond, truth);
    }
    case ReasonCode::requirement_unmet:
      return fmt::format("{} does not apply: requirement `{}` is not met at `{}`", rule_subject(c, d, r),
                         r.requirement ? ir::requirement_text(p, *r.requirement) : "?", target);
    case ReasonCode::unknown_role:
      if (r.grant) return fmt::format("{} names role `{}`, which is not declared; it gives nothing", grant_label(c, r), r.name);
      return fmt::format("role `{}` is not declared by the policy; the binding gives nothing", r.name);
    case ReasonCode::holder_kind_not_allowed:
      return fmt::format("role `{}` cannot be held by principals of kind `{}`; {}", role_name(p, r.role), ir::name(c.request.principal.kind), gives_nothing(c, r));
    case ReasonCode::named_account_required:
      return fmt::format("role `{}` is for named accounts only and the principal is a shared account; {}", role_name(p, r.role), gives_nothing(c, r));
    case ReasonCode::unrelated_org: return fmt::format("role `{}` is held at `{}`, which is not `{}` nor above it; it gives nothing there", role_name(p, r.role), r.name, target);
    case ReasonCode::unknown_template: return fmt::format("grant of template `{}`, which is not declared; it gives nothing", r.name);
    case ReasonCode::grant_revoked: return grant_label(c, r) + ": revoked; it gives nothing";
    case ReasonCode::grant_not_yet_valid:
      return fmt::format("{}: valid from {}, the request is at {}; it gives nothing", grant_label(c, r), ts(r.instant), ts(c.request.at));
    case ReasonCode::grant_missing_valid_to: return grant_label(c, r) + ": the template requires valid_to and the grant has none; it gives nothing";
    case ReasonCode::grant_expired:
      return fmt::format("{}: valid until {} (exclusive), the request is at {}; it gives nothing", grant_label(c, r), ts(r.instant), ts(c.request.at));
    case ReasonCode::grant_beyond_max_duration: {
      const auto& t = p[*r.template_];
      const std::string max = t.max_duration ? core::format_duration(*t.max_duration) : "?";
      if (!r.instant) return fmt::format("{}: the grant has no bound to count the template's maximum of {} from; it gives nothing", grant_label(c, r), max);
      return fmt::format("{}: the template's maximum of {} lets it count only {} {}, the request is at {}; it gives nothing", grant_label(c, r), max,
                         r.instant && c.request.at < *r.instant ? "from" : "until", ts(r.instant), ts(c.request.at));
    }
    case ReasonCode::grantee_kind_not_allowed: return fmt::format("{}: a {} principal cannot receive it; it gives nothing", grant_label(c, r), ir::name(c.request.principal.kind));
    case ReasonCode::grantee_role_missing: {
      std::vector<ir::RoleId> roles = p[*r.template_].grantee_requires;
      std::string names;
      for (auto x : roles) names += (names.empty() ? "" : ", ") + p[x].name;
      return fmt::format("{}: the grantee must hold one of {}; it gives nothing", grant_label(c, r), names);
    }
    case ReasonCode::grant_out_of_scope:
      return fmt::format("grant of `{}` at `{}` does not reach `{}` (template scope {})", template_name(p, r.template_), r.name, target,
                         r.template_ ? ir::name(p[*r.template_].org_scope) : "?");
    case ReasonCode::grant_scope_condition: return fmt::format("{}: the template's scope condition `{}` does not hold", grant_label(c, r), cond);
    case ReasonCode::grant_precondition: return fmt::format("{}: precondition `{}` does not hold", grant_label(c, r), cond);
    case ReasonCode::role_not_grantable: return fmt::format("template `{}` cannot grant role `{}`; it gives nothing", template_name(p, r.template_), role_name(p, r.role));
    case ReasonCode::custom_not_allowed: return fmt::format("template `{}` does not allow custom permissions; they give nothing", template_name(p, r.template_));
    case ReasonCode::unknown_permission:
      return fmt::format("{}: custom permission `{}` is not a valid pattern or names nothing; the custom permissions give nothing", grant_label(c, r), r.name);
    case ReasonCode::implicit_condition: return fmt::format("implicit grant `{}` at `{}` does not apply: `{}` does not hold", p[*r.implicit].name, r.name, cond);
    case ReasonCode::implicit_not_triggered:
      return fmt::format("implicit grant `{}` is triggered at `{}`, which is not `{}` nor above it; it gives nothing here", p[*r.implicit].name, r.name, target);
    case ReasonCode::unknown_implicit: return fmt::format("the request triggers `{}`, which is not an implicit grant of the policy; it gives nothing", r.name);
  }
  return std::string(eval::code_name(r.code));
}

Span span_of(const ir::Policy& p, const Reason& r) {
  if (r.rule) return p[*r.rule].span;
  if (r.forbid) return p[*r.forbid].span;
  if (r.authorizer) return p[*r.authorizer].span;
  if (r.implicit) return p[*r.implicit].span;
  if (r.template_) return p[*r.template_].span;
  if (r.role) return p[*r.role].span;
  return {};
}

std::string message(const Context& c, const Violation& v) {
  const ir::Policy& p = c.policy;
  const std::string t = template_name(p, v.template_);
  switch (v.code) {
    case ViolationCode::unknown_template: return fmt::format("template `{}` is not declared", v.name);
    case ViolationCode::grantor_not_allowed:
      return fmt::format("the grantor holds no role at `{}` that template `{}` lets grant", c.request.target_org, t);
    case ViolationCode::grantee_kind_not_allowed: return fmt::format("a {} principal cannot receive a `{}` grant", ir::name(c.request.principal.kind), t);
    case ViolationCode::grantee_role_missing: {
      std::string names;
      for (auto x : p[*v.template_].grantee_requires) names += (names.empty() ? "" : ", ") + p[x].name;
      return fmt::format("the grantee holds none of {}, which template `{}` requires", names, t);
    }
    case ViolationCode::named_account_required: return fmt::format("role `{}` is for named accounts only and the grantee is a shared account", role_name(p, v.role));
    case ViolationCode::unknown_role: return fmt::format("role `{}` is not declared", v.name);
    case ViolationCode::role_not_grantable: return fmt::format("template `{}` cannot grant role `{}`", t, role_name(p, v.role));
    case ViolationCode::custom_not_allowed: return fmt::format("template `{}` does not allow custom permissions", t);
    case ViolationCode::unknown_permission: return fmt::format("custom permission `{}` is not a valid pattern or names nothing in the policy", v.name);
    case ViolationCode::forbidden_permission: return fmt::format("custom permissions include `{}`, which template `{}` never grants", pattern_of(p, v.rule), t);
    case ViolationCode::nothing_granted: return "the grant names no role and no custom permission";
    case ViolationCode::missing_valid_from: return "valid_from is required";
    case ViolationCode::missing_valid_to: return "valid_to is required";
    case ViolationCode::window_inverted: return "valid_to is not after valid_from";
    case ViolationCode::duration_above_max:
      if (!v.length) return fmt::format("the grant has no end (or an end too far to count), the maximum is {}", v.limit ? core::format_duration(*v.limit) : "?");
      return fmt::format("the grant lasts {}, the maximum is {}", core::format_duration(*v.length), v.limit ? core::format_duration(*v.limit) : "?");
    case ViolationCode::missing_field:
      return !v.span.known() ? fmt::format("the grantee identifier `{}` is required", v.name) : fmt::format("field `{}` is required", v.name);
    case ViolationCode::unknown_field: return fmt::format("template `{}` has no field `{}`", t, v.name);
    case ViolationCode::precondition_failed: return fmt::format("precondition `{}` does not hold", v.condition ? ir::condition_text(p, *v.condition) : "?");
    case ViolationCode::scope_outside_template:
      if (v.condition) return fmt::format("the template's scope `{}` does not hold", ir::condition_text(p, *v.condition));
      return fmt::format("the grant's organization does not reach the account `{}` (template scope {})", v.name, v.template_ ? ir::name(p[*v.template_].org_scope) : "?");
    case ViolationCode::above_grantor_access: {
      std::string list;
      for (std::size_t i = 0; i < v.permissions.size() && i < 5; ++i) list += (i ? ", " : "") + p.permission_name(v.permissions[i]);
      if (v.permissions.size() > 5) list += fmt::format(" and {} more", v.permissions.size() - 5);
      return "the grant gives what the grantor does not hold: " + list;
    }
  }
  return std::string(eval::code_name(v.code));
}

Span span_of(const ir::Policy& p, const Violation& v) {
  if (v.span.known()) return v.span;
  if (v.rule) return p[*v.rule].span;
  if (v.template_) return p[*v.template_].span;
  return {};
}

std::string reasons_text(const Context& c, const eval::Decision& d, std::string_view indent) {
  std::string out;
  for (const auto& r : d.reasons) {
    const std::string loc = location(c.sources, span_of(c.policy, r));
    out += fmt::format("{}{:<5} {}: {}{}\n", indent, eval::effect_name(r.effect), eval::code_name(r.code), message(c, d, r), loc.empty() ? "" : "  (" + loc + ")");
  }
  return out;
}

std::string violations_text(const Context& c, const std::vector<Violation>& vs, std::string_view indent) {
  std::string out;
  for (const auto& v : vs) {
    const std::string loc = location(c.sources, span_of(c.policy, v));
    out += fmt::format("{}{}: {}{}\n", indent, eval::code_name(v.code), message(c, v), loc.empty() ? "" : "  (" + loc + ")");
  }
  return out;
}

namespace {

using nlohmann::json;

void add_location(json& j, const SourceMap& sources, const Span& s) {
  if (!s.known() || s.file == 0 || s.file > sources.size()) return;
  j["file"] = sources.path(s.file);
  j["line"] = s.line;
  j["column"] = s.col;
}

}  // namespace

std::string decision_json(const Context& c, const eval::Decision& d, std::string_view query) {
  json reasons = json::array();
  for (const auto& r : d.reasons) {
    json j{{"effect", std::string(eval::effect_name(r.effect))}, {"code", std::string(eval::code_name(r.code))}, {"message", message(c, d, r)}};
    if (r.rule) j["rule"] = c.policy[*r.rule].key;
    if (r.forbid) j["forbid"] = c.policy[*r.forbid].name;
    if (r.template_) j["template"] = c.policy[*r.template_].name;
    if (r.role) j["role"] = c.policy[*r.role].name;
    if (r.source && *r.source < d.sources.size()) j["source"] = source_label(c.policy, d.sources[*r.source]);
    add_location(j, c.sources, span_of(c.policy, r));
    reasons.push_back(std::move(j));
  }
  json out{{"query", std::string(query)}, {"decision", d.allow ? "allow" : "deny"}, {"reasons", reasons}};
  if (d.permission) out["permission"] = c.policy.permission_name(*d.permission);
  return out.dump(2);
}

std::string violations_json(const Context& c, const std::vector<Violation>& vs) {
  json arr = json::array();
  for (const auto& v : vs) {
    json j{{"code", std::string(eval::code_name(v.code))}, {"message", message(c, v)}};
    add_location(j, c.sources, span_of(c.policy, v));
    arr.push_back(std::move(j));
  }
  return json{{"query", "validate"}, {"decision", vs.empty() ? "valid" : "invalid"}, {"violations", arr}}.dump(2);
}

namespace {

struct PathText {
  std::string via, where, holders, obtained;
  std::vector<std::string> conditions, removed;
  Span span;
};

std::string authorizers_text(const ir::Policy& p, const std::vector<ir::AuthorizerId>& as, const char* verb) {
  std::vector<std::string> parts;
  for (auto id : as) {
    const ir::Authorizer& a = p[id];
    std::string who;
    if (a.automatic) who = "automatic (every allowed principal)";
    else if (a.anyone) who = fmt::format("{} by anyone", verb);
    else {
      for (auto r : a.roles) who += (who.empty() ? "" : ", ") + p[r].name;
      who = fmt::format("{} by {}", verb, who);
    }
    if (!a.when.always()) who += " when " + ir::condition_text(p, a.when.id);
    parts.push_back(who);
  }
  if (parts.empty()) return fmt::format("not {} by anyone", verb);
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : "; ") + s;
  return out;
}

std::string removed_text(const ir::Policy& p, ir::RuleId d) {
  const ir::Rule& r = p[d];
  const std::string when = r.when.always() ? "" : " when " + ir::condition_text(p, r.when.id);
  switch (r.kind) {
    case ir::RuleKind::role_deny:
      return fmt::format("deny {} in role {}{}{}", ir::pattern_text(p, r.pattern), p[r.role].name, when,
                         p.combining == ir::Combining::permissive ? " (this role only)" : " (deny_overrides: whatever else allows it)");
    case ir::RuleKind::template_deny: return fmt::format("deny {} in template {}{}", ir::pattern_text(p, r.pattern), p[r.template_].name, when);
    case ir::RuleKind::forbid_deny: {
      const ir::Forbid& f = p[r.forbid];
      std::string who;
      for (const auto& s : f.applies_to) {
        std::string one;
        switch (s.kind) {
          case ir::Selector::Kind::anyone: one = "anyone"; break;
          case ir::Selector::Kind::principal_kind: one = fmt::format("kind {}", ir::name(s.principal_kind)); break;
          case ir::Selector::Kind::role: one = "role " + p[s.role].name; break;
          case ir::Selector::Kind::template_: one = "template " + p[s.template_].name; break;
          case ir::Selector::Kind::level: one = "level " + ir::level_name(p, s.level); break;
        }
        who += (who.empty() ? "" : ", ") + one;
      }
      return fmt::format("forbid {} (applies to {}){}{}", f.name, who, f.when.always() ? "" : " when " + ir::condition_text(p, f.when.id), when);
    }
    default: return ir::pattern_text(p, r.pattern);
  }
}

PathText path_text(const ir::Policy& p, const eval::WhoCanPath& w, const std::vector<ir::RuleId>& forbids) {
  using V = eval::WhoCanPath::Via;
  PathText t;
  const std::string permit = w.rule ? "permit " + ir::pattern_text(p, p[*w.rule].pattern) : "";
  std::string inherited = w.rule && w.declared_in != w.role ? fmt::format(" (inherited from {})", p[w.declared_in].name) : "";
  std::string level = w.level ? " through level " + ir::level_name(p, *w.level) : "";
  switch (w.via) {
    case V::role:
      t.via = fmt::format("role {}{}{}: {}", p[w.role].name, inherited, level, permit);
      t.where = w.scope == ir::OrgScope::self ? "at the organization where it is held" : "at every organization strictly below where it is held";
      t.holders = ir::kinds_text(p[w.role].holders) + (p[w.role].named_accounts ? ", named accounts only" : "");
      t.obtained = authorizers_text(p, p[w.role].assigned_by, "assigned");
      break;
    case V::template_role:
    case V::template_custom: {
      const ir::GrantTemplate& tp = p[*w.template_];
      t.via = w.via == V::template_custom ? fmt::format("template {}: custom permissions naming it", tp.name)
                                          : fmt::format("template {} -> role {}{}{}: {}", tp.name, p[w.role].name, inherited, level, permit);
      t.where = w.via == V::template_custom ? (tp.org_scope == ir::OrgScope::self ? "at the grant's organization only" : "at the grant's organization and below")
                : w.scope == ir::OrgScope::self ? "at the grant's organization"
                                                : "below the grant's organization";
      t.holders = ir::kinds_text(tp.grantee_kinds);
      t.obtained = authorizers_text(p, tp.granted_by, "granted");
      if (!tp.grantee_requires.empty()) {
        std::string roles;
        for (auto r : tp.grantee_requires) roles += (roles.empty() ? "" : ", ") + p[r].name;
        t.conditions.push_back("the grantee holds " + roles);
      }
      if (tp.valid_from == ir::Presence::required) t.conditions.push_back("valid_from given (inclusive)");
      t.conditions.push_back(tp.valid_to == ir::Presence::required ? "before valid_to (exclusive, required)" : "before valid_to if given (exclusive)");
      if (tp.max_duration) t.conditions.push_back(fmt::format("within {} of the grant's start", core::format_duration(*tp.max_duration)));
      if (tp.default_duration) t.conditions.push_back(fmt::format("default duration {}", core::format_duration(*tp.default_duration)));
      t.conditions.push_back("not revoked");
      if (tp.ceiling_grantor) t.conditions.push_back("the grantor holds it too, now (ceiling grantor)");
      if (!tp.scope_when.always()) t.conditions.push_back("scope when " + ir::condition_text(p, tp.scope_when.id));
      for (const auto& pre : tp.preconditions) t.conditions.push_back("precondition " + ir::condition_text(p, pre.id));
      t.span = tp.span;
      break;
    }
    case V::implicit: {
      const ir::ImplicitGrant& ig = p[*w.implicit];
      t.via = fmt::format("implicit grant {} -> role {}{}{}: {}", ig.name, p[w.role].name, inherited, level, permit);
      t.where = w.scope == ir::OrgScope::self ? "at the organization of its trigger" : "below the organization of its trigger";
      t.holders = ir::kinds_text(ig.grantee_kinds);
      t.obtained = "implicit (an event, at the organization it happens)";
      if (!ig.grantee_roles.empty()) {
        std::string roles;
        for (auto r : ig.grantee_roles) roles += (roles.empty() ? "" : ", ") + p[r].name;
        t.conditions.push_back("the principal holds " + roles);
      }
      if (!ig.when.always()) t.conditions.push_back("when " + ir::condition_text(p, ig.when.id));
      t.span = ig.span;
      break;
    }
  }
  for (auto r : w.requirements) t.conditions.push_back("requires " + ir::requirement_text(p, r));
  if (w.rule && !p[*w.rule].when.always()) t.conditions.push_back("when " + ir::condition_text(p, p[*w.rule].when.id));
  for (auto d : w.removed_by) t.removed.push_back(removed_text(p, d));
  for (auto f : forbids) t.removed.push_back(removed_text(p, f));
  if (!t.span.known() && w.rule) t.span = p[*w.rule].span;
  return t;
}

}  // namespace

std::string who_can_text(const ir::Policy& p, const SourceMap& sources, const eval::WhoCan& w) {
  const std::string perm = p.permission_name(w.permission);
  if (w.paths.empty()) return fmt::format("Nobody can hold {}: no role, grant template or implicit grant gives it.\n", perm);
  std::string out = fmt::format("{} can be held through {} path{}:\n", perm, w.paths.size(), w.paths.size() == 1 ? "" : "s");
  for (const auto& path : w.paths) {
    const PathText t = path_text(p, path, w.forbids);
    const std::string loc = location(sources, t.span);
    out += fmt::format("\n- {}{}\n", t.via, loc.empty() ? "" : "  (" + loc + ")");
    out += fmt::format("    where:    {}\n", t.where);
    out += fmt::format("    holders:  {}\n", t.holders);
    out += fmt::format("    obtained: {}\n", t.obtained);
    for (const auto& c : t.conditions) out += fmt::format("    if:       {}\n", c);
    for (const auto& r : t.removed) out += fmt::format("    unless:   {}\n", r);
  }
  return out;
}

std::string who_can_json(const ir::Policy& p, const SourceMap& sources, const eval::WhoCan& w) {
  json arr = json::array();
  for (const auto& path : w.paths) {
    const PathText t = path_text(p, path, w.forbids);
    json j{{"via", t.via}, {"scope", t.where}, {"holders", t.holders}, {"obtained", t.obtained}, {"conditions", t.conditions}, {"removed_by", t.removed},
           {"location", location(sources, t.span)}};
    if (path.rule) j["rule"] = p[*path.rule].key;
    arr.push_back(std::move(j));
  }
  return json{{"permission", p.permission_name(w.permission)}, {"paths", arr}}.dump(2);
}

std::string explain_role_text(const ir::Policy& p, const eval::RoleExplanation& e) {
  const ir::Role& r = p[e.role];
  std::string out = fmt::format("role {}{}\n", r.name, r.title.empty() ? "" : " " + core::quote(r.title));
  out += fmt::format("  holders: {}{}\n", ir::kinds_text(r.holders), r.named_accounts ? " (named accounts only)" : "");
  if (!r.extends.empty()) {
    std::string ext;
    for (auto x : r.extends) ext += (ext.empty() ? "" : ", ") + p[x].name;
    out += fmt::format("  extends: {}\n", ext);
  }
  for (auto scope : ir::all_of<ir::OrgScope>()) {
    const auto& rows = e.scopes[static_cast<std::size_t>(scope)];
    out += fmt::format("\n  at {} ({}):\n", ir::name(scope),
                       scope == ir::OrgScope::self ? "the organization where the role is held" : "every organization strictly below it");
    if (rows.empty()) {
      out += "    (nothing)\n";
      continue;
    }
    std::size_t width = 10;
    for (const auto& row : rows) width = std::max(width, p.permission_name(row.permission).size());
    out += fmt::format("    {:<{}}  {:<5}  {}\n", "PERMISSION", width, "", "THROUGH (requirements, conditions)");
    for (const auto& row : rows) {
      bool allows = false, denies = false;
      std::string through;
      for (const auto& en : row.entries) {
        std::string how = en.kind == eval::ExplainEntry::Kind::level ? "level " + ir::level_name(p, *en.level)
                                                                     : fmt::format("{} {}", en.kind == eval::ExplainEntry::Kind::deny ? "deny" : "permit",
                                                                                   ir::pattern_text(p, p[en.rule].pattern));
        if (en.declared_in != e.role) how += fmt::format(" [from {}]", p[en.declared_in].name);
        for (auto req : en.requirements) how += " requires " + ir::requirement_text(p, req);
        if (en.when != ir::kTrue) how += " when " + ir::condition_text(p, en.when);
        (en.kind == eval::ExplainEntry::Kind::deny ? denies : allows) = true;
        through += (through.empty() ? "" : "; ") + how;
      }
      const char* status = !allows ? "deny" : denies ? "deny*" : "allow";
      out += fmt::format("    {:<{}}  {:<5}  {}\n", p.permission_name(row.permission), width, status, through);
    }
  }
  out += "\n  allow: given when its conditions hold; deny*: allowed but removed by a deny of the role when the deny applies.\n";
  return out;
}

std::string explain_grid_text(const ir::Policy& p, const eval::PrincipalGrid& g) {
  std::size_t width = 10;
  for (std::uint32_t i = 0; i < p.permission_count(); ++i) width = std::max(width, p.permission_name(ir::PermissionId{i}).size());
  std::string out = fmt::format("{:<{}}", "PERMISSION", width);
  for (const auto& col : g.organizations) out += "  " + col;
  out += '\n';
  ir::PermissionSet any;
  for (const auto& s : g.allowed) any |= s;
  for (auto perm : any.members()) {
    std::string line = fmt::format("{:<{}}", p.permission_name(perm), width);
    for (std::size_t j = 0; j < g.organizations.size(); ++j) line += fmt::format("  {:^{}}", g.allowed[j].contains(perm) ? "allow" : ".", g.organizations[j].size());
    out += line + '\n';
  }
  out += fmt::format("{} of {} permissions allowed at some organization; \".\" is deny. Use `writ eval` for the reasons of one cell.\n", any.count(),
                     p.permission_count());
  return out;
}

std::string explain_grid_json(const ir::Policy& p, const eval::PrincipalGrid& g, std::int64_t at) {
  json orgs = json::object();
  for (std::size_t j = 0; j < g.organizations.size(); ++j) {
    json perms = json::array();
    for (auto perm : g.allowed[j].members()) perms.push_back(p.permission_name(perm));
    orgs[g.organizations[j]] = perms;
  }
  return json{{"at", at}, {"organizations", orgs}}.dump(2);
}

std::string describe_request(const ir::TestCase& t) {
  const ir::Request& r = t.request;
  std::vector<std::string> parts;
  parts.push_back(fmt::format("kind {}{}", ir::name(r.principal.kind), r.principal.named ? "" : " (shared)"));
  if (!r.principal.id.empty()) parts.push_back(fmt::format("id {}", r.principal.id));
  if (!r.principal.org.empty()) parts.push_back(fmt::format("org {}", r.principal.org));
  for (const auto& b : r.principal.roles) parts.push_back(fmt::format("role {}{}", b.role, b.org.empty() ? "" : " at " + b.org));
  for (const auto& g : r.principal.grants) {
    std::string roles;
    for (const auto& x : g.roles) roles += (roles.empty() ? "" : ",") + x;
    for (const auto& x : g.custom) roles += (roles.empty() ? "" : ",") + x.text;
    parts.push_back(fmt::format("grant {}[{}{}{}{}]", g.template_name, roles, g.valid_from ? " from " + core::format_timestamp(*g.valid_from) : "",
                                g.valid_to ? " to " + core::format_timestamp(*g.valid_to) : "", g.revoked ? " revoked" : ""));
  }
  for (const auto& tr : r.principal.triggers) parts.push_back(fmt::format("trigger {}{}", tr.implicit, tr.org.empty() ? "" : " at " + tr.org));
  if (r.resource_owner) parts.push_back(fmt::format("owner {}", *r.resource_owner));
  parts.push_back(fmt::format("target {}", r.target_org));
  parts.push_back(fmt::format("at {}", core::format_timestamp(r.at)));
  for (const auto& [k, v] : r.context) parts.push_back(fmt::format("context {}={}", k, ir::value_text(v)));
  switch (t.query) {
    case ir::TestCase::Query::request: parts.push_back(fmt::format("request {}/{}:{}", r.module, r.resource, r.action)); break;
    case ir::TestCase::Query::assign: parts.push_back(fmt::format("assign {}{}", t.assign_role, t.assign_org.empty() ? "" : " at " + t.assign_org)); break;
    case ir::TestCase::Query::validate: parts.push_back(fmt::format("validate {}", t.validate.template_name)); break;
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

std::string uncovered_text(const ir::Policy& p, const eval::Uncovered& u) {
  switch (u.kind) {
    case eval::Uncovered::Kind::rule: {
      const ir::Rule& r = p[*u.rule];
      std::string where;
      switch (r.kind) {
        case ir::RuleKind::role_permit:
        case ir::RuleKind::role_deny: where = fmt::format("role {}{}", p[r.role].name, r.scope == ir::OrgScope::self ? "" : " (at descendants)"); break;
        case ir::RuleKind::level_permit: where = "level " + ir::level_name(p, r.level); break;
        case ir::RuleKind::forbid_deny: where = "forbid " + p[r.forbid].name; break;
        case ir::RuleKind::template_deny: where = "template " + p[r.template_].name; break;
      }
      return fmt::format("uncovered rule: {}: `{} {}`", where, ir::is_permit(r.kind) ? "permit" : "deny", ir::pattern_text(p, r.pattern));
    }
    case eval::Uncovered::Kind::cell: {
      std::string list;
      for (std::size_t k = 0; k < u.permissions.size() && k < 6; ++k) list += (k ? ", " : "") + p.permission_name(u.permissions[k]);
      if (u.permissions.size() > 6) list += fmt::format(", and {} more", u.permissions.size() - 6);
      return fmt::format("uncovered cell: role {}: {} of {} permissions never requested: {}", p[*u.role].name, u.permissions.size(), u.of, list);
    }
    case eval::Uncovered::Kind::limit: return fmt::format("uncovered limit: template {}: `{}` is never exercised", p[*u.template_].name, u.code);
  }
  return "?";
}

Span span_of(const ir::Policy& p, const eval::Uncovered& u) {
  if (u.rule) return p[*u.rule].span;
  if (u.role) return p[*u.role].span;
  if (u.template_) return p[*u.template_].span;
  return {};
}

}  // namespace writ::report
