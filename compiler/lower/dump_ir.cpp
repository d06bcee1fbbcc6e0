// `--dump=ir`: the lowered policy as stable, line-oriented text. Every entity with its name; spans
// (`@file:line:col`) only when a SourceMap is given, so that without them the dump of a policy
// written in the DSL equals the dump of the same policy written in YAML. Permission sets print as
// sorted permission names, so a reader never decodes ids.
// Covered by the golden dumps (tests/unit/lower/golden_test.cpp, tests/golden/*.ir.txt).
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/lower/dump.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower {
namespace {

using detail::kind_name;

std::string quoted(std::string_view s) { return dsl::quote(s); }

class IrDumper {
 public:
  IrDumper(const ir::Policy& p, const SourceMap* sources) : p_(p), sources_(sources) {}

  std::string run() {
    line(0, fmt::format("policy {}{}", p_.name, title(p_.title)), p_.span);
    opt(1, "description", p_.description);
    line(1, fmt::format("combining {}", p_.combining == ir::Combining::permissive ? "permissive" : "deny_overrides"));
    for (const auto& m : p_.modules) module(m);
    line(0, fmt::format("permissions {}", p_.permissions.size()));
    for (std::uint32_t i = 0; i < p_.permissions.size(); ++i)
      line(1, fmt::format("{} {}", i, p_.permission_name(ir::PermissionId{i})));
    for (std::uint32_t i = 0; i < p_.levels.size(); ++i) level(ir::LevelId{i});
    for (const auto& a : p_.attributes) attribute(a);
    for (const auto& r : p_.roles) role(r);
    for (const auto& t : p_.templates) grant_template(t);
    for (const auto& g : p_.implicit_grants) implicit(g);
    for (const auto& f : p_.forbids) forbid(f);
    for (const auto& a : p_.assertions) assertion(a);
    for (const auto& [name, parent] : p_.organizations)
      line(0, fmt::format("organization {}{}", name, parent.empty() ? "" : " in " + parent));
    for (const auto& t : p_.tests) test(t);
    return out_;
  }

 private:
  void line(int indent, std::string_view text, std::optional<Span> span = std::nullopt) {
    out_.append(static_cast<std::size_t>(indent) * 2, ' ');
    out_ += text;
    if (span && sources_ && span->known() && span->file >= 1 && span->file <= sources_->size())
      out_ += fmt::format(" @{}:{}:{}", sources_->path(span->file), span->line, span->col);
    out_ += '\n';
  }
  static std::string title(const std::string& t) { return t.empty() ? "" : " " + quoted(t); }
  void opt(int indent, std::string_view key, const std::string& value) {
    if (!value.empty()) line(indent, fmt::format("{} {}", key, quoted(value)));
  }

  std::string set(const ir::PermissionSet& s) const {
    std::vector<std::string> names;
    for (auto id : s.members())
      if (id.value < p_.permissions.size()) names.push_back(p_.permission_name(id));
    std::sort(names.begin(), names.end());
    return fmt::format("{{{}}}", fmt::join(names, ", "));
  }
  std::string level_ref(ir::LevelId id) const { return detail::level_name(p_, id); }
  std::string role_ref(ir::RoleId id) const { return p_.roles[id.value].name; }
  std::string kinds(const std::vector<ir::PrincipalKind>& ks) const {
    std::vector<std::string_view> names;
    for (auto k : ks) names.push_back(kind_name(k));
    return fmt::format("{}", fmt::join(names, ", "));
  }
  std::string roles(const std::vector<ir::RoleId>& rs) const {
    std::vector<std::string> names;
    for (auto r : rs) names.push_back(role_ref(r));
    return fmt::format("{}", fmt::join(names, ", "));
  }

  std::string expr(const ir::Expr& e) const {
    using K = ir::Expr::Kind;
    switch (e.kind) {
      case K::boolean: return e.bool_value ? "true" : "false";
      case K::integer: return std::to_string(e.int_value);
      case K::string: return quoted(e.text);
      case K::attribute: return "context." + p_.attributes[e.attribute.value].name;
      case K::builtin:
        return std::string(ir::builtin_path(e.builtin));
      case K::list: {
        std::vector<std::string> items;
        for (const auto& k : e.kids) items.push_back(expr(k));
        return fmt::format("[{}]", fmt::join(items, ", "));
      }
      case K::not_: return "not " + expr(e.kids[0]);
      // Binary operators are fully parenthesised: the dump shows how the parser grouped them.
      case K::and_: return fmt::format("({} and {})", expr(e.kids[0]), expr(e.kids[1]));
      case K::or_: return fmt::format("({} or {})", expr(e.kids[0]), expr(e.kids[1]));
      case K::eq: return fmt::format("({} == {})", expr(e.kids[0]), expr(e.kids[1]));
      case K::ne: return fmt::format("({} != {})", expr(e.kids[0]), expr(e.kids[1]));
      case K::in: return fmt::format("({} in {})", expr(e.kids[0]), expr(e.kids[1]));
      case K::not_in: return fmt::format("({} not in {})", expr(e.kids[0]), expr(e.kids[1]));
    }
    return "?";
  }

  void requirement(int indent, const ir::Requirement& r) {
    line(indent, fmt::format("requires {} >= {}", p_.modules[r.module.value].name, p_.levels[r.level.value].name), r.span);
  }

  void rule(int indent, std::string_view keyword, const ir::Rule& r) {
    line(indent, fmt::format("{} {}", keyword, r.pattern), r.span);
    line(indent + 1, fmt::format("permissions {}", set(r.permissions)));
    for (const auto& req : r.requirements) requirement(indent + 1, req);
    if (r.when) line(indent + 1, "when " + expr(*r.when));
  }

  void authorizer(int indent, std::string_view keyword, const ir::Authorizer& a) {
    std::string who = a.automatic ? "automatic" : a.anyone ? "anyone" : roles(a.roles);
    if ((a.automatic || a.anyone) && !a.roles.empty()) who += ", " + roles(a.roles);
    line(indent, fmt::format("{} {}{}", keyword, who, a.when ? " when " + expr(*a.when) : ""), a.span);
  }

  void module(const ir::Module& m) {
    line(0, fmt::format("module {}{}", m.name, title(m.title)), m.span);
    opt(1, "description", m.description);
    for (auto a : m.actions) {
      const ir::Action& act = p_[a];
      line(1, fmt::format("action {}: {}{}", act.name, act.action_class == ir::ActionClass::read ? "read" : "write",
                          title(act.title)),
           act.span);
    }
    for (auto r : m.resources) {
      const ir::Resource& res = p_[r];
      std::vector<std::string> acts;
      for (auto a : res.actions) acts.push_back(p_[a].name);
      line(1, fmt::format("resource {}{} actions {}", res.path, title(res.title), fmt::join(acts, ", ")), res.span);
    }
  }

  void level(ir::LevelId id) {
    const ir::Level& l = p_[id];
    line(0, fmt::format("level {}{}", level_ref(id), title(l.title)), l.span);
    opt(1, "description", l.description);
    if (!l.above.empty()) {
      std::vector<std::string> names;
      for (auto a : l.above) names.push_back(level_ref(a));
      line(1, fmt::format("above {}", fmt::join(names, ", ")));
    }
    if (l.readonly_of) line(1, "readonly_of " + level_ref(*l.readonly_of));
    for (const auto& r : l.requirements) requirement(1, r);
    for (const auto& r : l.permits) rule(1, "permit", r);
  }

  void attribute(const ir::Attribute& a) {
    std::string type;
    switch (a.type) {
      case ast::AttributeDecl::Type::boolean: type = "bool"; break;
      case ast::AttributeDecl::Type::integer: type = "int"; break;
      case ast::AttributeDecl::Type::string: type = "string"; break;
      case ast::AttributeDecl::Type::enumeration: type = fmt::format("{{{}}}", fmt::join(a.enum_values, ", ")); break;
    }
    std::string def;
    if (a.default_value)
      def = " = " + std::visit(
                        [](const auto& v) -> std::string {
                          using T = std::decay_t<decltype(v)>;
                          if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
                          else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(v);
                          else return quoted(v);
                        },
                        *a.default_value);
    line(0, fmt::format("attribute {}: {}{}", a.name, type, def), a.span);
    opt(1, "description", a.description);
  }

  void role(const ir::Role& r) {
    line(0, fmt::format("role {}{}", r.name, title(r.title)), r.span);
    opt(1, "description", r.description);
    line(1, "holders " + kinds(r.holders));
    if (r.named_accounts) line(1, "named_accounts");
    if (!r.extends.empty()) line(1, "extends " + roles(r.extends));
    for (const auto& a : r.assigned_by) authorizer(1, "assigned_by", a);
    for (std::size_t s = 0; s < ir::kOrgScopeCount; ++s) {
      const ir::ScopeGrants& g = r.at[s];
      if (g.permits.empty() && g.denies.empty() && g.levels.empty()) continue;
      line(1, s == 0 ? "at self" : "at descendants");
      for (const auto& la : g.levels)
        line(2, fmt::format("level {} = {}", p_.modules[la.module.value].name, p_.levels[la.level.value].name), la.span);
      for (const auto& x : g.permits) rule(2, "permit", x);
      for (const auto& x : g.denies) rule(2, "deny", x);
    }
  }

  void grant_template(const ir::GrantTemplate& t) {
    line(0, fmt::format("template {}{}", t.name, title(t.title)), t.span);
    opt(1, "description", t.description);
    line(1, "grantee " + kinds(t.grantee_kinds));
    if (!t.grantee_id.empty()) line(1, fmt::format("grantee_id {}{}", t.grantee_id, title(t.grantee_id_title)));
    for (const auto& a : t.granted_by) authorizer(1, "granted_by", a);
    for (const auto& f : t.fields)
      line(1, fmt::format("field {} {}{}", f.name, f.presence == ir::Presence::required ? "required" : "optional",
                          title(f.title)),
           f.span);
    line(1, fmt::format("valid_from {}", t.valid_from == ir::Presence::required ? "required" : "optional"));
    line(1, fmt::format("valid_to {}", t.valid_to == ir::Presence::required ? "required" : "optional"));
    line(1, fmt::format("duration default {} max {}", t.default_duration ? format_duration(*t.default_duration) : "none",
                        t.max_duration ? format_duration(*t.max_duration) : "none"));
    if (!t.grantable_roles.empty()) line(1, "grants " + roles(t.grantable_roles));
    if (t.custom) line(1, "grants custom");
    line(1, fmt::format("scope {}", t.org_scope == ir::OrgScope::self ? "self" : "descendants"));
    if (t.scope_when) line(1, "scope when " + expr(*t.scope_when));
    if (t.ceiling_grantor) line(1, "ceiling grantor");
    for (const auto& e : t.preconditions) line(1, "precondition " + expr(e));
    for (const auto& d : t.denies) rule(1, "deny", d);
    if (t.revocable) line(1, "revocable");
    if (t.audited) line(1, "audited");
  }

  void implicit(const ir::ImplicitGrant& g) {
    line(0, fmt::format("implicit {}{}", g.name, title(g.title)), g.span);
    opt(1, "description", g.description);
    line(1, "grantee " + kinds(g.grantee_kinds));
    if (!g.grantee_roles.empty()) line(1, "grantee_roles " + roles(g.grantee_roles));
    if (g.when) line(1, "when " + expr(*g.when));
    line(1, "grants " + roles(g.grants_roles));
  }

  std::string selector(const ir::Selector& s) const {
    switch (s.kind) {
      case ir::Selector::Kind::anyone: return "anyone";
      case ir::Selector::Kind::principal_kind: return fmt::format("kind {}", kind_name(s.principal_kind));
      case ir::Selector::Kind::role: return "role " + role_ref(s.role);
      case ir::Selector::Kind::template_: return "template " + p_.templates[s.template_.value].name;
      case ir::Selector::Kind::level: return "level " + level_ref(s.level);
    }
    return "?";
  }

  void forbid(const ir::Forbid& f) {
    line(0, fmt::format("forbid {}{}", f.name, title(f.title)), f.span);
    for (const auto& s : f.applies_to) line(1, "applies_to " + selector(s), s.span);
    for (const auto& d : f.denies) rule(1, "deny", d);
    if (f.when) line(1, "when " + expr(*f.when));
    opt(1, "reason", f.reason);
  }

  void assertion(const ir::Assertion& a) {
    line(0, fmt::format("assert {}{}", a.name, title(a.title)), a.span);
    using K = ir::Assertion::Kind;
    switch (a.kind) {
      case K::never:
      case K::always:
        line(1, fmt::format("{} {} may {}", a.kind == K::never ? "never" : "always", selector(a.subject), a.pattern));
        line(2, "permissions " + set(a.permissions));
        break;
      case K::read_only: line(1, "read_only " + selector(a.subject)); break;
      case K::min_holders: line(1, fmt::format("min_holders {} {}", selector(a.subject), a.count)); break;
    }
  }

  static std::string bindings(const std::vector<ir::RoleBinding>& bs) {
    std::vector<std::string> out;
    for (const auto& b : bs) out.push_back(b.org.empty() ? b.role : b.role + " at " + b.org);
    return fmt::format("{}", fmt::join(out, ", "));
  }

  void grant(int indent, std::string_view keyword, const ir::GrantInstance& g) {
    line(indent, fmt::format("{} {}", keyword, g.template_name));
    if (!g.grantee_id.empty()) line(indent + 1, "grantee_id " + quoted(g.grantee_id));
    line(indent + 1, fmt::format("grantor {} {}", kind_name(g.grantor_kind), g.grantor_named ? "named" : "shared"));
    if (!g.grantor_roles.empty()) line(indent + 1, "grantor_roles " + bindings(g.grantor_roles));
    if (!g.roles.empty()) line(indent + 1, fmt::format("roles {}", fmt::join(g.roles, ", ")));
    for (const auto& c : g.custom) line(indent + 1, "custom " + c);
    if (g.valid_from) line(indent + 1, "from " + format_timestamp(*g.valid_from));
    if (g.valid_to) line(indent + 1, "to " + format_timestamp(*g.valid_to));
    if (!g.org.empty()) line(indent + 1, "org " + g.org);
    for (const auto& [k, v] : g.fields) line(indent + 1, fmt::format("field {} {}", k, quoted(v)));
    if (g.revoked) line(indent + 1, "revoked");
  }

  void test(const ir::TestCase& t) {
    line(0, fmt::format("test {}{}", t.name, title(t.title)), t.span);
    if (!t.from_matrix.empty()) line(1, "from_matrix " + t.from_matrix);
    const ir::Request& r = t.request;
    line(1, fmt::format("principal {} {}{}{}", kind_name(r.principal.kind), r.principal.named ? "named" : "shared",
                        r.principal.id.empty() ? "" : " id " + quoted(r.principal.id),
                        r.principal.org.empty() ? "" : " org " + r.principal.org));
    if (!r.principal.roles.empty()) line(1, "roles " + bindings(r.principal.roles));
    for (const auto& g : r.principal.grants) grant(1, "grant", g);
    line(1, "target " + r.target_org);
    line(1, "at " + format_timestamp(r.at));
    for (const auto& [k, v] : r.context)
      line(1, fmt::format("context {} = {}",
                          k, std::visit(
                                 [](const auto& x) -> std::string {
                                   using T = std::decay_t<decltype(x)>;
                                   if constexpr (std::is_same_v<T, bool>) return x ? "true" : "false";
                                   else if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(x);
                                   else return quoted(x);
                                 },
                                 v)));
    switch (t.query) {
      case ir::TestCase::Query::request: line(1, fmt::format("request {}/{}:{}", r.module, r.resource, r.action)); break;
      case ir::TestCase::Query::validate: grant(1, "validate", t.validate); break;
      case ir::TestCase::Query::assign:
        line(1, fmt::format("assign {}{}", t.assign_role, t.assign_org.empty() ? "" : " at " + t.assign_org));
        break;
    }
    static constexpr const char* kExpect[] = {"allow", "deny", "valid", "invalid"};
    line(1, fmt::format("expect {}{}{}", kExpect[static_cast<int>(t.expect)], t.expect_violations.empty() ? "" : " ",
                        fmt::join(t.expect_violations, ", ")));
  }

  const ir::Policy& p_;
  const SourceMap* sources_;
  std::string out_;
};

}  // namespace

std::string dump_ir(const ir::Policy& policy, const SourceMap* sources) { return IrDumper(policy, sources).run(); }

}  // namespace writ::lower
