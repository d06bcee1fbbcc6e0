// §2 policy and imports, §8 attributes, §10 assertions and §11 organizations in YAML.
#include <fmt/format.h>

#include "compiler/yaml/schema.hpp"

namespace writ::yaml {

void Schema::policy(const Node& key, const Node& node, ast::File& out) {
  ast::PolicyDecl p;
  p.comments = comments_at(key.span);  // the policy's comments sit above the `policy:` key
  auto m = map(node, "`policy`", {"name", "title", "description", "combining", "max_grant_duration", "severity", "suppress"});
  if (!m) return;
  p.span = node.span;
  if (const Node* n = m->get("name")) {
    auto nm = name(*n, "the policy");
    if (!nm) return;
    p.name = std::move(*nm);
  } else {
    error(node.span, "`policy` needs a `name`");
    return;
  }
  if (const Node* t = m->get("title")) p.title = string_lit(*t, "title");
  if (const Node* d = m->get("description")) p.description = string_lit(*d, "description");
  if (const Node* c = m->get("combining")) {
    if (auto k = keyword(*c, "combining", {"permissive", "deny_overrides"})) {
      p.combining = static_cast<ast::Combining>(*k);
      p.combining_span = c->span;
    }
  }
  if (const Node* d = m->get("max_grant_duration")) p.max_grant_duration = raw(*d, "max_grant_duration");
  if (const Node* s = m->get("severity")) p.severities = severities(*s, "`policy`");
  if (const Node* s = m->get("suppress")) p.suppressions = suppressions(*s, "`policy`");
  add_decl(out, std::move(p), key.span.line, node);
}

void Schema::imports(const Node& node, ast::File& out) {
  if (!expect_kind(node, Node::Kind::sequence, "imports", "")) return;
  for (const Node& item : node.items) {
    const std::uint32_t line = comments_.item_line(item.span.begin);
    ast::ImportDecl d;
    d.comments = comments_.take(line);
    auto path = string_lit(item, "imports");
    if (!path) continue;
    d.path = std::move(*path);
    d.span = item.span;
    add_decl(out, std::move(d), line, item);
  }
}

void Schema::attributes(const Node& node, ast::File& out) {
  each_named(node, "attributes", "", [&](ast::Name name, const Node& body) {
    ast::AttributeDecl a;
    a.span = name.span;
    const std::uint32_t line = name.span.line;
    a.comments = comments_at(name.span);
    a.span.end = std::max(a.span.end, body.span.end);
    const std::string where = fmt::format("attribute `{}`", name.text);
    a.name = std::move(name);
    const Node* type = &body;  // short form: `seats: int`, `tier: [free, paid]`
    if (body.kind == Node::Kind::mapping) {
      auto m = map(body, where, {"type", "default", "description"});
      if (!m) return;
      type = m->get("type");
      if (!type) {
        error(body.span, fmt::format("{} needs a `type`: bool, int, string or a list of values", where));
        return;
      }
      if (const Node* d = m->get("default")) a.default_value = literal(*d, "default");
      if (const Node* d = m->get("description")) a.description = string_lit(*d, "description");
    }
    if (type->kind == Node::Kind::sequence) {
      a.type = ast::AttributeDecl::Type::enumeration;
      a.enum_values = names(*type, "type");
    } else {
      auto k = keyword(*type, "type", {"bool", "int", "string"});
      if (!k) return;
      a.type = static_cast<ast::AttributeDecl::Type>(*k);
    }
    add_decl(out, std::move(a), line, body);
  });
}

void Schema::organizations(const Node& node, ast::File& out) {
  each_named(node, "organizations", "", [&](ast::Name name, const Node& body) {
    ast::OrganizationDecl o;
    o.span = name.span;
    const std::uint32_t line = name.span.line;
    o.comments = comments_at(name.span);
    const std::string where = fmt::format("organization `{}`", name.text);
    o.name = std::move(name);
    if (body.kind != Node::Kind::null) {  // `partner: {}` or `client_a: {in: partner}`
      auto m = map(body, where, {"in"});
      if (!m) return;
      if (const Node* p = m->get("in")) o.parent = this->name(*p, "in");
    }
    add_decl(out, std::move(o), line, body);
  });
}

void Schema::assertions(const Node& node, ast::File& out) {
  each_named(node, "assertions", "", [&](ast::Name name, const Node& body) {
    ast::AssertDecl a;
    a.span = name.span;
    const std::uint32_t line = name.span.line;
    a.comments = comments_at(name.span);
    a.span.end = std::max(a.span.end, body.span.end);
    const std::string where = fmt::format("assertion `{}`", name.text);
    a.name = std::move(name);
    auto m = map(body, where, {"title", "never", "always", "may", "read_only", "min_holders", "count"});
    if (!m) return;
    if (const Node* t = m->get("title")) a.title = string_lit(*t, "title");
    const int kinds = m->has("never") + m->has("always") + m->has("read_only") + m->has("min_holders");
    if (kinds != 1) {
      error(body.span, fmt::format("{} needs exactly one of `never`, `always`, `read_only`, `min_holders`", where));
      return;
    }
    if (const Node* s = m->has("never") ? m->get("never") : m->get("always")) {
      a.kind = m->has("never") ? ast::AssertDecl::Kind::never : ast::AssertDecl::Kind::always;
      auto sel = selector(*s, a.kind == ast::AssertDecl::Kind::never ? "never" : "always");
      const Node* may = m->get("may");
      if (!may) {
        error(body.span, fmt::format("{} needs `may: PATTERN`", where));
        return;
      }
      auto pat = pattern(*may, "may");
      if (!sel || !pat) return;
      a.subject = std::move(*sel);
      a.pattern = std::move(*pat);
    } else if (const Node* r = m->get("read_only")) {
      a.kind = ast::AssertDecl::Kind::read_only;
      auto sel = selector(*r, "read_only");
      if (!sel) return;
      a.subject = std::move(*sel);
    } else if (const Node* h = m->get("min_holders")) {
      a.kind = ast::AssertDecl::Kind::min_holders;
      auto role = this->name(*h, "min_holders");
      const Node* c = m->get("count");
      if (!c) {
        error(body.span, fmt::format("{} needs `count`", where));
        return;
      }
      auto count = literal(*c, "count");
      if (!role || !count) return;
      if (count->kind != ast::Expr::Kind::integer) {
        error(c->span, "expected an integer for `count`");
        return;
      }
      a.subject.kind = ast::Selector::Kind::role;
      a.subject.name = std::move(*role);
      a.subject.span = h->span;
      a.count = count->int_value;
    }
    if (a.kind != ast::AssertDecl::Kind::never && a.kind != ast::AssertDecl::Kind::always && m->has("may"))
      error(m->get_key("may")->span, fmt::format("`may` belongs to `never`/`always` in {}", where));
    if (a.kind != ast::AssertDecl::Kind::min_holders && m->has("count"))
      error(m->get_key("count")->span, fmt::format("`count` belongs to `min_holders` in {}", where));
    add_decl(out, std::move(a), line, body);
  });
}

}  // namespace writ::yaml
