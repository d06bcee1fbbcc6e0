// §9 grant templates and implicit grants in YAML (docs/yaml.md §9).
#include <fmt/format.h>

#include "compiler/yaml/schema.hpp"

namespace writ::yaml {

void Schema::templates(const Node& node, ast::File& out) {
  each_named(node, "templates", "", [&](ast::Name name, const Node& body) {
    ast::GrantTemplateDecl t;
    t.span = name.span;
    const std::uint32_t line = name.span.line;
    t.comments = comments_at(name.span);
    t.span.end = std::max(t.span.end, body.span.end);
    const std::string where = fmt::format("template `{}`", name.text);
    t.name = std::move(name);
    auto m = map(body, where,
                 {"title", "description", "grantee", "grantee_requires", "grantee_id", "granted_by", "fields", "valid_from",
                  "valid_to", "duration", "grants", "scope", "ceiling", "preconditions", "deny", "revocable", "audited",
                  "suppress"});
    if (!m) return;
    if (const Node* x = m->get("title")) t.title = string_lit(*x, "title");
    if (const Node* x = m->get("description")) t.description = string_lit(*x, "description");
    if (const Node* x = m->get("suppress")) t.suppressions = suppressions(*x, where);
    if (const Node* x = m->get("grantee")) t.grantee_kinds = kinds(*x, "grantee");
    if (const Node* x = m->get("grantee_requires")) t.grantee_requires = names(*x, "grantee_requires");
    if (const Node* x = m->get("grantee_id")) {
      if (x->kind == Node::Kind::mapping) {  // `{name: support_user, title: "Support user profile"}`
        if (auto gm = map(*x, fmt::format("`grantee_id` of {}", where), {"name", "title"})) {
          if (const Node* n = gm->get("name")) t.grantee_id = this->name(*n, "grantee_id");
          else error(x->span, fmt::format("`grantee_id` of {} needs a `name`", where));
          if (const Node* ti = gm->get("title")) t.grantee_id_title = string_lit(*ti, "title");
        }
      } else {
        t.grantee_id = this->name(*x, "grantee_id");
      }
    }
    if (const Node* x = m->get("granted_by")) t.granted_by = authorizers(*x, "granted_by", true);
    if (const Node* x = m->get("fields")) {
      each_named(*x, "fields", where, [&](ast::Name fname, const Node& v) {
        ast::FieldDecl f;
        f.comments = comments_at(fname.span);
        f.span = fname.span;
        f.span.end = std::max(f.span.end, v.span.end);
        const std::string fwhere = fmt::format("field `{}` of {}", fname.text, where);
        f.name = std::move(fname);
        const Node* pres = &v;
        if (v.kind == Node::Kind::mapping) {  // `reason: {presence: optional, title: "Reason"}`
          auto fm = map(v, fwhere, {"presence", "title"});
          if (!fm) return;
          if (const Node* ti = fm->get("title")) f.title = string_lit(*ti, "title");
          pres = fm->get("presence");
        }
        if (pres) {
          auto p = presence(*pres, "presence");
          if (!p) return;
          f.presence = *p;
        }
        t.fields.push_back(std::move(f));
      });
    }
    if (const Node* x = m->get("valid_from")) t.valid_from = presence(*x, "valid_from");
    if (const Node* x = m->get("valid_to")) t.valid_to = presence(*x, "valid_to");
    if (const Node* x = m->get("duration")) {
      if (auto dm = map(*x, fmt::format("`duration` of {}", where), {"default", "max"})) {
        if (const Node* d = dm->get("default")) t.default_duration = raw(*d, "default");
        if (const Node* d = dm->get("max")) t.max_duration = raw(*d, "max");
      }
    }
    if (const Node* x = m->get("grants")) {
      // `custom` in the list means custom permission sets, as `grants custom;` does in the DSL.
      if (expect_kind(*x, Node::Kind::sequence, "grants", where))
        for (const Node& item : x->items) {
          if (item.is_plain("custom")) t.custom = true;
          else if (auto n = this->name(item, "grants")) t.grantable_roles.push_back(std::move(*n));
        }
    }
    if (const Node* x = m->get("scope")) {
      const Node* orgs = x;
      if (x->kind == Node::Kind::mapping) {  // `{orgs: descendants, when: "..."}`
        auto sm = map(*x, fmt::format("`scope` of {}", where), {"orgs", "when"});
        orgs = sm ? sm->get("orgs") : nullptr;
        if (sm)
          if (const Node* w = sm->get("when")) t.scope_when = expression(*w, "when");
      }
      if (orgs) {
        t.org_scope = org_scope(*orgs, "scope");
        t.org_scope_span = orgs->span;
      }
    }
    if (const Node* x = m->get("ceiling")) {
      if (keyword(*x, "ceiling", {"grantor"})) t.ceiling_grantor = true;
    }
    if (const Node* x = m->get("preconditions")) {
      if (expect_kind(*x, Node::Kind::sequence, "preconditions", where))
        for (const Node& item : x->items)
          if (auto e = expression(item, "preconditions")) t.preconditions.push_back(std::move(*e));
    }
    if (const Node* x = m->get("deny")) t.denies = denies(*x, where);
    if (const Node* x = m->get("revocable")) t.revocable = boolean(*x, "revocable").value_or(false);
    if (const Node* x = m->get("audited")) t.audited = boolean(*x, "audited").value_or(false);
    add_decl(out, std::move(t), line, body);
  });
}

void Schema::implicit_grants(const Node& node, ast::File& out) {
  each_named(node, "implicit_grants", "", [&](ast::Name name, const Node& body) {
    ast::ImplicitGrantDecl g;
    g.span = name.span;
    const std::uint32_t line = name.span.line;
    g.comments = comments_at(name.span);
    g.span.end = std::max(g.span.end, body.span.end);
    const std::string where = fmt::format("implicit grant `{}`", name.text);
    g.name = std::move(name);
    auto m = map(body, where, {"title", "description", "grantee", "grantee_roles", "when", "grants", "suppress"});
    if (!m) return;
    if (const Node* x = m->get("title")) g.title = string_lit(*x, "title");
    if (const Node* x = m->get("description")) g.description = string_lit(*x, "description");
    if (const Node* x = m->get("suppress")) g.suppressions = suppressions(*x, where);
    if (const Node* x = m->get("grantee")) g.grantee_kinds = kinds(*x, "grantee");
    if (const Node* x = m->get("grantee_roles")) g.grantee_roles = names(*x, "grantee_roles");
    if (const Node* x = m->get("when")) g.when = expression(*x, "when");
    if (const Node* x = m->get("grants")) g.grants_roles = names(*x, "grants");
    add_decl(out, std::move(g), line, body);
  });
}

}  // namespace writ::yaml
