// read_assignments: the positioned tree -> ir::Assignments. The shape checks reuse the policy
// schema's helpers (map, name, kind_ref, boolean, role_binding, organizations), reporting W060
// instead of W016; what only assignments data has — unique ids, organizations inside the file's
// own tree — is checked here. See assignments_reader.hpp.
#include "compiler/yaml/assignments_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/yaml/schema.hpp"
#include "compiler/yaml/yaml_tree.hpp"

namespace writ::yaml {
namespace {

constexpr std::string_view kWhere = "the top level of an assignments file";

bool has_control(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

/// The file's `organizations:` as a tree; parents and loops checked. nullopt after an error.
std::optional<ir::OrgTree> organizations(Schema& schema, const Node& node, Diagnostics& diags) {
  ast::File decls;
  schema.organizations(node, decls);
  if (!schema.ok()) return std::nullopt;
  ir::OrgTree tree{{ir::kDefaultOrganization, ""}};
  std::map<std::string, Span> where;
  for (const auto& d : decls.decls) {
    const auto& o = std::get<ast::OrganizationDecl>(d);
    tree[o.name.text] = o.parent ? o.parent->text : "";
    where[o.name.text] = o.name.span;
  }
  bool ok = true;
  for (const auto& d : decls.decls) {
    const auto& o = std::get<ast::OrganizationDecl>(d);
    if (o.parent && !tree.count(o.parent->text)) {
      diags.report(DiagCode::undeclared_name, o.parent->span, "organization", o.parent->text);
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  // A loop: walking up from an organization comes back to one on the walk. Each organization is
  // walked from once (state 2 = known to reach a root), so this is linear.
  std::map<std::string, int> state;
  for (const auto& [start, parent0] : tree) {
    std::vector<std::string> path;
    std::string at = start;
    while (!at.empty() && state[at] == 0) {
      state[at] = 1;
      path.push_back(at);
      at = tree.at(at);
    }
    if (!at.empty() && state[at] == 1) {
      std::string chain;
      auto from = std::find(path.begin(), path.end(), at);
      for (auto it = from; it != path.end(); ++it) chain += (chain.empty() ? "`" : " in `") + *it + "`";
      chain += " in `" + at + "`";
      diags.report(DiagCode::invalid_value, where[at], fmt::format("organizations form a loop: {}", chain));
      return std::nullopt;
    }
    for (const auto& p : path) state[p] = 2;
  }
  return tree;
}

}  // namespace

std::optional<ir::Assignments> read_assignments(const SourceMap& sources, FileId file, Diagnostics& diags) {
  auto root = build_tree(sources, file, diags);
  if (!root) return std::nullopt;
  CommentMap comments(sources.text(file));  // the helpers hand out comments; assignments keep none
  Schema schema(file, diags, comments, DiagCode::assignments_schema);
  auto top = schema.map(*root, std::string(kWhere), {"principals", "organizations"});
  if (!top) return std::nullopt;
  ir::Assignments out;
  if (const Node* orgs = top->get("organizations")) {
    out.organizations = organizations(schema, *orgs, diags);
    if (!out.organizations) return std::nullopt;
  }
  const Node* list = top->get("principals");
  if (!list) {
    schema.error(root->span, fmt::format("{} needs `principals`", kWhere));
    return std::nullopt;
  }
  if (!schema.expect_kind(*list, Node::Kind::sequence, "principals", "")) return std::nullopt;

  bool ok = true;
  auto known_org = [&](const std::string& org, const Span& span) {
    if (!out.organizations || org.empty() || out.organizations->count(org)) return true;
    diags.report(DiagCode::undeclared_name, span, "organization", org);
    ok = false;
    return false;
  };
  std::map<std::string, std::uint32_t> first_line;
  for (const Node& item : list->items) {
    auto m = schema.map(item, "a principal", {"id", "kind", "named", "org", "roles"});
    if (!m) continue;
    const Node* id = m->get("id");
    if (!id) {
      schema.error(item.span, "a principal needs an `id`");
      continue;
    }
    auto text = schema.string(*id, "id");
    if (!text) continue;
    if (text->empty() || has_control(*text)) {
      schema.error(id->span, "`id` must be a non-empty string without control characters");
      continue;
    }
    ir::AssignedPrincipal a;
    a.principal.id = *text;
    a.span = id->span;
    if (auto [it, fresh] = first_line.emplace(*text, id->span.line); !fresh) {
      diags.report(DiagCode::duplicate_principal, id->span, *text, it->second);
      ok = false;
      continue;
    }
    const std::string where = fmt::format("principal `{}`", *text);
    if (const Node* k = m->get("kind"))
      if (auto kind = schema.kind_ref(*k, "kind")) a.principal.kind = kind->kind;
    if (const Node* n = m->get("named"))
      if (auto named = schema.boolean(*n, "named")) a.principal.named = *named;
    if (const Node* o = m->get("org"))
      if (auto org = schema.name(*o, "org"); org && known_org(org->text, org->span)) a.principal.org = org->text;
    if (const Node* r = m->get("roles")) {
      if (schema.expect_kind(*r, Node::Kind::sequence, "roles", where)) {
        for (const Node& b : r->items) {
          auto binding = schema.role_binding(b, "roles");
          if (!binding) continue;
          ir::RoleBinding rb{binding->role.text, binding->org ? binding->org->text : std::string()};
          if (binding->org && !known_org(rb.org, binding->org->span)) continue;
          a.principal.roles.push_back(std::move(rb));
          a.role_spans.push_back(binding->span);
        }
      }
    }
    out.principals.push_back(std::move(a));
  }
  if (!ok || !schema.ok()) return std::nullopt;
  return out;
}

}  // namespace writ::yaml
