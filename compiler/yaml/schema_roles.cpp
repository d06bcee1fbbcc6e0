// §6 roles and §7 forbid rules in YAML (docs/yaml.md §6, §7).
#include <utility>

#include <fmt/format.h>

#include "compiler/yaml/schema.hpp"

namespace writ::yaml {
namespace {

/// `levels: {portal: org_admin}`; the sequence form `[{portal: a}, {portal: b}]` keeps a module
/// that is given twice (the printer uses it only then).
void read_levels(Schema& s, const Node& node, std::vector<ast::LevelAssignment>& out, std::string_view where) {
  // In the sequence form the comments above the `-` belong to the item's assignment.
  auto one = [&](const Node& map, ast::Comments item) {
    s.each_named(map, "levels", where, [&](ast::Name module, const Node& v) {
      ast::Comments c = std::exchange(item, {});
      for (auto& line : s.comments_at(module.span)) c.push_back(std::move(line));
      auto level = s.name(v, "level");
      if (!level) return;
      ast::LevelAssignment a;
      a.comments = std::move(c);
      a.span = module.span;
      a.span.end = std::max(a.span.end, v.span.end);
      a.module = std::move(module);
      a.level = std::move(*level);
      out.push_back(std::move(a));
    });
  };
  if (node.kind == Node::Kind::sequence) {
    for (const Node& item : node.items) one(item, s.item_comments(item));
  } else {
    one(node, {});
  }
}

void read_scope_items(Schema& s, const MapView& m, ast::ScopeBlock& b, std::string_view where) {
  if (const Node* p = m.get("permit")) b.permits = s.permits(*p, where);
  if (const Node* d = m.get("deny")) b.denies = s.denies(*d, where);
  if (const Node* l = m.get("levels")) read_levels(s, *l, b.levels, where);
}

}  // namespace

void Schema::roles(const Node& node, ast::File& out) {
  each_named(node, "roles", "", [&](ast::Name name, const Node& body) {
    ast::RoleDecl r;
    r.span = name.span;
    const std::uint32_t line = name.span.line;
    r.comments = comments_at(name.span);
    r.span.end = std::max(r.span.end, body.span.end);
    const std::string where = fmt::format("role `{}`", name.text);
    r.name = std::move(name);
    auto m = map(body, where,
                 {"title", "description", "holders", "named_accounts", "extends", "assigned_by", "permit", "deny", "levels", "at",
                  "suppress"});
    if (!m) return;
    if (const Node* t = m->get("title")) r.title = string_lit(*t, "title");
    if (const Node* d = m->get("description")) r.description = string_lit(*d, "description");
    if (const Node* x = m->get("suppress")) r.suppressions = suppressions(*x, where);
    if (const Node* h = m->get("holders")) r.holders = kinds(*h, "holders");
    if (const Node* n = m->get("named_accounts")) {
      r.named_accounts = boolean(*n, "named_accounts").value_or(false);
      if (r.named_accounts) r.named_accounts_span = m->get_key("named_accounts")->span;
    }
    if (const Node* e = m->get("extends")) r.extends = names(*e, "extends");
    if (const Node* a = m->get("assigned_by")) r.assigned_by = authorizers(*a, "assigned_by", false);
    ast::ScopeBlock self;
    self.span = body.span;
    read_scope_items(*this, *m, self, where);
    r.scopes.push_back(std::move(self));
    if (const Node* at = m->get("at")) {
      if (expect_kind(*at, Node::Kind::mapping, "at", where)) {
        for (std::size_t i = 0; i < at->map_size(); ++i) {
          auto scope = org_scope(at->key(i), "at");
          if (!scope) continue;
          ast::ScopeBlock b;
          b.comments = comments_at(at->key(i).span);
          b.scope = *scope;
          b.implicit_self = false;
          b.span = at->key(i).span;
          b.span.end = std::max(b.span.end, at->value(i).span.end);
          const std::string bwhere = fmt::format("`at {}` of {}", at->key(i).text, where);
          auto bm = map(at->value(i), bwhere, {"permit", "deny", "levels"});
          if (!bm) continue;
          read_scope_items(*this, *bm, b, bwhere);
          r.scopes.push_back(std::move(b));
        }
      }
    }
    add_decl(out, std::move(r), line, body);
  });
}

void Schema::forbids(const Node& node, ast::File& out) {
  each_named(node, "forbids", "", [&](ast::Name name, const Node& body) {
    ast::ForbidDecl f;
    f.span = name.span;
    const std::uint32_t line = name.span.line;
    f.comments = comments_at(name.span);
    f.span.end = std::max(f.span.end, body.span.end);
    const std::string where = fmt::format("forbid `{}`", name.text);
    f.name = std::move(name);
    auto m = map(body, where, {"title", "applies_to", "deny", "when", "reason", "suppress"});
    if (!m) return;
    if (const Node* t = m->get("title")) f.title = string_lit(*t, "title");
    if (const Node* x = m->get("suppress")) f.suppressions = suppressions(*x, where);
    if (const Node* a = m->get("applies_to")) {
      if (expect_kind(*a, Node::Kind::sequence, "applies_to", where))
        for (const Node& item : a->items)
          if (auto sel = selector(item, "applies_to")) f.applies_to.push_back(std::move(*sel));
    }
    if (const Node* d = m->get("deny")) f.denies = denies(*d, where);
    if (const Node* w = m->get("when")) f.when = expression(*w, "when");
    if (const Node* r = m->get("reason")) f.reason = string_lit(*r, "reason");
    add_decl(out, std::move(f), line, body);
  });
}

}  // namespace writ::yaml
