// See dsl_printer.hpp. One function per construct, each writing whole lines into a Printer, in the
// member order docs/language.md shows. Deterministic by construction: it reads only the AST, never
// spans, so print(parse(print(x))) == print(x). Layout beyond one item per line (blank lines
// inside blocks, matrix alignment) is derived from the AST too: see Printer and the matrix printer,
// and the "Canonical form" paragraph of docs/language.md §14.
#include "compiler/dsl/dsl_printer.hpp"

#include "compiler/core/quote.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>

namespace writ::dsl {
namespace {

std::string join_names(const std::vector<ast::Name>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += names[i].text;
  }
  return out;
}

std::string_view kind_name(ast::PrincipalKind k) {
  switch (k) {
    case ast::PrincipalKind::internal: return "internal";
    case ast::PrincipalKind::external: return "external";
    case ast::PrincipalKind::vendor_support: return "vendor_support";
    case ast::PrincipalKind::system: return "system";
  }
  return "internal";
}

std::string join_kinds(const std::vector<ast::KindRef>& kinds) {
  std::string out;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (i) out += ", ";
    out += kind_name(kinds[i].kind);
  }
  return out;
}

std::string_view scope_name(ast::OrgScope s) {
  switch (s) {
    case ast::OrgScope::self: return "self";
    case ast::OrgScope::descendants: return "descendants";
    case ast::OrgScope::parent: return "parent";
    case ast::OrgScope::ancestors: return "ancestors";
    case ast::OrgScope::siblings: return "siblings";
  }
  return "self";
}

std::string_view presence_name(ast::Presence p) { return p == ast::Presence::required ? "required" : "optional"; }

std::string title_of(const std::optional<ast::StringLit>& t) { return t ? " " + quote(t->value) : std::string(); }

// ---------------------------------------------------------------- expressions

/// Binding strength: a child weaker than its context is parenthesized.
int precedence(const ast::Expr& e) {
  switch (e.kind) {
    case ast::Expr::Kind::or_: return 1;
    case ast::Expr::Kind::and_: return 2;
    case ast::Expr::Kind::not_: return 3;
    case ast::Expr::Kind::eq:
    case ast::Expr::Kind::ne:
    case ast::Expr::Kind::in:
    case ast::Expr::Kind::not_in: return 4;
    default: return 5;
  }
}

void print_expr(std::string& out, const ast::Expr& e, int min_prec);

void print_child(std::string& out, const ast::Expr& e, int min_prec) {
  if (precedence(e) < min_prec) {
    out += '(';
    print_expr(out, e, 0);
    out += ')';
  } else {
    print_expr(out, e, min_prec);
  }
}

void print_expr(std::string& out, const ast::Expr& e, int /*min_prec*/) {
  using K = ast::Expr::Kind;
  auto kid = [&](std::size_t i) -> const ast::Expr* { return i < e.kids.size() ? &e.kids[i] : nullptr; };
  auto binary = [&](std::string_view op, int left, int right) {
    if (auto* a = kid(0)) print_child(out, *a, left);
    out += op;
    if (auto* b = kid(1)) print_child(out, *b, right);
  };
  switch (e.kind) {
    case K::boolean: out += e.bool_value ? "true" : "false"; break;
    case K::integer: out += std::to_string(e.int_value); break;
    case K::string: out += quote(e.text); break;
    case K::path:
      for (std::size_t i = 0; i < e.segments.size(); ++i) {
        if (i) out += '.';
        out += e.segments[i];
      }
      break;
    case K::list:
      out += '[';
      for (std::size_t i = 0; i < e.kids.size(); ++i) {
        if (i) out += ", ";
        print_expr(out, e.kids[i], 5);
      }
      out += ']';
      break;
    case K::not_:
      out += "not ";
      if (auto* a = kid(0)) print_child(out, *a, 3);
      break;
    // and/or associate to the left: a right operand of the same strength keeps its parentheses.
    case K::and_: binary(" and ", 2, 3); break;
    case K::or_: binary(" or ", 1, 2); break;
    case K::eq: binary(" == ", 5, 5); break;
    case K::ne: binary(" != ", 5, 5); break;
    case K::in: binary(" in ", 5, 5); break;
    case K::not_in: binary(" not in ", 5, 5); break;
  }
}

// ---------------------------------------------------------------- lines

/// Writes whole lines and owns the one layout rule about blank lines inside blocks: a member that
/// carries leading comments is preceded by a blank line, unless it opens its block or follows
/// other comment lines. The AST keeps no record of the author's blank lines, so this is the
/// deterministic stand-in for them: authors put a comment where a new group of members starts,
/// and the blank line makes the group visible. Uncommented members stay packed. At the top level
/// print_file already separates declarations by one blank line, so the rule adds nothing there.
class Printer {
 public:
  void line(int indent, std::string_view text) {
    out_.append(static_cast<std::size_t>(indent) * 2, ' ');
    out_ += text;
    out_ += '\n';
    last_ = Last::code;
  }
  /// A block's first line, `head {`: the member after it counts as the block's first.
  void open(int indent, std::string_view head) {
    line(indent, std::string(head) + " {");
    last_ = Last::open;
  }
  /// `starts_group` false: the comments label their member (matrix rows) and stay packed.
  void comments(int indent, const ast::Comments& cs, bool starts_group = true) {
    if (cs.empty()) return;
    // After other comments (a role's implicit scope comments, then its first permit's) the lines
    // already form one group; a blank line there would split what the author wrote together.
    if (starts_group && last_ == Last::code) blank();
    for (const auto& c : cs) line(indent, c.empty() ? std::string("#") : "# " + c);
    last_ = Last::comment;
  }
  void blank() {
    out_ += '\n';
    last_ = Last::blank;
  }
  std::string take() { return std::move(out_); }

 private:
  enum class Last { blank, open, comment, code };
  std::string out_;
  Last last_ = Last::blank;  // the start of the file behaves like a blank line
};

std::string when_suffix(const std::optional<ast::Expr>& e) { return e ? " when " + print_expression(*e) : std::string(); }
std::string name_suffix(const std::optional<ast::Name>& n) { return n ? " as " + n->text : std::string(); }

void permit(Printer& p, int ind, const ast::Permit& x) {
  p.comments(ind, x.comments);
  std::string s = "permit " + print_pattern(x.pattern);
  for (std::size_t i = 0; i < x.requirements.size(); ++i)
    s += (i ? ", " : " requires ") + print_requirement(x.requirements[i]);
  p.line(ind, s + when_suffix(x.when) + name_suffix(x.name) + ";");
}

void deny(Printer& p, int ind, const ast::Deny& x) {
  p.comments(ind, x.comments);
  p.line(ind, "deny " + print_pattern(x.pattern) + when_suffix(x.when) + name_suffix(x.name) + ";");
}

void suppressions(Printer& p, int ind, const std::vector<ast::Suppression>& xs) {
  for (const auto& x : xs) {
    p.comments(ind, x.comments);
    p.line(ind, "suppress " + x.code.text + " " + quote(x.reason.value) + ";");
  }
}

void open_block(Printer& p, int ind, const ast::Comments& c, std::string_view head) {
  p.comments(ind, c);
  p.open(ind, head);
}

void description(Printer& p, int ind, const std::optional<ast::StringLit>& d) {
  if (d) p.line(ind, "description " + quote(d->value) + ";");
}

// ---------------------------------------------------------------- §2

void print_decl(Printer& p, const ast::PolicyDecl& d) {
  open_block(p, 0, d.comments, "policy " + d.name.text + title_of(d.title));
  description(p, 1, d.description);
  if (d.combining_span || d.combining != ast::Combining::permissive)
    p.line(1, "combining " + std::string(ir::name(d.combining)) + ";");
  if (d.max_grant_duration) p.line(1, "max_grant_duration " + d.max_grant_duration->text + ";");
  for (const auto& x : d.severities) {
    p.comments(1, x.comments);
    p.line(1, "severity " + x.code.text + " " + x.level.text + ";");
  }
  suppressions(p, 1, d.suppressions);
  p.line(0, "}");
}

void print_decl(Printer& p, const ast::ImportDecl& d) {
  p.comments(0, d.comments);
  p.line(0, "import " + quote(d.path.value) + ";");
}

// ---------------------------------------------------------------- §5

void resource(Printer& p, int ind, const ast::ResourceDecl& r) {
  p.comments(ind, r.comments);
  std::string head = "resource " + r.name.text + title_of(r.title);
  if (r.children.empty()) {
    p.line(ind, head + (r.actions.empty() ? "" : " actions " + join_names(r.actions)) + ";");
    return;
  }
  p.open(ind, head);
  if (!r.actions.empty()) p.line(ind + 1, "actions " + join_names(r.actions) + ";");
  for (const auto& c : r.children) resource(p, ind + 1, c);
  p.line(ind, "}");
}

void level(Printer& p, int ind, const ast::LevelDecl& l) {
  p.comments(ind, l.comments);
  std::string head = "level " + l.name.text + title_of(l.title);
  if (!l.above.empty()) head += " above " + join_names(l.above);
  if (l.readonly_of) {
    p.line(ind, head + " = readonly(" + l.readonly_of->text + ");");
    return;
  }
  p.open(ind, head);
  description(p, ind + 1, l.description);
  suppressions(p, ind + 1, l.suppressions);
  if (!l.includes.empty()) p.line(ind + 1, "includes " + join_names(l.includes) + ";");
  for (const auto& r : l.requirements) p.line(ind + 1, "requires " + print_requirement(r) + ";");
  for (const auto& x : l.permits) permit(p, ind + 1, x);
  p.line(ind, "}");
}

void print_decl(Printer& p, const ast::ModuleDecl& d) {
  open_block(p, 0, d.comments, "module " + d.name.text + title_of(d.title));
  description(p, 1, d.description);
  suppressions(p, 1, d.suppressions);
  for (const auto& a : d.actions) {
    p.comments(1, a.comments);
    p.line(1, "action " + a.name.text + title_of(a.title) + ": " +
                  (a.action_class == ast::ActionClass::read ? "read" : "write") + ";");
  }
  for (const auto& r : d.resources) resource(p, 1, r);
  for (const auto& l : d.levels) level(p, 1, l);
  p.line(0, "}");
}

// ---------------------------------------------------------------- §6

void scope_items(Printer& p, int ind, const ast::ScopeBlock& b) {
  for (const auto& x : b.permits) permit(p, ind, x);
  for (const auto& x : b.denies) deny(p, ind, x);
  for (const auto& l : b.levels) {
    p.comments(ind, l.comments);
    p.line(ind, "level " + l.module.text + " = " + l.level.text + ";");
  }
}

void authorizer(Printer& p, int ind, std::string_view keyword, const ast::Authorizer& a) {
  p.comments(ind, a.comments);
  std::string s = std::string(keyword) + " " + (a.automatic ? "automatic" : a.anyone ? "anyone" : join_names(a.roles));
  s += when_suffix(a.when);
  if (a.contained) s += " contained";
  if (a.intended) s += " intended " + quote(a.intended->value);
  p.line(ind, s + ";");
}

void print_decl(Printer& p, const ast::RoleDecl& d) {
  open_block(p, 0, d.comments, "role " + d.name.text + title_of(d.title));
  description(p, 1, d.description);
  suppressions(p, 1, d.suppressions);
  if (!d.holders.empty()) p.line(1, "holders " + join_kinds(d.holders) + ";");
  if (d.named_accounts) p.line(1, "named_accounts;");
  if (!d.extends.empty()) p.line(1, "extends " + join_names(d.extends) + ";");
  for (const auto& a : d.assigned_by) authorizer(p, 1, "assigned_by", a);
  for (const auto& b : d.scopes)
    if (b.implicit_self) {
      p.comments(1, b.comments);
      scope_items(p, 1, b);
    }
  for (const auto& b : d.scopes)
    if (!b.implicit_self) {
      open_block(p, 1, b.comments, "at " + std::string(scope_name(b.scope)));
      scope_items(p, 2, b);
      p.line(1, "}");
    }
  p.line(0, "}");
}

// ---------------------------------------------------------------- §7

std::string selector(const ast::Selector& s) {
  switch (s.kind) {
    case ast::Selector::Kind::anyone: return "anyone";
    case ast::Selector::Kind::principal_kind: return "kind " + std::string(kind_name(s.principal_kind));
    case ast::Selector::Kind::role: return "role " + s.name.text;
    case ast::Selector::Kind::template_: return "template " + s.name.text;
    case ast::Selector::Kind::level: return "level " + (s.module ? s.module->text + "." : std::string()) + s.name.text;
  }
  return "anyone";
}

void print_decl(Printer& p, const ast::ForbidDecl& d) {
  open_block(p, 0, d.comments, "forbid " + d.name.text + title_of(d.title));
  suppressions(p, 1, d.suppressions);
  if (!d.applies_to.empty()) {
    std::string s;
    for (std::size_t i = 0; i < d.applies_to.size(); ++i) s += (i ? ", " : "") + selector(d.applies_to[i]);
    p.line(1, "applies_to " + s + ";");
  }
  for (const auto& x : d.denies) deny(p, 1, x);
  if (d.when) p.line(1, "when " + print_expression(*d.when) + ";");
  if (d.reason) p.line(1, "reason " + quote(d.reason->value) + ";");
  p.line(0, "}");
}

// ---------------------------------------------------------------- §8

void print_decl(Printer& p, const ast::AttributeDecl& d) {
  p.comments(0, d.comments);
  std::string type;
  switch (d.type) {
    case ast::AttributeDecl::Type::boolean: type = "bool"; break;
    case ast::AttributeDecl::Type::integer: type = "int"; break;
    case ast::AttributeDecl::Type::string: type = "string"; break;
    case ast::AttributeDecl::Type::enumeration: type = "{" + join_names(d.enum_values) + "}"; break;
  }
  std::string s = "attribute " + d.name.text + ": " + type;
  if (d.default_value) s += " = " + print_expression(*d.default_value);
  p.line(0, s + title_of(d.description) + ";");
}

// ---------------------------------------------------------------- §9

void print_decl(Printer& p, const ast::GrantTemplateDecl& d) {
  open_block(p, 0, d.comments, "template " + d.name.text + title_of(d.title));
  description(p, 1, d.description);
  suppressions(p, 1, d.suppressions);
  if (!d.grantee_kinds.empty()) p.line(1, "grantee " + join_kinds(d.grantee_kinds) + ";");
  if (!d.grantee_requires.empty()) p.line(1, "grantee_requires " + join_names(d.grantee_requires) + ";");
  if (d.grantee_id) p.line(1, "grantee_id " + d.grantee_id->text + title_of(d.grantee_id_title) + ";");
  for (const auto& a : d.granted_by) authorizer(p, 1, "granted_by", a);
  for (const auto& f : d.fields) {
    p.comments(1, f.comments);
    p.line(1, "field " + f.name.text + " " + std::string(presence_name(f.presence)) + title_of(f.title) + ";");
  }
  if (d.valid_from) p.line(1, "valid_from " + std::string(presence_name(*d.valid_from)) + ";");
  if (d.valid_to) p.line(1, "valid_to " + std::string(presence_name(*d.valid_to)) + ";");
  if (d.default_duration || d.max_duration) {
    std::string s = "duration";
    if (d.default_duration) s += " default " + d.default_duration->text;
    if (d.max_duration) s += " max " + d.max_duration->text;
    p.line(1, s + ";");
  }
  if (!d.grantable_roles.empty()) p.line(1, "grants " + join_names(d.grantable_roles) + ";");
  if (d.custom) p.line(1, "grants custom;");
  if (d.org_scope) p.line(1, "scope " + std::string(scope_name(*d.org_scope)) + ";");
  if (d.scope_when) p.line(1, "scope when " + print_expression(*d.scope_when) + ";");
  if (d.ceiling_grantor) p.line(1, "ceiling grantor;");
  for (const auto& e : d.preconditions) p.line(1, "precondition " + print_expression(e) + ";");
  for (const auto& x : d.denies) deny(p, 1, x);
  if (d.revocable) p.line(1, "revocable;");
  if (d.audited) p.line(1, "audited;");
  p.line(0, "}");
}

void print_decl(Printer& p, const ast::ImplicitGrantDecl& d) {
  open_block(p, 0, d.comments, "implicit " + d.name.text + title_of(d.title));
  description(p, 1, d.description);
  suppressions(p, 1, d.suppressions);
  if (!d.grantee_kinds.empty()) p.line(1, "grantee " + join_kinds(d.grantee_kinds) + ";");
  if (!d.grantee_roles.empty()) p.line(1, "grantee_roles " + join_names(d.grantee_roles) + ";");
  if (d.when) p.line(1, "when " + print_expression(*d.when) + ";");
  if (!d.grants_roles.empty()) p.line(1, "grants " + join_names(d.grants_roles) + ";");
  p.line(0, "}");
}

// ---------------------------------------------------------------- §10

void print_decl(Printer& p, const ast::AssertDecl& d) {
  open_block(p, 0, d.comments, "assert " + d.name.text + title_of(d.title));
  std::string pat = d.pattern ? print_pattern(*d.pattern) : std::string();
  switch (d.kind) {
    case ast::AssertDecl::Kind::never: p.line(1, "never " + selector(d.subject) + " may " + pat + ";"); break;
    case ast::AssertDecl::Kind::always: p.line(1, "always " + selector(d.subject) + " may " + pat + ";"); break;
    case ast::AssertDecl::Kind::read_only: p.line(1, "read_only " + selector(d.subject) + ";"); break;
    case ast::AssertDecl::Kind::min_holders:
      p.line(1, "min_holders " + d.subject.name.text + " " + std::to_string(d.count) + ";");
      break;
  }
  p.line(0, "}");
}

// ---------------------------------------------------------------- §11

void print_decl(Printer& p, const ast::OrganizationDecl& d) {
  p.comments(0, d.comments);
  p.line(0, "organization " + d.name.text + (d.parent ? " in " + d.parent->text : std::string()) + ";");
}

std::string binding(const ast::RoleBinding& b) { return b.role.text + (b.org ? " at " + b.org->text : std::string()); }

void grant_items(Printer& p, int ind, const ast::GrantInstance& g) {
  if (g.grantee_id) p.line(ind, "grantee_id " + quote(g.grantee_id->value) + ";");
  if (g.grantor_kind) p.line(ind, "grantor_kind " + std::string(kind_name(g.grantor_kind->kind)) + ";");
  if (g.grantor_named) p.line(ind, *g.grantor_named ? "grantor_named;" : "grantor_shared;");
  for (const auto& b : g.grantor_roles) p.line(ind, "grantor_role " + binding(b) + ";");
  if (!g.roles.empty()) p.line(ind, "roles " + join_names(g.roles) + ";");
  for (const auto& c : g.custom) p.line(ind, "custom " + print_pattern(c) + ";");
  if (g.valid_from) p.line(ind, "from " + g.valid_from->text + ";");
  if (g.valid_to) p.line(ind, "to " + g.valid_to->text + ";");
  if (g.org) p.line(ind, "org " + g.org->text + ";");
  for (const auto& f : g.fields) p.line(ind, "field " + f.name.text + " " + quote(f.value.value) + ";");
  if (g.revoked) p.line(ind, "revoked;");
}

void setup(Printer& p, const ast::RequestSetup& s) {
  if (s.kind) p.line(1, "kind " + std::string(kind_name(s.kind->kind)) + ";");
  if (s.named) p.line(1, *s.named ? "named;" : "shared;");
  if (s.principal_id) p.line(1, "id " + quote(s.principal_id->value) + ";");
  if (s.principal_org) p.line(1, "org " + s.principal_org->text + ";");
  for (const auto& b : s.roles) p.line(1, "role " + binding(b) + ";");
  for (const auto& t : s.triggers)
    p.line(1, "trigger " + t.implicit.text + (t.org ? " at " + t.org->text : std::string()) + ";");
  if (s.resource_owner) p.line(1, "owner " + quote(s.resource_owner->value) + ";");
  if (s.target) p.line(1, "target " + s.target->text + ";");
  if (s.at) p.line(1, "at " + s.at->text + ";");
  if (!s.context.empty()) {
    std::string c;
    for (std::size_t i = 0; i < s.context.size(); ++i)
      c += (i ? ", " : "") + s.context[i].name.text + " = " + print_expression(s.context[i].value);
    p.line(1, "context " + c + ";");
  }
  for (const auto& g : s.grants) {
    p.open(1, "grant " + g.template_name.text);
    grant_items(p, 2, g);
    p.line(1, "}");
  }
}

void print_decl(Printer& p, const ast::TestDecl& d) {
  open_block(p, 0, d.comments, "test " + d.name.text + title_of(d.title));
  setup(p, d.setup);
  switch (d.query) {
    case ast::TestDecl::Query::request:
      if (d.request) p.line(1, "request " + print_pattern(*d.request) + ";");
      break;
    case ast::TestDecl::Query::validate:
      if (d.validate) {
        p.open(1, "validate " + d.validate->template_name.text);
        grant_items(p, 2, *d.validate);
        p.line(1, "}");
      }
      break;
    case ast::TestDecl::Query::assign:
      if (d.assign_role)
        p.line(1, "assign " + d.assign_role->text + (d.assign_org ? " at " + d.assign_org->text : std::string()) + ";");
      break;
  }
  static constexpr std::string_view expects[] = {"allow", "deny", "valid", "invalid"};
  std::string e = "expect " + std::string(expects[static_cast<int>(d.expect)]);
  if (!d.expect_violations.empty()) e += " " + join_names(d.expect_violations);
  p.line(1, e + ";");
  p.line(0, "}");
}

void print_decl(Printer& p, const ast::MatrixDecl& d) {
  open_block(p, 0, d.comments, "matrix " + d.name.text + title_of(d.title));
  setup(p, d.setup);
  if (!d.roles.empty()) p.line(1, "roles " + join_names(d.roles) + ";");
  // The `=` of every row lines up, so the cells read as a table: patterns are padded to the
  // longest one of this matrix. A pattern longer than kAlignLimit does not widen the column (one
  // outlier would push every other row's cells far to the right); it keeps a single space before
  // its `=`. Widths count bytes, which are characters here: identifiers are ASCII (grammar/lexical.hpp).
  // Cells are not padded: `deny ,` reads like a typo, and authors write `allow, deny`.
  constexpr std::size_t kAlignLimit = 60;
  std::vector<std::string> patterns;
  std::size_t width = 0;
  for (const auto& r : d.rows) {
    patterns.push_back(print_pattern(r.request));
    if (patterns.back().size() <= kAlignLimit) width = std::max(width, patterns.back().size());
  }
  // The one exception to the blank-line rule: when every row carries comments, they are row labels
  // (e.g. the source document's name for each row), not group headings, and a blank line before
  // each would double the matrix and break it up as a table.
  const bool labelled =
      std::all_of(d.rows.begin(), d.rows.end(), [](const ast::MatrixRow& r) { return !r.comments.empty(); });
  for (std::size_t k = 0; k < d.rows.size(); ++k) {
    const auto& r = d.rows[k];
    p.comments(1, r.comments, !labelled);
    std::string s = "row " + patterns[k];
    if (patterns[k].size() < width) s.append(width - patterns[k].size(), ' ');
    s += " =";
    for (std::size_t i = 0; i < r.cells.size(); ++i)
      s += (i ? ", " : " ") + std::string(r.cells[i].allow ? "allow" : "deny");
    p.line(1, s + ";");
  }
  p.line(0, "}");
}

}  // namespace

std::string quote(std::string_view text) { return core::quote(text); }

std::string print_expression(const ast::Expr& expr) {
  std::string out;
  print_expr(out, expr, 0);
  return out;
}

std::string print_pattern(const ast::PermissionPattern& p) {
  std::string out = p.module.text;
  for (const auto& seg : p.path) out += "/" + seg.text;
  if (p.subtree) out += "/**";
  out += ':';
  switch (p.actions) {
    case ast::PermissionPattern::Actions::all: out += '*'; break;
    case ast::PermissionPattern::Actions::read_class: out += "@read"; break;
    case ast::PermissionPattern::Actions::write_class: out += "@write"; break;
    case ast::PermissionPattern::Actions::named:
      if (p.action_names.size() == 1)
        out += p.action_names.front().text;
      else
        out += "{" + join_names(p.action_names) + "}";
      break;
  }
  return out;
}

std::string print_requirement(const ast::Requirement& r) { return r.module.text + " >= " + r.level.text; }

std::string print_file(const ast::File& file) {
  Printer p;
  for (std::size_t i = 0; i < file.decls.size(); ++i) {
    if (i) p.blank();
    std::visit([&](const auto& d) { print_decl(p, d); }, file.decls[i]);
  }
  if (!file.trailing_comments.empty()) {
    if (!file.decls.empty()) p.blank();
    p.comments(0, file.trailing_comments);
  }
  return p.take();
}

}  // namespace writ::dsl
