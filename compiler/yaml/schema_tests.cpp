// §11 tests and matrices in YAML (docs/yaml.md §11): request setup, grant instances, queries.
#include <fmt/format.h>

#include "compiler/yaml/schema.hpp"

namespace writ::yaml {
namespace {
constexpr std::string_view kSetupKeys[] = {"kind",   "named",  "id", "org",     "roles", "triggers",
                                           "owner", "target", "at", "context", "grants"};
}

void Schema::setup_item(std::string_view key, const Node& v, ast::RequestSetup& s, std::string_view where) {
  if (key == "kind") s.kind = kind_ref(v, "kind");
  else if (key == "named") s.named = boolean(v, "named");
  else if (key == "id") s.principal_id = string_lit(v, "id");
  else if (key == "org") s.principal_org = name(v, "org");
  else if (key == "target") s.target = name(v, "target");
  else if (key == "owner") s.resource_owner = string_lit(v, "owner");
  else if (key == "at") s.at = raw(v, "at");
  else if (key == "roles") {
    if (expect_kind(v, Node::Kind::sequence, "roles", where))
      for (const Node& item : v.items)
        if (auto b = role_binding(item, "roles")) s.roles.push_back(std::move(*b));
  } else if (key == "triggers") {
    if (expect_kind(v, Node::Kind::sequence, "triggers", where))
      for (const Node& item : v.items)
        if (auto t = trigger(item, "triggers")) s.triggers.push_back(std::move(*t));
  } else if (key == "context") {
    each_named(v, "context", where, [&](ast::Name n, const Node& lit) {
      auto e = literal(lit, n.text);
      if (!e) return;
      ast::ContextValue c;
      c.span = n.span;
      c.span.end = std::max(c.span.end, lit.span.end);
      c.name = std::move(n);
      c.value = std::move(*e);
      s.context.push_back(std::move(c));
    });
  } else if (key == "grants") {
    if (expect_kind(v, Node::Kind::sequence, "grants", where))
      for (const Node& item : v.items)
        if (auto g = grant_instance(item, fmt::format("a grant of {}", where))) s.grants.push_back(std::move(*g));
  }
}

std::optional<ast::GrantInstance> Schema::grant_instance(const Node& node, std::string_view where) {
  auto m = map(node, std::string(where),
               {"template", "grantee_id", "grantor_kind", "grantor_named", "grantor_roles", "roles", "custom", "from", "to",
                "org", "fields", "revoked"});
  if (!m) return std::nullopt;
  ast::GrantInstance g;
  g.span = node.span;
  const Node* t = m->get("template");
  if (!t) {
    error(node.span, fmt::format("{} needs a `template`", where));
    return std::nullopt;
  }
  auto tn = name(*t, "template");
  if (!tn) return std::nullopt;
  g.template_name = std::move(*tn);
  if (const Node* x = m->get("grantee_id")) g.grantee_id = string_lit(*x, "grantee_id");
  if (const Node* x = m->get("grantor_kind")) g.grantor_kind = kind_ref(*x, "grantor_kind");
  if (const Node* x = m->get("grantor_named")) g.grantor_named = boolean(*x, "grantor_named");
  if (const Node* x = m->get("grantor_roles")) {
    if (expect_kind(*x, Node::Kind::sequence, "grantor_roles", where))
      for (const Node& item : x->items)
        if (auto b = role_binding(item, "grantor_roles")) g.grantor_roles.push_back(std::move(*b));
  }
  if (const Node* x = m->get("roles")) g.roles = names(*x, "roles");
  if (const Node* x = m->get("custom")) {
    if (expect_kind(*x, Node::Kind::sequence, "custom", where))
      for (const Node& item : x->items)
        if (auto p = pattern(item, "custom")) g.custom.push_back(std::move(*p));
  }
  if (const Node* x = m->get("from")) g.valid_from = raw(*x, "from");
  if (const Node* x = m->get("to")) g.valid_to = raw(*x, "to");
  if (const Node* x = m->get("org")) g.org = name(*x, "org");
  if (const Node* x = m->get("fields")) {
    each_named(*x, "fields", where, [&](ast::Name n, const Node& v) {
      auto s = string_lit(v, n.text);
      if (!s) return;
      ast::FieldValue f;
      f.span = n.span;
      f.span.end = std::max(f.span.end, v.span.end);
      f.name = std::move(n);
      f.value = std::move(*s);
      g.fields.push_back(std::move(f));
    });
  }
  if (const Node* x = m->get("revoked")) g.revoked = boolean(*x, "revoked").value_or(false);
  return g;
}

void Schema::tests(const Node& node, ast::File& out) {
  each_named(node, "tests", "", [&](ast::Name name, const Node& body) {
    ast::TestDecl t;
    t.span = name.span;
    const std::uint32_t line = name.span.line;
    t.comments = comments_at(name.span);
    t.span.end = std::max(t.span.end, body.span.end);
    const std::string where = fmt::format("test `{}`", name.text);
    t.name = std::move(name);
    auto m = map(body, where,
                 {"title", "kind", "named", "id", "org", "roles", "triggers", "owner", "target", "at", "context", "grants",
                  "request", "validate", "assign", "expect"});
    if (!m) return;
    if (const Node* x = m->get("title")) t.title = string_lit(*x, "title");
    for (auto k : kSetupKeys)
      if (const Node* x = m->get(k)) setup_item(k, *x, t.setup, where);
    const int queries = m->has("request") + m->has("validate") + m->has("assign");
    if (queries != 1) {
      error(body.span, fmt::format("{} needs exactly one of `request`, `validate`, `assign`", where));
      return;
    }
    if (const Node* x = m->get("request")) {
      t.query = ast::TestDecl::Query::request;
      t.request = pattern(*x, "request");
    } else if (const Node* x = m->get("validate")) {
      t.query = ast::TestDecl::Query::validate;
      t.validate = grant_instance(*x, fmt::format("`validate` of {}", where));
    } else if (const Node* x = m->get("assign")) {
      t.query = ast::TestDecl::Query::assign;
      if (auto b = role_binding(*x, "assign")) {
        t.assign_role = std::move(b->role);
        t.assign_org = std::move(b->org);
      }
    }
    const Node* e = m->get("expect");
    if (!e) {
      error(body.span, fmt::format("{} needs `expect`", where));
      return;
    }
    if (e->kind == Node::Kind::mapping) {  // `expect: {invalid: [duration_above_max]}`
      auto em = map(*e, fmt::format("`expect` of {}", where), {"invalid"});
      if (!em) return;
      t.expect = ast::TestDecl::Expect::invalid;
      if (const Node* codes = em->get("invalid")) t.expect_violations = names(*codes, "invalid");
    } else if (auto k = keyword(*e, "expect", {"allow", "deny", "valid", "invalid"})) {
      t.expect = static_cast<ast::TestDecl::Expect>(*k);
    }
    add_decl(out, std::move(t), line, body);
  });
}

void Schema::matrices(const Node& node, ast::File& out) {
  each_named(node, "matrices", "", [&](ast::Name name, const Node& body) {
    ast::MatrixDecl mx;
    mx.span = name.span;
    const std::uint32_t line = name.span.line;
    mx.comments = comments_at(name.span);
    mx.span.end = std::max(mx.span.end, body.span.end);
    const std::string where = fmt::format("matrix `{}`", name.text);
    mx.name = std::move(name);
    auto m = map(body, where,
                 {"title", "kind", "named", "id", "org", "roles", "triggers", "owner", "target", "at", "context", "grants",
                  "columns", "rows"});
    if (!m) return;
    if (const Node* x = m->get("title")) mx.title = string_lit(*x, "title");
    for (auto k : kSetupKeys)
      if (const Node* x = m->get(k)) setup_item(k, *x, mx.setup, where);
    if (const Node* x = m->get("columns")) mx.roles = names(*x, "columns");
    if (const Node* x = m->get("rows")) {
      // `rows: {"billing/services:view": [allow, deny]}`; keys are permission patterns.
      if (expect_kind(*x, Node::Kind::mapping, "rows", where)) {
        for (std::size_t i = 0; i < x->map_size(); ++i) {
          ast::Comments c = comments_at(x->key(i).span);
          auto pat = pattern(x->key(i), "rows");
          const Node& cells = x->value(i);
          if (!pat || !expect_kind(cells, Node::Kind::sequence, "a row", where)) continue;
          ast::MatrixRow row;
          row.comments = std::move(c);
          row.span = x->key(i).span;
          row.span.end = std::max(row.span.end, cells.span.end);
          row.request = std::move(*pat);
          for (const Node& c : cells.items)
            if (auto k = keyword(c, "a row cell", {"allow", "deny"})) row.cells.push_back(ast::MatrixCell{*k == 0, c.span});
          mx.rows.push_back(std::move(row));
        }
      }
    }
    add_decl(out, std::move(mx), line, body);
  });
}

}  // namespace writ::yaml
