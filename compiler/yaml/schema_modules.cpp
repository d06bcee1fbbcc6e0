// §5 modules, resources, actions and levels in YAML (docs/yaml.md §5).
#include <fmt/format.h>

#include "compiler/yaml/schema.hpp"

namespace writ::yaml {
namespace {

void read_resource(Schema& s, ast::Name name, const Node& node, std::vector<ast::ResourceDecl>& out, std::string_view module) {
  ast::ResourceDecl r;
  r.comments = s.comments_at(name.span);
  r.span = node.span;
  const std::string where = fmt::format("resource `{}` of module `{}`", name.text, module);
  r.name = std::move(name);
  if (node.kind == Node::Kind::sequence) {  // short form: `sessions: [view, execute]`
    r.actions = s.names(node, "actions");
    out.push_back(std::move(r));
    return;
  }
  auto m = s.map(node, where, {"title", "actions", "resources"});
  if (!m) return;
  if (const Node* t = m->get("title")) r.title = s.string_lit(*t, "title");
  if (const Node* a = m->get("actions")) r.actions = s.names(*a, "actions");
  if (const Node* kids = m->get("resources"))
    s.each_named(*kids, "resources", where, [&](ast::Name n, const Node& v) { read_resource(s, std::move(n), v, r.children, module); });
  out.push_back(std::move(r));
}

void read_level(Schema& s, ast::Name name, const Node& node, ast::ModuleDecl& mod) {
  ast::LevelDecl l;
  l.comments = s.comments_at(name.span);
  l.span = node.span;
  const std::string where = fmt::format("level `{}` of module `{}`", name.text, mod.name.text);
  l.name = std::move(name);
  auto m = s.map(node, where, {"title", "description", "above", "includes", "readonly", "requires", "permit", "suppress"});
  if (!m) return;
  if (const Node* t = m->get("title")) l.title = s.string_lit(*t, "title");
  if (const Node* d = m->get("description")) l.description = s.string_lit(*d, "description");
  if (const Node* a = m->get("above")) l.above = s.names(*a, "above");
  if (const Node* a = m->get("includes")) l.includes = s.names(*a, "includes");
  if (const Node* x = m->get("suppress")) l.suppressions = s.suppressions(*x, where);
  if (const Node* r = m->get("readonly")) l.readonly_of = s.name(*r, "readonly");
  if (const Node* r = m->get("requires")) l.requirements = s.requirements(*r, "requires");
  if (const Node* p = m->get("permit")) l.permits = s.permits(*p, where);
  if (l.readonly_of && (m->has("permit") || m->has("requires") || m->has("above") || m->has("includes") || m->has("suppress")))
    s.error(node.span, fmt::format("{} is `readonly` of another level and has no `permit`, `requires`, `above`, "
                                   "`includes` or `suppress`", where));
  mod.levels.push_back(std::move(l));
}

}  // namespace

void Schema::modules(const Node& node, ast::File& out) {
  each_named(node, "modules", "", [&](ast::Name name, const Node& body) {
    ast::ModuleDecl mod;
    mod.span = name.span;
    const std::uint32_t line = name.span.line;
    mod.comments = comments_at(name.span);
    mod.span.end = std::max(mod.span.end, body.span.end);
    const std::string where = fmt::format("module `{}`", name.text);
    mod.name = std::move(name);
    auto m = map(body, where, {"title", "description", "actions", "resources", "levels", "suppress"});
    if (!m) return;
    if (const Node* t = m->get("title")) mod.title = string_lit(*t, "title");
    if (const Node* d = m->get("description")) mod.description = string_lit(*d, "description");
    if (const Node* x = m->get("suppress")) mod.suppressions = suppressions(*x, where);
    if (const Node* acts = m->get("actions")) {
      each_named(*acts, "actions", where, [&](ast::Name an, const Node& v) {
        ast::ActionDecl a;
        a.comments = comments_at(an.span);
        a.span = an.span;
        a.span.end = std::max(a.span.end, v.span.end);
        const std::string awhere = fmt::format("action `{}` of {}", an.text, where);
        a.name = std::move(an);
        const Node* cls = &v;
        if (v.kind == Node::Kind::mapping) {  // `view: {class: read, title: "View"}`
          auto am = map(v, awhere, {"class", "title"});
          if (!am) return;
          if (const Node* t = am->get("title")) a.title = string_lit(*t, "title");
          cls = am->get("class");
          if (!cls) {
            error(v.span, fmt::format("{} needs a `class` (read or write)", awhere));
            return;
          }
        }
        auto c = keyword(*cls, "class", {"read", "write"});
        if (!c) return;
        a.action_class = static_cast<ast::ActionClass>(*c);
        mod.actions.push_back(std::move(a));
      });
    }
    if (const Node* res = m->get("resources"))
      each_named(*res, "resources", where,
                 [&](ast::Name n, const Node& v) { read_resource(*this, std::move(n), v, mod.resources, mod.name.text); });
    if (const Node* lv = m->get("levels"))
      each_named(*lv, "levels", where, [&](ast::Name n, const Node& v) { read_level(*this, std::move(n), v, mod); });
    add_decl(out, std::move(mod), line, body);
  });
}

}  // namespace writ::yaml
