// print_file: AST -> Out tree (out_tree.hpp) -> text. Declarations are grouped by kind under the
// top-level keys of docs/yaml.md, groups in the order their first declaration appears, entries in
// source order. Conditions, patterns and requirements are printed by the DSL's fragment printers so
// they read the same in both syntaxes.
#include "compiler/yaml/yaml_printer.hpp"

#include <fmt/format.h>

#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/yaml/out_tree.hpp"

namespace writ::yaml {
namespace {

constexpr std::string_view kKinds[] = {"internal", "external", "vendor_support", "system"};
constexpr std::string_view kScopes[] = {"self", "descendants", "parent", "ancestors", "siblings"};

Out names(const std::vector<ast::Name>& ns) {
  Out s = Out::seq();
  for (const auto& n : ns) s.add(Out::scalar(n.text));
  return s;
}

Out kinds(const std::vector<ast::KindRef>& ks) {
  Out s = Out::seq();
  for (const auto& k : ks) s.add(Out::scalar(kKinds[static_cast<int>(k.kind)]));
  return s;
}

Out with_comments(Out o, const ast::Comments& c) {
  o.comments = c;
  return o;
}

Out expr(const ast::Expr& e) { return Out::scalar(dsl::print_expression(e)); }

/// A literal value: booleans and integers plain, everything else a (quoted if need be) string.
Out literal(const ast::Expr& e) {
  switch (e.kind) {
    case ast::Expr::Kind::boolean: return Out::raw(e.bool_value ? "true" : "false");
    case ast::Expr::Kind::integer:
      if (e.int_value >= 0) return Out::raw(fmt::format("{}", e.int_value));
      return Out::scalar(fmt::format("{}", e.int_value));
    case ast::Expr::Kind::string: {
      // A string that reads as a bool or integer when plain is quoted by quote_scalar already,
      // except digits: force quotes on anything starting with a digit (quote_scalar does).
      return Out::scalar(e.text);
    }
    default: return expr(e);
  }
}

Out permit(const ast::Permit& p) {
  Out o;
  if (p.requirements.empty() && !p.when && !p.name) {
    o = Out::scalar(dsl::print_pattern(p.pattern));
  } else {
    o = Out::map();
    o.set("pattern", Out::scalar(dsl::print_pattern(p.pattern)));
    if (!p.requirements.empty()) {
      Out r = Out::seq();
      for (const auto& q : p.requirements) r.add(Out::scalar(dsl::print_requirement(q)));
      o.set("requires", std::move(r));
    }
    if (p.when) o.set("when", expr(*p.when));
    if (p.name) o.set("name", Out::scalar(p.name->text));
  }
  return with_comments(std::move(o), p.comments);
}

Out permits(const std::vector<ast::Permit>& ps) {
  Out s = Out::seq();
  for (const auto& p : ps) s.add(permit(p));
  return s;
}

Out denies(const std::vector<ast::Deny>& ds) {
  Out s = Out::seq();
  for (const auto& d : ds) {
    Out o;
    if (!d.when && !d.name) {
      o = Out::scalar(dsl::print_pattern(d.pattern));
    } else {
      o = Out::map();
      o.set("pattern", Out::scalar(dsl::print_pattern(d.pattern)));
      if (d.when) o.set("when", expr(*d.when));
      if (d.name) o.set("name", Out::scalar(d.name->text));
    }
    s.add(with_comments(std::move(o), d.comments));
  }
  return s;
}

Out authorizers(const std::vector<ast::Authorizer>& as, bool granted) {
  Out s = Out::seq();
  const std::string_view flag = granted ? "anyone" : "automatic";
  for (const auto& a : as) {
    const bool flagged = granted ? a.anyone : a.automatic;
    Out o;
    const bool plain = !a.when && !a.contained && !a.intended;
    if (plain && flagged && a.roles.empty()) {
      o = Out::raw(std::string(flag));
    } else if (plain && !flagged) {
      o = names(a.roles);
    } else {
      o = Out::map();
      if (!a.roles.empty() || !flagged) o.set("roles", names(a.roles));
      if (flagged) o.set(flag, Out::raw("true"));
      if (a.when) o.set("when", expr(*a.when));
      if (a.contained) o.set("contained", Out::raw("true"));
      if (a.intended) o.set("intended", Out::scalar(a.intended->value));
    }
    s.add(with_comments(std::move(o), a.comments));
  }
  return s;
}

std::string selector(const ast::Selector& s) {
  switch (s.kind) {
    case ast::Selector::Kind::anyone: return "anyone";
    case ast::Selector::Kind::principal_kind: return fmt::format("kind {}", kKinds[static_cast<int>(s.principal_kind)]);
    case ast::Selector::Kind::role: return "role " + s.name.text;
    case ast::Selector::Kind::template_: return "template " + s.name.text;
    case ast::Selector::Kind::level: return fmt::format("level {}.{}", s.module ? s.module->text : "", s.name.text);
  }
  return "anyone";
}

/// `suppress: {CODE: REASON}` on the declaration `o`.
void set_suppressions(Out& o, const std::vector<ast::Suppression>& xs) {
  if (xs.empty()) return;
  Out m = Out::map();
  m.block = true;
  for (const auto& x : xs) m.set(x.code.text, with_comments(Out::scalar(x.reason.value), x.comments));
  o.set("suppress", std::move(m));
}

std::string binding(const ast::Name& role, const std::optional<ast::Name>& org) {
  return org ? role.text + " at " + org->text : role.text;
}

Out string_or_raw(const std::optional<ast::RawLit>& r) { return Out::scalar(r->text); }

// ---------------------------------------------------------------- declarations

Out policy(const ast::PolicyDecl& p) {
  Out o = Out::map();
  o.block = true;
  o.set("name", Out::scalar(p.name.text));
  if (p.title) o.set("title", Out::scalar(p.title->value));
  if (p.description) o.set("description", Out::scalar(p.description->value));
  if (p.combining_span || p.combining != ast::Combining::permissive)
    o.set("combining", Out::raw(std::string(ir::name(p.combining))));
  if (p.max_grant_duration) o.set("max_grant_duration", string_or_raw(p.max_grant_duration));
  if (!p.severities.empty()) {
    Out m = Out::map();
    m.block = true;
    for (const auto& x : p.severities) m.set(x.code.text, with_comments(Out::scalar(x.level.text), x.comments));
    o.set("severity", std::move(m));
  }
  set_suppressions(o, p.suppressions);
  return with_comments(std::move(o), p.comments);
}

Out attribute(const ast::AttributeDecl& a) {
  Out type;
  switch (a.type) {
    case ast::AttributeDecl::Type::boolean: type = Out::raw("bool"); break;
    case ast::AttributeDecl::Type::integer: type = Out::raw("int"); break;
    case ast::AttributeDecl::Type::string: type = Out::raw("string"); break;
    case ast::AttributeDecl::Type::enumeration: type = names(a.enum_values); break;
  }
  if (!a.default_value && !a.description) return with_comments(std::move(type), a.comments);
  Out o = Out::map();
  o.set("type", std::move(type));
  if (a.default_value) o.set("default", literal(*a.default_value));
  if (a.description) o.set("description", Out::scalar(a.description->value));
  return with_comments(std::move(o), a.comments);
}

Out resource(const ast::ResourceDecl& r) {
  if (!r.title && r.children.empty()) return with_comments(names(r.actions), r.comments);  // same depth as read
  Out o = Out::map();
  if (r.title) o.set("title", Out::scalar(r.title->value));
  o.set("actions", names(r.actions));
  if (!r.children.empty()) {
    o.block = true;
    Out kids = Out::map();
    kids.block = true;
    for (const auto& c : r.children) kids.set(c.name.text, resource(c));
    o.set("resources", std::move(kids));
  }
  return with_comments(std::move(o), r.comments);
}

Out module(const ast::ModuleDecl& m) {
  Out o = Out::map();
  o.block = true;
  if (m.title) o.set("title", Out::scalar(m.title->value));
  if (m.description) o.set("description", Out::scalar(m.description->value));
  set_suppressions(o, m.suppressions);
  if (!m.actions.empty()) {
    Out acts = Out::map();
    acts.block = true;
    for (const auto& a : m.actions) {
      Out cls = Out::raw(a.action_class == ast::ActionClass::read ? "read" : "write");
      if (a.title) {
        Out am = Out::map();
        am.set("class", std::move(cls));
        am.set("title", Out::scalar(a.title->value));
        cls = std::move(am);
      }
      acts.set(a.name.text, with_comments(std::move(cls), a.comments));
    }
    o.set("actions", std::move(acts));
  }
  if (!m.resources.empty()) {
    Out res = Out::map();
    res.block = true;
    for (const auto& r : m.resources) res.set(r.name.text, resource(r));
    o.set("resources", std::move(res));
  }
  if (!m.levels.empty()) {
    Out lv = Out::map();
    lv.block = true;
    for (const auto& l : m.levels) {
      Out b = Out::map();
      if (l.title) b.set("title", Out::scalar(l.title->value));
      if (l.description) b.set("description", Out::scalar(l.description->value));
      set_suppressions(b, l.suppressions);
      if (!l.above.empty()) b.set("above", names(l.above));
      if (!l.includes.empty()) b.set("includes", names(l.includes));
      if (l.readonly_of) b.set("readonly", Out::scalar(l.readonly_of->text));
      if (!l.requirements.empty()) {
        Out r = Out::seq();
        for (const auto& q : l.requirements) r.add(Out::scalar(dsl::print_requirement(q)));
        b.set("requires", std::move(r));
      }
      if (!l.permits.empty()) {
        Out& p = b.set("permit", permits(l.permits));
        p.block = true;
      }
      lv.set(l.name.text, with_comments(std::move(b), l.comments));
    }
    o.set("levels", std::move(lv));
  }
  return with_comments(std::move(o), m.comments);
}

Out level_assignments(const std::vector<ast::LevelAssignment>& ls) {
  bool repeated = false;
  for (std::size_t i = 0; i < ls.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) repeated = repeated || ls[i].module.text == ls[j].module.text;
  if (repeated) {  // a mapping cannot repeat a key: one single-entry mapping per assignment
    Out s = Out::seq();
    for (const auto& l : ls) {
      Out one = Out::map();
      one.set(l.module.text, Out::scalar(l.level.text));
      s.add(with_comments(std::move(one), l.comments));
    }
    return s;
  }
  Out o = Out::map();
  for (const auto& l : ls) o.set(l.module.text, with_comments(Out::scalar(l.level.text), l.comments));
  return o;
}

void scope_items(Out& o, const std::vector<const ast::ScopeBlock*>& blocks) {
  std::vector<ast::Permit> ps;
  std::vector<ast::Deny> ds;
  std::vector<ast::LevelAssignment> ls;
  for (const auto* b : blocks) {
    ps.insert(ps.end(), b->permits.begin(), b->permits.end());
    ds.insert(ds.end(), b->denies.begin(), b->denies.end());
    ls.insert(ls.end(), b->levels.begin(), b->levels.end());
  }
  if (!ps.empty()) o.set("permit", permits(ps)).block = true;
  if (!ds.empty()) o.set("deny", denies(ds)).block = true;
  if (!ls.empty()) o.set("levels", level_assignments(ls));
}

Out role(const ast::RoleDecl& r) {
  Out o = Out::map();
  o.block = true;
  if (r.title) o.set("title", Out::scalar(r.title->value));
  if (r.description) o.set("description", Out::scalar(r.description->value));
  set_suppressions(o, r.suppressions);
  if (!r.holders.empty()) o.set("holders", kinds(r.holders));
  if (r.named_accounts) o.set("named_accounts", Out::raw("true"));
  if (!r.extends.empty()) o.set("extends", names(r.extends));
  if (!r.assigned_by.empty()) o.set("assigned_by", authorizers(r.assigned_by, false)).block = true;
  // Blocks of one scope are merged: a YAML mapping holds each scope once.
  std::vector<const ast::ScopeBlock*> direct;
  std::vector<std::vector<const ast::ScopeBlock*>> by_scope(5);
  std::vector<int> order;
  ast::Comments comments = r.comments;  // the direct block has no key of its own: its comments go to the role
  for (const auto& b : r.scopes) {
    if (b.implicit_self) {
      direct.push_back(&b);
      comments.insert(comments.end(), b.comments.begin(), b.comments.end());
      continue;
    }
    auto i = static_cast<int>(b.scope);
    if (by_scope[i].empty()) order.push_back(i);
    by_scope[i].push_back(&b);
  }
  scope_items(o, direct);
  if (!order.empty()) {
    Out at = Out::map();
    at.block = true;
    for (int i : order) {
      Out b = Out::map();
      b.block = true;
      scope_items(b, by_scope[i]);
      for (const auto* s : by_scope[i]) b.comments.insert(b.comments.end(), s->comments.begin(), s->comments.end());
      at.set(kScopes[i], std::move(b));
    }
    o.set("at", std::move(at));
  }
  return with_comments(std::move(o), comments);
}

Out forbid(const ast::ForbidDecl& f) {
  Out o = Out::map();
  o.block = true;
  if (f.title) o.set("title", Out::scalar(f.title->value));
  set_suppressions(o, f.suppressions);
  if (!f.applies_to.empty()) {
    Out a = Out::seq();
    for (const auto& s : f.applies_to) a.add(Out::scalar(selector(s)));
    o.set("applies_to", std::move(a));
  }
  if (!f.denies.empty()) o.set("deny", denies(f.denies)).block = true;
  if (f.when) o.set("when", expr(*f.when));
  if (f.reason) o.set("reason", Out::scalar(f.reason->value));
  return with_comments(std::move(o), f.comments);
}

Out presence(ast::Presence p) { return Out::raw(p == ast::Presence::required ? "required" : "optional"); }

Out grant_template(const ast::GrantTemplateDecl& t) {
  Out o = Out::map();
  o.block = true;
  if (t.title) o.set("title", Out::scalar(t.title->value));
  if (t.description) o.set("description", Out::scalar(t.description->value));
  set_suppressions(o, t.suppressions);
  if (!t.grantee_kinds.empty()) o.set("grantee", kinds(t.grantee_kinds));
  if (!t.grantee_requires.empty()) o.set("grantee_requires", names(t.grantee_requires));
  if (t.grantee_id) {
    if (t.grantee_id_title) {
      Out g = Out::map();
      g.set("name", Out::scalar(t.grantee_id->text));
      g.set("title", Out::scalar(t.grantee_id_title->value));
      o.set("grantee_id", std::move(g));
    } else {
      o.set("grantee_id", Out::scalar(t.grantee_id->text));
    }
  }
  if (!t.granted_by.empty()) o.set("granted_by", authorizers(t.granted_by, true)).block = true;
  if (!t.fields.empty()) {
    Out fs = Out::map();
    fs.block = true;
    for (const auto& f : t.fields) {
      Out v = presence(f.presence);
      if (f.title) {
        Out m = Out::map();
        m.set("presence", std::move(v));
        m.set("title", Out::scalar(f.title->value));
        v = std::move(m);
      }
      fs.set(f.name.text, with_comments(std::move(v), f.comments));
    }
    o.set("fields", std::move(fs));
  }
  if (t.valid_from) o.set("valid_from", presence(*t.valid_from));
  if (t.valid_to) o.set("valid_to", presence(*t.valid_to));
  if (t.default_duration || t.max_duration) {
    Out d = Out::map();
    if (t.default_duration) d.set("default", string_or_raw(t.default_duration));
    if (t.max_duration) d.set("max", string_or_raw(t.max_duration));
    o.set("duration", std::move(d));
  }
  if (!t.grantable_roles.empty() || t.custom) {
    Out g = Out::seq();
    for (const auto& r : t.grantable_roles)  // a role called `custom` is quoted: plain means the flag
      g.add(r.text == "custom" ? Out::raw("'custom'") : Out::scalar(r.text));
    if (t.custom) g.add(Out::raw("custom"));
    o.set("grants", std::move(g));
  }
  if (t.org_scope || t.scope_when) {
    if (!t.scope_when) {
      o.set("scope", Out::raw(std::string(kScopes[static_cast<int>(*t.org_scope)])));
    } else {
      Out s = Out::map();
      if (t.org_scope) s.set("orgs", Out::raw(std::string(kScopes[static_cast<int>(*t.org_scope)])));
      s.set("when", expr(*t.scope_when));
      o.set("scope", std::move(s));
    }
  }
  if (t.ceiling_grantor) o.set("ceiling", Out::raw("grantor"));
  if (!t.preconditions.empty()) {
    Out p = Out::seq();
    for (const auto& e : t.preconditions) p.add(expr(e));
    o.set("preconditions", std::move(p));
  }
  if (!t.denies.empty()) o.set("deny", denies(t.denies)).block = true;
  if (t.revocable) o.set("revocable", Out::raw("true"));
  if (t.audited) o.set("audited", Out::raw("true"));
  return with_comments(std::move(o), t.comments);
}

Out implicit_grant(const ast::ImplicitGrantDecl& g) {
  Out o = Out::map();
  o.block = true;
  if (g.title) o.set("title", Out::scalar(g.title->value));
  if (g.description) o.set("description", Out::scalar(g.description->value));
  set_suppressions(o, g.suppressions);
  if (!g.grantee_kinds.empty()) o.set("grantee", kinds(g.grantee_kinds));
  if (!g.grantee_roles.empty()) o.set("grantee_roles", names(g.grantee_roles));
  if (g.when) o.set("when", expr(*g.when));
  if (!g.grants_roles.empty()) o.set("grants", names(g.grants_roles));
  return with_comments(std::move(o), g.comments);
}

Out assertion(const ast::AssertDecl& a) {
  Out o = Out::map();
  if (a.title) o.set("title", Out::scalar(a.title->value));
  switch (a.kind) {
    case ast::AssertDecl::Kind::never:
    case ast::AssertDecl::Kind::always:
      o.set(a.kind == ast::AssertDecl::Kind::never ? "never" : "always", Out::scalar(selector(a.subject)));
      o.set("may", Out::scalar(a.pattern ? dsl::print_pattern(*a.pattern) : std::string()));
      break;
    case ast::AssertDecl::Kind::read_only: o.set("read_only", Out::scalar(selector(a.subject))); break;
    case ast::AssertDecl::Kind::min_holders:
      o.set("min_holders", Out::scalar(a.subject.name.text));
      o.set("count", Out::raw(fmt::format("{}", a.count)));
      break;
  }
  return with_comments(std::move(o), a.comments);
}

Out grant_instance(const ast::GrantInstance& g) {
  Out o = Out::map();
  o.set("template", Out::scalar(g.template_name.text));
  if (g.grantee_id) o.set("grantee_id", Out::scalar(g.grantee_id->value));
  if (g.grantor_kind) o.set("grantor_kind", Out::raw(std::string(kKinds[static_cast<int>(g.grantor_kind->kind)])));
  if (g.grantor_named) o.set("grantor_named", Out::raw(*g.grantor_named ? "true" : "false"));
  if (!g.grantor_roles.empty()) {
    Out r = Out::seq();
    for (const auto& b : g.grantor_roles) r.add(Out::scalar(binding(b.role, b.org)));
    o.set("grantor_roles", std::move(r));
  }
  if (!g.roles.empty()) o.set("roles", names(g.roles));
  if (!g.custom.empty()) {
    Out c = Out::seq();
    for (const auto& p : g.custom) c.add(Out::scalar(dsl::print_pattern(p)));
    o.set("custom", std::move(c));
  }
  if (g.valid_from) o.set("from", string_or_raw(g.valid_from));
  if (g.valid_to) o.set("to", string_or_raw(g.valid_to));
  if (g.org) o.set("org", Out::scalar(g.org->text));
  if (!g.fields.empty()) {
    Out f = Out::map();
    for (const auto& v : g.fields) f.set(v.name.text, Out::scalar(v.value.value));
    o.set("fields", std::move(f));
  }
  if (g.revoked) o.set("revoked", Out::raw("true"));
  return o;
}

void setup(Out& o, const ast::RequestSetup& s) {
  if (s.kind) o.set("kind", Out::raw(std::string(kKinds[static_cast<int>(s.kind->kind)])));
  if (s.named) o.set("named", Out::raw(*s.named ? "true" : "false"));
  if (s.principal_id) o.set("id", Out::scalar(s.principal_id->value));
  if (s.principal_org) o.set("org", Out::scalar(s.principal_org->text));
  if (!s.roles.empty()) {
    Out r = Out::seq();
    for (const auto& b : s.roles) r.add(Out::scalar(binding(b.role, b.org)));
    o.set("roles", std::move(r));
  }
  if (!s.triggers.empty()) {
    Out r = Out::seq();
    for (const auto& t : s.triggers) r.add(Out::scalar(binding(t.implicit, t.org)));
    o.set("triggers", std::move(r));
  }
  if (s.resource_owner) o.set("owner", Out::scalar(s.resource_owner->value));
  if (s.target) o.set("target", Out::scalar(s.target->text));
  if (s.at) o.set("at", string_or_raw(s.at));
  if (!s.context.empty()) {
    Out c = Out::map();
    for (const auto& v : s.context) c.set(v.name.text, literal(v.value));
    o.set("context", std::move(c));
  }
  if (!s.grants.empty()) {
    Out g = Out::seq();
    g.block = true;
    for (const auto& gi : s.grants) g.add(grant_instance(gi));
    o.set("grants", std::move(g));
  }
}

Out test(const ast::TestDecl& t) {
  Out o = Out::map();
  o.block = true;
  if (t.title) o.set("title", Out::scalar(t.title->value));
  setup(o, t.setup);
  switch (t.query) {
    case ast::TestDecl::Query::request:
      o.set("request", Out::scalar(t.request ? dsl::print_pattern(*t.request) : std::string()));
      break;
    case ast::TestDecl::Query::validate:
      if (t.validate) o.set("validate", grant_instance(*t.validate));
      break;
    case ast::TestDecl::Query::assign:
      if (t.assign_role) o.set("assign", Out::scalar(binding(*t.assign_role, t.assign_org)));
      break;
  }
  static constexpr std::string_view expects[] = {"allow", "deny", "valid", "invalid"};
  if (t.expect == ast::TestDecl::Expect::invalid && !t.expect_violations.empty()) {
    Out e = Out::map();
    e.set("invalid", names(t.expect_violations));
    o.set("expect", std::move(e));
  } else {
    o.set("expect", Out::raw(std::string(expects[static_cast<int>(t.expect)])));
  }
  return with_comments(std::move(o), t.comments);
}

Out matrix(const ast::MatrixDecl& m) {
  Out o = Out::map();
  o.block = true;
  if (m.title) o.set("title", Out::scalar(m.title->value));
  setup(o, m.setup);
  if (!m.roles.empty()) o.set("columns", names(m.roles));
  if (!m.rows.empty()) {
    Out rows = Out::map();
    rows.block = true;
    for (const auto& r : m.rows) {
      Out cells = Out::seq();
      for (const auto& c : r.cells) cells.add(Out::raw(c.allow ? "allow" : "deny"));
      rows.entries.push_back(OutEntry{quote_scalar(dsl::print_pattern(r.request)), with_comments(std::move(cells), r.comments)});
    }
    o.set("rows", std::move(rows));
  }
  return with_comments(std::move(o), m.comments);
}

/// The top-level key of each declaration kind, in ast::Decl's variant order.
constexpr std::string_view kGroups[] = {"policy", "imports", "attributes", "organizations", "modules", "roles",
                                        "forbids", "templates", "implicit_grants", "assertions", "tests", "matrices"};

}  // namespace

std::string print_file(const ast::File& file) {
  Out root = Out::map();
  std::vector<int> slot(std::size(kGroups), -1);
  for (const auto& decl : file.decls) {
    const auto kind = decl.index();
    if (slot[kind] < 0) {
      slot[kind] = static_cast<int>(root.entries.size());
      Out g = kind == 1 ? Out::seq() : Out::map();
      g.block = kind != 1;
      root.set(kGroups[kind], std::move(g));
    }
    Out& group = root.entries[slot[kind]].second;
    std::visit(
        [&](const auto& d) {
          using T = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<T, ast::PolicyDecl>) {
            group = policy(d);
          } else if constexpr (std::is_same_v<T, ast::ImportDecl>) {
            group.add(with_comments(Out::scalar(d.path.value), d.comments));
          } else if constexpr (std::is_same_v<T, ast::AttributeDecl>) {
            group.set(d.name.text, attribute(d));
          } else if constexpr (std::is_same_v<T, ast::OrganizationDecl>) {
            Out o = Out::map();
            if (d.parent) o.set("in", Out::scalar(d.parent->text));
            group.set(d.name.text, with_comments(std::move(o), d.comments));
          } else if constexpr (std::is_same_v<T, ast::ModuleDecl>) {
            group.set(d.name.text, module(d));
          } else if constexpr (std::is_same_v<T, ast::RoleDecl>) {
            group.set(d.name.text, role(d));
          } else if constexpr (std::is_same_v<T, ast::ForbidDecl>) {
            group.set(d.name.text, forbid(d));
          } else if constexpr (std::is_same_v<T, ast::GrantTemplateDecl>) {
            group.set(d.name.text, grant_template(d));
          } else if constexpr (std::is_same_v<T, ast::ImplicitGrantDecl>) {
            group.set(d.name.text, implicit_grant(d));
          } else if constexpr (std::is_same_v<T, ast::AssertDecl>) {
            group.set(d.name.text, assertion(d));
          } else if constexpr (std::is_same_v<T, ast::TestDecl>) {
            group.set(d.name.text, test(d));
          } else if constexpr (std::is_same_v<T, ast::MatrixDecl>) {
            group.set(d.name.text, matrix(d));
          }
        },
        decl);
  }
  std::string out = root.entries.empty() ? std::string("{}\n") : render(root);
  comment_lines(out, file.trailing_comments, 0);
  return out;
}

}  // namespace writ::yaml
