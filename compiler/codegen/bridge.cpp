// See bridge.hpp.
#include "compiler/codegen/bridge.hpp"

#include <algorithm>

namespace writ::codegen {

TableRequest::TableRequest(const runtime::Table& table, const ir::Request& r, const ir::OrgTree& tree) : table_(table) {
  std::vector<std::pair<std::string, std::string>> parents(tree.begin(), tree.end());
  tree_ = runtime::OrgTree::build(parents);
  request_.orgs = &tree_;
  request_.kind = static_cast<runtime::PrincipalKind>(r.principal.kind);
  request_.named = r.principal.named;
  request_.is_owner = (!r.resource_owner || r.principal.id.empty()) ? runtime::Tri::unknown
                      : *r.resource_owner == r.principal.id      ? runtime::Tri::true_
                                                                 : runtime::Tri::false_;
  request_.target_org = org(r.target_org);
  request_.home_org = r.principal.org.empty() ? runtime::kNone : org(r.principal.org);
  for (const auto& b : r.principal.roles) roles_.push_back(runtime::Binding{table.find_role(b.role), b.org.empty() ? runtime::kNone : org(b.org)});
  grants_.reserve(r.principal.grants.size());
  for (const auto& g : r.principal.grants) grants_.push_back(grant(g));
  for (const auto& t : r.principal.triggers)
    triggers_.push_back(runtime::TriggerRef{table.find_implicit(t.implicit), t.org.empty() ? runtime::kNone : org(t.org)});
  context_.assign(table.attribute_count(), runtime::AttrValue{});
  for (const auto& [name, v] : r.context) {
    const auto a = table.find_attribute(name);
    if (a == runtime::kNone) continue;
    if (const bool* b = std::get_if<bool>(&v)) context_[a] = table.bool_value(a, *b);
    else if (const std::int64_t* i = std::get_if<std::int64_t>(&v)) context_[a] = table.int_value(a, *i);
    else context_[a] = table.string_value(a, std::get<std::string>(v));
  }
  request_.roles = roles_.data();
  request_.role_count = static_cast<std::uint32_t>(roles_.size());
  request_.grants = grants_.data();
  request_.grant_count = static_cast<std::uint32_t>(grants_.size());
  request_.triggers = triggers_.data();
  request_.trigger_count = static_cast<std::uint32_t>(triggers_.size());
  request_.context = context_.data();
  request_.at = r.at;
  request_.permission = table.find_permission(r.module, r.resource, r.action, &why_);
}

std::uint32_t TableRequest::org(const std::string& name) {
  const auto id = tree_.find(name);
  if (id != runtime::kNone) return id;
  auto it = std::find(extra_orgs_.begin(), extra_orgs_.end(), name);
  if (it == extra_orgs_.end()) it = extra_orgs_.insert(extra_orgs_.end(), name);
  return tree_.size() + static_cast<std::uint32_t>(it - extra_orgs_.begin());
}

runtime::Grant TableRequest::grant(const ir::GrantInstance& g) {
  runtime::Grant out;
  out.template_id = table_.find_template(g.template_name);
  out.grantor_kind = static_cast<runtime::PrincipalKind>(g.grantor_kind);
  out.grantor_named = g.grantor_named;
  auto& gr = *grantor_roles_.emplace_back(std::make_unique<std::vector<runtime::Binding>>());
  for (const auto& b : g.grantor_roles) gr.push_back(runtime::Binding{table_.find_role(b.role), b.org.empty() ? runtime::kNone : org(b.org)});
  out.grantor_roles = gr.data();
  out.grantor_role_count = static_cast<std::uint32_t>(gr.size());
  auto& roles = *grant_roles_.emplace_back(std::make_unique<std::vector<std::uint32_t>>());
  for (const auto& name : g.roles) roles.push_back(table_.find_role(name));
  out.roles = roles.data();
  out.role_count = static_cast<std::uint32_t>(roles.size());
  auto& custom = *grant_custom_.emplace_back(std::make_unique<std::vector<std::uint32_t>>());
  ir::PermissionSet set;
  for (const auto& c : g.custom) {
    if (!c.permissions || c.permissions->empty()) out.custom_bad = true;
    else set |= *c.permissions;
  }
  for (auto p : set.members()) custom.push_back(p.value);
  out.custom = custom.data();
  out.custom_count = static_cast<std::uint32_t>(custom.size());
  out.has_valid_from = g.valid_from.has_value();
  out.valid_from = g.valid_from.value_or(0);
  out.has_valid_to = g.valid_to.has_value();
  out.valid_to = g.valid_to.value_or(0);
  out.org = g.org.empty() ? runtime::kNone : org(g.org);
  out.revoked = g.revoked;
  return out;
}

runtime::GrantProposal TableRequest::proposal(const ir::GrantInstance& g) {
  auto& fields = *fields_.emplace_back(std::make_unique<std::vector<runtime::GrantField>>());
  for (const auto& [name, value] : g.fields) fields.push_back(runtime::GrantField{name, value.empty()});
  runtime::GrantProposal out;
  out.fields = fields.data();
  out.field_count = static_cast<std::uint32_t>(fields.size());
  out.has_grantee_id = !g.grantee_id.empty();
  return out;
}

}  // namespace writ::codegen
