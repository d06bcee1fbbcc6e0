// `--dump=ast`: one file's syntax tree as stable, line-oriented text, every node with its
// position (`@line:col`) so a front-end bug shows up as a diff. Expressions print as
// s-expressions on one line (the grouping the parser chose); comments are listed where kept.
// Covered by the golden dumps (tests/unit/lower/golden_test.cpp, tests/golden/*.ast.txt).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/lower/dump.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower {
namespace {

using detail::kind_name;
using detail::scope_name;

std::string quoted(std::string_view s) { return dsl::quote(s); }

std::string at(const Span& s) { return fmt::format("@{}:{}", s.line, s.col); }

std::string expr(const ast::Expr& e) {
  using K = ast::Expr::Kind;
  auto kids = [&] {
    std::vector<std::string> out;
    for (const auto& k : e.kids) out.push_back(expr(k));
    return fmt::format("{}", fmt::join(out, " "));
  };
  switch (e.kind) {
    case K::boolean: return e.bool_value ? "true" : "false";
    case K::integer: return std::to_string(e.int_value);
    case K::string: return quoted(e.text);
    case K::path: return fmt::format("{}", fmt::join(e.segments, "."));
    case K::list: return "[" + kids() + "]";
    case K::not_: return "(not " + kids() + ")";
    case K::and_: return "(and " + kids() + ")";
    case K::or_: return "(or " + kids() + ")";
    case K::eq: return "(== " + kids() + ")";
    case K::ne: return "(!= " + kids() + ")";
    case K::in: return "(in " + kids() + ")";
    case K::not_in: return "(not_in " + kids() + ")";
  }
  return "?";
}

std::string pattern(const ast::PermissionPattern& p) {
  std::string out = p.module.text;
  for (const auto& s : p.path) out += "/" + s.text;
  if (p.subtree) out += "/**";
  switch (p.actions) {
    case ast::PermissionPattern::Actions::all: return out + ":*";
    case ast::PermissionPattern::Actions::read_class: return out + ":@read";
    case ast::PermissionPattern::Actions::write_class: return out + ":@write";
    case ast::PermissionPattern::Actions::named: {
      std::vector<std::string> names;
      for (const auto& n : p.action_names) names.push_back(n.text);
      return out + (names.size() == 1 ? ":" + names[0] : fmt::format(":{{{}}}", fmt::join(names, ", ")));
    }
  }
  return out;
}

std::string names(const std::vector<ast::Name>& ns) {
  std::vector<std::string> out;
  for (const auto& n : ns) out.push_back(n.text);
  return fmt::format("{}", fmt::join(out, ", "));
}

std::string kinds(const std::vector<ast::KindRef>& ks) {
  std::vector<std::string_view> out;
  for (const auto& k : ks) out.push_back(kind_name(k.kind));
  return fmt::format("{}", fmt::join(out, ", "));
}

std::string presence(ast::Presence p) { return p == ast::Presence::required ? "required" : "optional"; }

class AstDumper {
 public:
  std::string run(const ast::File& f) {
    line(0, fmt::format("file {}", quoted(f.path)));
    for (const auto& d : f.decls) std::visit([&](const auto& x) { decl(x); }, d);
    comments(0, f.trailing_comments);
    return out_;
  }

 private:
  void line(int indent, std::string_view text) {
    out_.append(static_cast<std::size_t>(indent) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }
  void comments(int indent, const ast::Comments& cs) {
    for (const auto& c : cs) line(indent, "# " + quoted(c));
  }
  void str(int indent, std::string_view key, const std::optional<ast::StringLit>& s) {
    if (s) line(indent, fmt::format("{} {} {}", key, quoted(s->value), at(s->span)));
  }
  static std::string title(const std::optional<ast::StringLit>& t) { return t ? " " + quoted(t->value) : ""; }
  void when(int indent, const std::optional<ast::Expr>& e, std::string_view key = "when") {
    if (e) line(indent, fmt::format("{} {} {}", key, expr(*e), at(e->span)));
  }
  void requirement(int indent, const ast::Requirement& r) {
    line(indent, fmt::format("requires {} >= {} {}", r.module.text, r.level.text, at(r.span)));
  }
  void permit(int indent, const ast::Permit& p) {
    comments(indent, p.comments);
    line(indent, fmt::format("permit {}{} {}", pattern(p.pattern), p.name ? " as " + p.name->text : "", at(p.span)));
    for (const auto& r : p.requirements) requirement(indent + 1, r);
    when(indent + 1, p.when);
  }
  void deny(int indent, const ast::Deny& d) {
    comments(indent, d.comments);
    line(indent, fmt::format("deny {}{} {}", pattern(d.pattern), d.name ? " as " + d.name->text : "", at(d.span)));
    when(indent + 1, d.when);
  }
  void authorizer(int indent, std::string_view key, const ast::Authorizer& a) {
    comments(indent, a.comments);
    std::string who = names(a.roles);
    if (a.automatic) who = "automatic" + (who.empty() ? "" : ", " + who);
    if (a.anyone) who = "anyone" + (who.empty() ? "" : ", " + who);
    line(indent, fmt::format("{} {} {}", key, who, at(a.span)));
    when(indent + 1, a.when);
    if (a.contained) line(indent + 1, "contained " + at(*a.contained));
    str(indent + 1, "intended", a.intended);
  }
  void suppressions(int indent, const std::vector<ast::Suppression>& xs) {
    for (const auto& x : xs) {
      comments(indent, x.comments);
      line(indent, fmt::format("suppress {} {} {}", x.code.text, quoted(x.reason.value), at(x.span)));
    }
  }
  std::string selector(const ast::Selector& s) {
    switch (s.kind) {
      case ast::Selector::Kind::anyone: return "anyone " + at(s.span);
      case ast::Selector::Kind::principal_kind: return fmt::format("kind {} {}", kind_name(s.principal_kind), at(s.span));
      case ast::Selector::Kind::role: return fmt::format("role {} {}", s.name.text, at(s.span));
      case ast::Selector::Kind::template_: return fmt::format("template {} {}", s.name.text, at(s.span));
      case ast::Selector::Kind::level:
        return fmt::format("level {}{} {}", s.module ? s.module->text + "." : "", s.name.text, at(s.span));
    }
    return "?";
  }
  void resource(int indent, const ast::ResourceDecl& r) {
    comments(indent, r.comments);
    line(indent, fmt::format("resource {}{} actions {} {}", r.name.text, title(r.title), names(r.actions), at(r.span)));
    for (const auto& c : r.children) resource(indent + 1, c);
  }
  void raw(int indent, std::string_view key, const std::optional<ast::RawLit>& r) {
    if (r) line(indent, fmt::format("{} {} {}", key, r->text, at(r->span)));
  }
  void bindings(int indent, std::string_view key, const std::vector<ast::RoleBinding>& bs) {
    for (const auto& b : bs)
      line(indent, fmt::format("{} {}{} {}", key, b.role.text, b.org ? " at " + b.org->text : "", at(b.span)));
  }
  void grant(int indent, std::string_view key, const ast::GrantInstance& g) {
    line(indent, fmt::format("{} {} {}", key, g.template_name.text, at(g.span)));
    str(indent + 1, "grantee_id", g.grantee_id);
    if (g.grantor_kind) line(indent + 1, fmt::format("grantor_kind {}", kind_name(g.grantor_kind->kind)));
    if (g.grantor_named) line(indent + 1, *g.grantor_named ? "grantor_named" : "grantor_shared");
    bindings(indent + 1, "grantor_role", g.grantor_roles);
    if (!g.roles.empty()) line(indent + 1, "roles " + names(g.roles));
    for (const auto& c : g.custom) line(indent + 1, fmt::format("custom {} {}", pattern(c), at(c.span)));
    raw(indent + 1, "from", g.valid_from);
    raw(indent + 1, "to", g.valid_to);
    if (g.org) line(indent + 1, "org " + g.org->text);
    for (const auto& f : g.fields) line(indent + 1, fmt::format("field {} {} {}", f.name.text, quoted(f.value.value), at(f.span)));
    if (g.revoked) line(indent + 1, "revoked");
  }
  void setup(int indent, const ast::RequestSetup& s) {
    if (s.kind) line(indent, fmt::format("kind {} {}", kind_name(s.kind->kind), at(s.kind->span)));
    if (s.named) line(indent, *s.named ? "named" : "shared");
    str(indent, "id", s.principal_id);
    if (s.principal_org) line(indent, fmt::format("org {} {}", s.principal_org->text, at(s.principal_org->span)));
    bindings(indent, "role", s.roles);
    for (const auto& t : s.triggers)
      line(indent, fmt::format("trigger {}{} {}", t.implicit.text, t.org ? " at " + t.org->text : "", at(t.span)));
    str(indent, "owner", s.resource_owner);
    for (const auto& g : s.grants) grant(indent, "grant", g);
    if (s.target) line(indent, fmt::format("target {} {}", s.target->text, at(s.target->span)));
    raw(indent, "at", s.at);
    for (const auto& c : s.context) line(indent, fmt::format("context {} = {} {}", c.name.text, expr(c.value), at(c.span)));
  }

  void decl(const ast::PolicyDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("policy {}{} {}", d.name.text, title(d.title), at(d.span)));
    str(1, "description", d.description);
    line(1, fmt::format("combining {}", ir::name(d.combining)));
    raw(1, "max_grant_duration", d.max_grant_duration);
    for (const auto& x : d.severities) {
      comments(1, x.comments);
      line(1, fmt::format("severity {} {} {}", x.code.text, x.level.text, at(x.span)));
    }
    suppressions(1, d.suppressions);
  }
  void decl(const ast::ImportDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("import {} {}", quoted(d.path.value), at(d.span)));
  }
  void decl(const ast::AttributeDecl& d) {
    comments(0, d.comments);
    static constexpr const char* kTypes[] = {"bool", "int", "string", "enum"};
    line(0, fmt::format("attribute {}: {}{}{} {}", d.name.text, kTypes[static_cast<int>(d.type)],
                        d.enum_values.empty() ? "" : " {" + names(d.enum_values) + "}",
                        d.default_value ? " = " + expr(*d.default_value) : "", at(d.span)));
    str(1, "description", d.description);
  }
  void decl(const ast::OrganizationDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("organization {}{} {}", d.name.text, d.parent ? " in " + d.parent->text : "", at(d.span)));
  }
  void decl(const ast::ModuleDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("module {}{} {}", d.name.text, title(d.title), at(d.span)));
    str(1, "description", d.description);
    suppressions(1, d.suppressions);
    for (const auto& a : d.actions) {
      comments(1, a.comments);
      line(1, fmt::format("action {}: {}{} {}", a.name.text, a.action_class == ast::ActionClass::read ? "read" : "write",
                          title(a.title), at(a.span)));
    }
    for (const auto& r : d.resources) resource(1, r);
    for (const auto& l : d.levels) {
      comments(1, l.comments);
      line(1, fmt::format("level {}{}{}{} {}", l.name.text, title(l.title),
                          l.above.empty() ? "" : " above " + names(l.above),
                          l.readonly_of ? " = readonly(" + l.readonly_of->text + ")" : "", at(l.span)));
      str(2, "description", l.description);
      suppressions(2, l.suppressions);
      if (!l.includes.empty()) line(2, "includes " + names(l.includes));
      for (const auto& r : l.requirements) requirement(2, r);
      for (const auto& p : l.permits) permit(2, p);
    }
  }
  void decl(const ast::RoleDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("role {}{} {}", d.name.text, title(d.title), at(d.span)));
    str(1, "description", d.description);
    suppressions(1, d.suppressions);
    if (!d.holders.empty()) line(1, "holders " + kinds(d.holders));
    if (d.named_accounts) line(1, "named_accounts");
    if (!d.extends.empty()) line(1, "extends " + names(d.extends));
    for (const auto& a : d.assigned_by) authorizer(1, "assigned_by", a);
    for (const auto& s : d.scopes) {
      comments(1, s.comments);
      line(1, fmt::format("at {}{} {}", scope_name(s.scope), s.implicit_self ? " (implicit)" : "", at(s.span)));
      for (const auto& l : s.levels) {
        comments(2, l.comments);
        line(2, fmt::format("level {} = {} {}", l.module.text, l.level.text, at(l.span)));
      }
      for (const auto& p : s.permits) permit(2, p);
      for (const auto& x : s.denies) deny(2, x);
    }
  }
  void decl(const ast::ForbidDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("forbid {}{} {}", d.name.text, title(d.title), at(d.span)));
    suppressions(1, d.suppressions);
    for (const auto& s : d.applies_to) line(1, "applies_to " + selector(s));
    for (const auto& x : d.denies) deny(1, x);
    when(1, d.when);
    str(1, "reason", d.reason);
  }
  void decl(const ast::GrantTemplateDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("template {}{} {}", d.name.text, title(d.title), at(d.span)));
    str(1, "description", d.description);
    suppressions(1, d.suppressions);
    if (!d.grantee_kinds.empty()) line(1, "grantee " + kinds(d.grantee_kinds));
    if (!d.grantee_requires.empty()) line(1, "grantee_requires " + names(d.grantee_requires));
    if (d.grantee_id) line(1, fmt::format("grantee_id {}{}", d.grantee_id->text, title(d.grantee_id_title)));
    for (const auto& a : d.granted_by) authorizer(1, "granted_by", a);
    for (const auto& f : d.fields) {
      comments(1, f.comments);
      line(1, fmt::format("field {} {}{} {}", f.name.text, presence(f.presence), title(f.title), at(f.span)));
    }
    if (d.valid_from) line(1, "valid_from " + presence(*d.valid_from));
    if (d.valid_to) line(1, "valid_to " + presence(*d.valid_to));
    raw(1, "duration default", d.default_duration);
    raw(1, "duration max", d.max_duration);
    if (!d.grantable_roles.empty()) line(1, "grants " + names(d.grantable_roles));
    if (d.custom) line(1, "grants custom");
    if (d.org_scope) line(1, fmt::format("scope {}{}", scope_name(*d.org_scope), d.org_scope_span ? " " + at(*d.org_scope_span) : ""));
    when(1, d.scope_when, "scope when");
    if (d.ceiling_grantor) line(1, "ceiling grantor");
    for (const auto& e : d.preconditions) line(1, fmt::format("precondition {} {}", expr(e), at(e.span)));
    for (const auto& x : d.denies) deny(1, x);
    if (d.revocable) line(1, "revocable");
    if (d.audited) line(1, "audited");
  }
  void decl(const ast::ImplicitGrantDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("implicit {}{} {}", d.name.text, title(d.title), at(d.span)));
    str(1, "description", d.description);
    suppressions(1, d.suppressions);
    if (!d.grantee_kinds.empty()) line(1, "grantee " + kinds(d.grantee_kinds));
    if (!d.grantee_roles.empty()) line(1, "grantee_roles " + names(d.grantee_roles));
    when(1, d.when);
    if (!d.grants_roles.empty()) line(1, "grants " + names(d.grants_roles));
  }
  void decl(const ast::AssertDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("assert {}{} {}", d.name.text, title(d.title), at(d.span)));
    using K = ast::AssertDecl::Kind;
    switch (d.kind) {
      case K::never:
      case K::always:
        line(1, fmt::format("{} {} may {}", d.kind == K::never ? "never" : "always", selector(d.subject),
                            d.pattern ? pattern(*d.pattern) + " " + at(d.pattern->span) : "?"));
        break;
      case K::read_only: line(1, "read_only " + selector(d.subject)); break;
      case K::min_holders: line(1, fmt::format("min_holders {} {}", selector(d.subject), d.count)); break;
    }
  }
  void decl(const ast::TestDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("test {}{} {}", d.name.text, title(d.title), at(d.span)));
    setup(1, d.setup);
    switch (d.query) {
      case ast::TestDecl::Query::request:
        if (d.request) line(1, fmt::format("request {} {}", pattern(*d.request), at(d.request->span)));
        break;
      case ast::TestDecl::Query::validate:
        if (d.validate) grant(1, "validate", *d.validate);
        break;
      case ast::TestDecl::Query::assign:
        line(1, fmt::format("assign {}{}", d.assign_role ? d.assign_role->text : "?",
                            d.assign_org ? " at " + d.assign_org->text : ""));
        break;
    }
    static constexpr const char* kExpect[] = {"allow", "deny", "valid", "invalid"};
    line(1, fmt::format("expect {}{}{}", kExpect[static_cast<int>(d.expect)], d.expect_violations.empty() ? "" : " ",
                        names(d.expect_violations)));
  }
  void decl(const ast::MatrixDecl& d) {
    comments(0, d.comments);
    line(0, fmt::format("matrix {}{} {}", d.name.text, title(d.title), at(d.span)));
    setup(1, d.setup);
    line(1, "roles " + names(d.roles));
    for (const auto& r : d.rows) {
      comments(1, r.comments);
      std::vector<std::string> cells;
      for (const auto& c : r.cells) cells.push_back(fmt::format("{} {}", c.allow ? "allow" : "deny", at(c.span)));
      line(1, fmt::format("row {} = {} {}", pattern(r.request), fmt::join(cells, ", "), at(r.span)));
    }
  }

  std::string out_;
};

}  // namespace

std::string dump_ast(const ast::File& file) { return AstDumper().run(file); }

}  // namespace writ::lower
