// See dump.hpp.
#include "compiler/ir/dump.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compiler/core/quote.hpp"
#include "compiler/core/time.hpp"
#include "compiler/ir/print.hpp"

namespace writ::ir {
namespace {

std::string quoted(std::string_view s) { return core::quote(s); }

class Dumper {
 public:
  Dumper(const Policy& p, const SourceMap* sources) : p_(p), sources_(sources) {}

  std::string policy() {
    line(0, fmt::format("policy {}{}", p_.name, title(p_.title)), p_.span);
    opt(1, "description", p_.description);
    line(1, fmt::format("combining {}", name(p_.combining)));
    line(1, fmt::format("max_grant_duration {}{}", core::format_duration(p_.grant_duration_limit()), p_.max_grant_duration ? "" : " (default)"));
    for (const auto& s : p_.severities) line(1, fmt::format("severity {} {}", s.code, s.level), s.span);
    for (const auto& s : p_.suppressions)
      line(1, fmt::format("suppress {} {} within {}", s.code, quoted(s.reason), s.within.file == 0 ? "the policy" : "the declaration" + at(s.within)),
           s.span);
    for (const auto& m : p_.modules) module(m);
    line(0, fmt::format("permissions {}", p_.permissions.size()));
    for (std::uint32_t i = 0; i < p_.permissions.size(); ++i) line(1, fmt::format("{} {}", i, p_.permission_name(PermissionId{i})));
    for (std::uint32_t i = 0; i < p_.levels.size(); ++i) level(LevelId{i});
    for (const auto& a : p_.attributes) attribute(a);
    for (const auto& r : p_.roles) role(r);
    for (const auto& t : p_.templates) grant_template(t);
    for (const auto& g : p_.implicit_grants) implicit(g);
    for (const auto& f : p_.forbids) forbid(f);
    for (const auto& a : p_.assertions) assertion(a);
    return std::move(out_);
  }

  std::string suite(const TestSuite& s) {
    for (const auto& [org, parent] : s.organizations) line(0, fmt::format("organization {}{}", org, parent.empty() ? "" : " in " + parent));
    for (const auto& t : s.tests) test(t);
    return std::move(out_);
  }

 private:
  void line(int indent, std::string_view text, std::optional<Span> span = std::nullopt) {
    out_.append(static_cast<std::size_t>(indent) * 2, ' ');
    out_ += text;
    if (span) out_ += at(*span);
    out_ += '\n';
  }
  /// ` @file:line:col` when the dump has sources (positions differ between syntaxes), else empty.
  [[nodiscard]] std::string at(const Span& span) const {
    if (!sources_ || !span.known() || span.file < 1 || span.file > sources_->size()) return "";
    return fmt::format(" @{}:{}:{}", sources_->path(span.file), span.line, span.col);
  }
  static std::string title(const std::string& t) { return t.empty() ? "" : " " + quoted(t); }
  void opt(int indent, std::string_view key, const std::string& value) {
    if (!value.empty()) line(indent, fmt::format("{} {}", key, quoted(value)));
  }

  std::string set(const PermissionSet& s) const {
    std::vector<std::string> names;
    for (auto id : s.members())
      if (id.value < p_.permissions.size()) names.push_back(p_.permission_name(id));
    std::sort(names.begin(), names.end());
    return fmt::format("{{{}}}", fmt::join(names, ", "));
  }
  std::string roles(const std::vector<RoleId>& rs) const {
    std::vector<std::string> names;
    for (auto r : rs) names.push_back(p_[r].name);
    return fmt::format("{}", fmt::join(names, ", "));
  }
  std::string levels(const std::vector<LevelId>& ls) const {
    std::vector<std::string> names;
    for (auto l : ls) names.push_back(level_name(p_, l));
    return fmt::format("{}", fmt::join(names, ", "));
  }
  std::string when(const Condition& c) const { return c.always() ? "" : " when " + condition_text(p_, c.id); }

  void requirement(int indent, RequirementId r) { line(indent, "requires " + requirement_text(p_, r), p_[r].span); }

  void rule(int indent, RuleId id) {
    const Rule& r = p_[id];
    line(indent, fmt::format("{} {}{}", is_permit(r.kind) ? "permit" : "deny", pattern_text(p_, r.pattern), when(r.when)), r.span);
    line(indent + 1, "key " + quoted(r.key));
    line(indent + 1, "permissions " + set(r.permissions));
    for (auto req : r.requirements) requirement(indent + 1, req);
  }

  void authorizer(int indent, std::string_view keyword, AuthorizerId id) {
    const Authorizer& a = p_[id];
    std::string who = a.automatic ? "automatic" : a.anyone ? "anyone" : roles(a.roles);
    if ((a.automatic || a.anyone) && !a.roles.empty()) who += ", " + roles(a.roles);
    line(indent, fmt::format("{} {}{}", keyword, who, when(a.when)), a.span);
    line(indent + 1, "key " + quoted(a.key));
    if (a.contained) line(indent + 1, "contained");
    if (!a.intended.empty()) line(indent + 1, "intended " + quoted(a.intended));
  }

  void module(const Module& m) {
    line(0, fmt::format("module {}{}", m.name, title(m.title)), m.span);
    opt(1, "description", m.description);
    for (auto a : m.actions) {
      const Action& act = p_[a];
      line(1, fmt::format("action {}: {}{}", act.name, name(act.action_class), title(act.title)), act.span);
    }
    for (auto r : m.resources) {
      const Resource& res = p_[r];
      std::vector<std::string> acts;
      for (auto a : res.actions) acts.push_back(p_[a].name);
      line(1, fmt::format("resource {}{} actions {}", res.path, title(res.title), fmt::join(acts, ", ")), res.span);
    }
  }

  void level(LevelId id) {
    const Level& l = p_[id];
    line(0, fmt::format("level {}{}", level_name(p_, id), title(l.title)), l.span);
    opt(1, "description", l.description);
    if (!l.above.empty()) line(1, "above " + levels(l.above));
    if (!l.includes.empty()) line(1, "includes " + levels(l.includes));
    if (l.readonly_of) line(1, "readonly_of " + level_name(p_, *l.readonly_of));
    for (auto r : l.requirements) requirement(1, r);
    for (auto r : l.permits) rule(1, r);
  }

  void attribute(const Attribute& a) {
    const std::string type = a.type == AttributeType::enumeration ? fmt::format("{{{}}}", fmt::join(a.enum_values, ", ")) : std::string(name(a.type));
    line(0, fmt::format("attribute {}: {}{}", a.name, type, a.default_value ? " = " + value_text(*a.default_value) : ""), a.span);
    opt(1, "description", a.description);
  }

  void role(const Role& r) {
    line(0, fmt::format("role {}{}", r.name, title(r.title)), r.span);
    opt(1, "description", r.description);
    line(1, "holders " + kinds_text(r.holders));
    if (r.named_accounts) line(1, "named_accounts");
    if (!r.extends.empty()) line(1, "extends " + roles(r.extends));
    for (auto a : r.assigned_by) authorizer(1, "assigned_by", a);
    for (auto s : all_of<OrgScope>()) {
      const ScopeAccess& g = r.at[static_cast<std::size_t>(s)];
      if (g.permits.empty() && g.denies.empty() && g.levels.empty()) continue;
      line(1, fmt::format("at {}", name(s)));
      for (const auto& la : g.levels) line(2, fmt::format("level {} = {}", p_[la.module].name, p_[la.level].name), la.span);
      for (auto x : g.permits) rule(2, x);
      for (auto x : g.denies) rule(2, x);
    }
  }

  void grant_template(const GrantTemplate& t) {
    line(0, fmt::format("template {}{}", t.name, title(t.title)), t.span);
    opt(1, "description", t.description);
    line(1, "grantee " + kinds_text(t.grantee_kinds));
    if (!t.grantee_requires.empty()) line(1, "grantee_requires " + roles(t.grantee_requires));
    if (!t.grantee_id.empty()) line(1, fmt::format("grantee_id {}{}", t.grantee_id, title(t.grantee_id_title)));
    for (auto a : t.granted_by) authorizer(1, "granted_by", a);
    for (const auto& f : t.fields) line(1, fmt::format("field {} {}{}", f.name, name(f.presence), title(f.title)), f.span);
    line(1, fmt::format("valid_from {}", name(t.valid_from)));
    line(1, fmt::format("valid_to {}", name(t.valid_to)));
    line(1, fmt::format("duration default {} max {}", t.default_duration ? core::format_duration(*t.default_duration) : "none",
                        t.max_duration ? core::format_duration(*t.max_duration) : "none"));
    if (!t.grantable_roles.empty()) line(1, "grants " + roles(t.grantable_roles));
    if (t.custom) line(1, "grants custom");
    line(1, fmt::format("scope {}", name(t.org_scope)));
    if (!t.scope_when.always()) line(1, "scope when " + condition_text(p_, t.scope_when.id));
    if (t.ceiling_grantor) line(1, "ceiling grantor");
    for (const auto& c : t.preconditions) line(1, "precondition " + condition_text(p_, c.id));
    for (auto d : t.denies) rule(1, d);
    if (t.revocable) line(1, "revocable");
    if (t.audited) line(1, "audited");
  }

  void implicit(const ImplicitGrant& g) {
    line(0, fmt::format("implicit {}{}", g.name, title(g.title)), g.span);
    opt(1, "description", g.description);
    line(1, "grantee " + kinds_text(g.grantee_kinds));
    if (!g.grantee_roles.empty()) line(1, "grantee_roles " + roles(g.grantee_roles));
    if (!g.when.always()) line(1, "when " + condition_text(p_, g.when.id));
    line(1, "grants " + roles(g.grants_roles));
  }

  std::string selector(const Selector& s) const {
    switch (s.kind) {
      case Selector::Kind::anyone: return "anyone";
      case Selector::Kind::principal_kind: return fmt::format("kind {}", name(s.principal_kind));
      case Selector::Kind::role: return "role " + p_[s.role].name;
      case Selector::Kind::template_: return "template " + p_[s.template_].name;
      case Selector::Kind::level: return "level " + level_name(p_, s.level);
    }
    return "?";
  }

  void forbid(const Forbid& f) {
    line(0, fmt::format("forbid {}{}", f.name, title(f.title)), f.span);
    for (const auto& s : f.applies_to) line(1, "applies_to " + selector(s), s.span);
    for (auto d : f.denies) rule(1, d);
    if (!f.when.always()) line(1, "when " + condition_text(p_, f.when.id));
    opt(1, "reason", f.reason);
  }

  void assertion(const Assertion& a) {
    line(0, fmt::format("assert {}{}", a.name, title(a.title)), a.span);
    using K = Assertion::Kind;
    switch (a.kind) {
      case K::never:
      case K::always:
        line(1, fmt::format("{} {} may {}", a.kind == K::never ? "never" : "always", selector(a.subject), a.pattern ? pattern_text(p_, *a.pattern) : "?"));
        line(2, "permissions " + set(a.permissions));
        break;
      case K::read_only: line(1, "read_only " + selector(a.subject)); break;
      case K::min_holders: line(1, fmt::format("min_holders {} {}", selector(a.subject), a.count)); break;
    }
  }

  static std::string bindings(const std::vector<RoleBinding>& bs) {
    std::vector<std::string> out;
    for (const auto& b : bs) out.push_back(b.org.empty() ? b.role : b.role + " at " + b.org);
    return fmt::format("{}", fmt::join(out, ", "));
  }

  void grant(int indent, std::string_view keyword, const GrantInstance& g) {
    line(indent, fmt::format("{} {}", keyword, g.template_name));
    if (!g.grantee_id.empty()) line(indent + 1, "grantee_id " + quoted(g.grantee_id));
    line(indent + 1, fmt::format("grantor {} {}", name(g.grantor_kind), g.grantor_named ? "named" : "shared"));
    if (!g.grantor_roles.empty()) line(indent + 1, "grantor_roles " + bindings(g.grantor_roles));
    if (!g.roles.empty()) line(indent + 1, fmt::format("roles {}", fmt::join(g.roles, ", ")));
    for (const auto& c : g.custom) line(indent + 1, "custom " + c.text + (c.permissions ? " " + set(*c.permissions) : " (names nothing)"));
    if (g.valid_from) line(indent + 1, "from " + core::format_timestamp(*g.valid_from));
    if (g.valid_to) line(indent + 1, "to " + core::format_timestamp(*g.valid_to));
    if (!g.org.empty()) line(indent + 1, "org " + g.org);
    for (const auto& [k, v] : g.fields) line(indent + 1, fmt::format("field {} {}", k, quoted(v)));
    if (g.revoked) line(indent + 1, "revoked");
  }

  void test(const TestCase& t) {
    line(0, fmt::format("test {}{}", t.name, title(t.title)), t.span);
    if (!t.from_matrix.empty()) line(1, "from_matrix " + t.from_matrix);
    const Request& r = t.request;
    line(1, fmt::format("principal {} {}{}{}", name(r.principal.kind), r.principal.named ? "named" : "shared",
                        r.principal.id.empty() ? "" : " id " + quoted(r.principal.id), r.principal.org.empty() ? "" : " org " + r.principal.org));
    if (!r.principal.roles.empty()) line(1, "roles " + bindings(r.principal.roles));
    for (const auto& g : r.principal.grants) grant(1, "grant", g);
    for (const auto& tr : r.principal.triggers) line(1, fmt::format("trigger {}{}", tr.implicit, tr.org.empty() ? "" : " at " + tr.org));
    if (r.resource_owner) line(1, "owner " + quoted(*r.resource_owner));
    line(1, "target " + r.target_org);
    line(1, "at " + core::format_timestamp(r.at));
    for (const auto& [k, v] : r.context) line(1, fmt::format("context {} = {}", k, value_text(v)));
    switch (t.query) {
      case TestCase::Query::request: line(1, fmt::format("request {}/{}:{}", r.module, r.resource, r.action)); break;
      case TestCase::Query::validate: grant(1, "validate", t.validate); break;
      case TestCase::Query::assign: line(1, fmt::format("assign {}{}", t.assign_role, t.assign_org.empty() ? "" : " at " + t.assign_org)); break;
    }
    static constexpr const char* kExpect[] = {"allow", "deny", "valid", "invalid"};
    line(1, fmt::format("expect {}{}{}", kExpect[static_cast<int>(t.expect)], t.expect_violations.empty() ? "" : " ", fmt::join(t.expect_violations, ", ")));
  }

  const Policy& p_;
  const SourceMap* sources_;
  std::string out_;
};

}  // namespace

std::string dump_policy(const Policy& policy, const SourceMap* sources) { return Dumper(policy, sources).policy(); }
std::string dump_suite(const Policy& policy, const TestSuite& suite, const SourceMap* sources) { return Dumper(policy, sources).suite(suite); }

}  // namespace writ::ir
