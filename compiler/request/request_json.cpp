// See request_json.hpp and docs/request-format.md.
#include "compiler/request/request_json.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "compiler/core/time.hpp"
#include "compiler/eval/interpreter.hpp"

namespace writ::eval {
namespace {

using json = nlohmann::json;

struct Bad {
  std::string message;
};

[[noreturn]] void fail(const std::string& path, const std::string& what) { throw Bad{fmt::format("{}: {}", path, what)}; }

void only_keys(const json& j, const std::string& path, std::initializer_list<std::string_view> keys) {
  if (!j.is_object()) fail(path, "expected an object");
  for (const auto& [k, v] : j.items()) {
    bool known = false;
    for (auto key : keys) known |= k == key;
    if (!known) {
      std::string list;
      for (auto key : keys) list += (list.empty() ? "" : ", ") + std::string(key);
      fail(path, fmt::format("unknown key `{}` (expected one of: {})", k, list));
    }
  }
}

std::string str(const json& j, const std::string& path) {
  if (!j.is_string()) fail(path, "expected a string");
  return j.get<std::string>();
}

bool boolean(const json& j, const std::string& path) {
  if (!j.is_boolean()) fail(path, "expected true or false");
  return j.get<bool>();
}

std::int64_t instant(const json& j, const std::string& path) {
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_string()) {
    if (auto t = core::parse_timestamp(j.get<std::string>())) return *t;
    fail(path, fmt::format("`{}` is not an RFC 3339 UTC timestamp like 2025-03-01T09:00:00Z", j.get<std::string>()));
  }
  fail(path, "expected a timestamp string (2025-03-01T09:00:00Z) or integer seconds since the epoch");
}

ir::PrincipalKind kind(const json& j, const std::string& path) {
  std::string s = str(j, path);
  if (auto k = ir::parse_name<ir::PrincipalKind>(s)) return *k;
  fail(path, fmt::format("unknown principal kind `{}` (expected internal, external, vendor_support or system)", s));
}

std::vector<std::string> strings(const json& j, const std::string& path) {
  if (!j.is_array()) fail(path, "expected an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) out.push_back(str(j[i], fmt::format("{}[{}]", path, i)));
  return out;
}

std::vector<ir::RoleBinding> bindings(const json& j, const std::string& path) {
  if (!j.is_array()) fail(path, "expected an array of role names or {\"role\": .., \"org\": ..} objects");
  std::vector<ir::RoleBinding> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    std::string p = fmt::format("{}[{}]", path, i);
    if (j[i].is_string()) {
      out.push_back({j[i].get<std::string>(), ""});
      continue;
    }
    if (!j[i].is_object()) fail(p, "expected a role name or {\"role\": .., \"org\": ..}");
    only_keys(j[i], p, {"role", "org"});
    if (!j[i].contains("role")) fail(p, "missing key `role`");
    out.push_back({str(j[i]["role"], p + ".role"), j[i].contains("org") ? str(j[i]["org"], p + ".org") : ""});
  }
  return out;
}

ir::GrantInstance grant(const json& j, const std::string& path) {
  only_keys(j, path, {"template", "grantee_id", "grantor", "roles", "custom", "valid_from", "valid_to", "org", "fields", "revoked"});
  ir::GrantInstance g;
  if (!j.contains("template")) fail(path, "missing key `template`");
  g.template_name = str(j["template"], path + ".template");
  if (j.contains("grantee_id")) g.grantee_id = str(j["grantee_id"], path + ".grantee_id");
  if (j.contains("grantor")) {
    const json& gr = j["grantor"];
    std::string gp = path + ".grantor";
    only_keys(gr, gp, {"kind", "named", "roles"});
    if (gr.contains("kind")) g.grantor_kind = kind(gr["kind"], gp + ".kind");
    if (gr.contains("named")) g.grantor_named = boolean(gr["named"], gp + ".named");
    if (gr.contains("roles")) g.grantor_roles = bindings(gr["roles"], gp + ".roles");
  }
  if (j.contains("roles")) g.roles = strings(j["roles"], path + ".roles");
  if (j.contains("custom"))
    for (auto& text : strings(j["custom"], path + ".custom")) g.custom.push_back(ir::CustomPattern{std::move(text), std::nullopt});
  if (j.contains("valid_from") && !j["valid_from"].is_null()) g.valid_from = instant(j["valid_from"], path + ".valid_from");
  if (j.contains("valid_to") && !j["valid_to"].is_null()) g.valid_to = instant(j["valid_to"], path + ".valid_to");
  if (j.contains("org")) g.org = str(j["org"], path + ".org");
  if (j.contains("fields")) {
    if (!j["fields"].is_object()) fail(path + ".fields", "expected an object of strings");
    for (const auto& [k, v] : j["fields"].items()) g.fields[k] = str(v, path + ".fields." + k);
  }
  if (j.contains("revoked")) g.revoked = boolean(j["revoked"], path + ".revoked");
  return g;
}

ir::Principal principal(const json& j, const std::string& path) {
  only_keys(j, path, {"id", "kind", "named", "org", "roles", "grants", "triggers"});
  ir::Principal p;
  if (j.contains("id")) p.id = str(j["id"], path + ".id");
  if (j.contains("kind")) p.kind = kind(j["kind"], path + ".kind");
  if (j.contains("named")) p.named = boolean(j["named"], path + ".named");
  if (j.contains("org")) p.org = str(j["org"], path + ".org");
  if (j.contains("roles")) p.roles = bindings(j["roles"], path + ".roles");
  if (j.contains("grants")) {
    if (!j["grants"].is_array()) fail(path + ".grants", "expected an array of grants");
    for (std::size_t i = 0; i < j["grants"].size(); ++i) p.grants.push_back(grant(j["grants"][i], fmt::format("{}.grants[{}]", path, i)));
  }
  if (j.contains("triggers")) {
    const json& t = j["triggers"];
    if (!t.is_array()) fail(path + ".triggers", "expected an array of implicit-grant names or {\"implicit\": .., \"org\": ..} objects");
    for (std::size_t i = 0; i < t.size(); ++i) {
      const std::string tp = fmt::format("{}.triggers[{}]", path, i);
      if (t[i].is_string()) {
        p.triggers.push_back(ir::Trigger{t[i].get<std::string>(), ""});
        continue;
      }
      only_keys(t[i], tp, {"implicit", "org"});
      if (!t[i].contains("implicit")) fail(tp, "missing key `implicit`");
      p.triggers.push_back(ir::Trigger{str(t[i]["implicit"], tp + ".implicit"), t[i].contains("org") ? str(t[i]["org"], tp + ".org") : ""});
    }
  }
  return p;
}

RequestDocument document(const json& j) {
  only_keys(j, "$", {"principal", "target", "organizations", "permission", "module", "resource", "action", "at", "context", "owner", "validate", "assign"});
  RequestDocument d;
  ir::Request& r = d.request;
  if (j.contains("principal")) r.principal = principal(j["principal"], "$.principal");
  if (j.contains("target")) r.target_org = str(j["target"], "$.target");
  if (j.contains("organizations")) {
    if (!j["organizations"].is_object()) fail("$.organizations", "expected an object: organization -> parent (\"\" or null at a root)");
    // Present, even empty, is an explicit tree: `{}` relates nothing (it is not "absent").
    r.org_parents.emplace();
    for (const auto& [k, v] : j["organizations"].items()) (*r.org_parents)[k] = v.is_null() ? "" : str(v, "$.organizations." + k);
  }
  if (j.contains("owner")) r.resource_owner = str(j["owner"], "$.owner");
  if (j.contains("at")) r.at = instant(j["at"], "$.at");
  if (j.contains("context")) {
    if (!j["context"].is_object()) fail("$.context", "expected an object of attribute values");
    for (const auto& [k, v] : j["context"].items()) {
      if (v.is_boolean()) r.context[k] = v.get<bool>();
      else if (v.is_number_integer()) r.context[k] = v.get<std::int64_t>();
      else if (v.is_string()) r.context[k] = v.get<std::string>();
      else fail("$.context." + k, "expected a boolean, an integer or a string");
    }
  }
  int queries = 0;
  if (j.contains("permission")) {
    ++queries;
    d.query = RequestDocument::Query::decide;
    if (!set_permission(r, str(j["permission"], "$.permission"))) fail("$.permission", "expected MODULE/RESOURCE/PATH:ACTION, e.g. billing/services:view");
  }
  if (j.contains("module") || j.contains("resource") || j.contains("action")) {
    ++queries;
    d.query = RequestDocument::Query::decide;
    for (const char* k : {"module", "resource", "action"})
      if (!j.contains(k)) fail("$", fmt::format("`module`, `resource` and `action` go together; `{}` is missing", k));
    r.module = str(j["module"], "$.module");
    r.resource = str(j["resource"], "$.resource");
    r.action = str(j["action"], "$.action");
  }
  if (j.contains("validate")) {
    ++queries;
    d.query = RequestDocument::Query::validate;
    d.validate = grant(j["validate"], "$.validate");
  }
  if (j.contains("assign")) {
    ++queries;
    d.query = RequestDocument::Query::assign;
    only_keys(j["assign"], "$.assign", {"role", "org"});
    if (!j["assign"].contains("role")) fail("$.assign", "missing key `role`");
    d.assign_role = str(j["assign"]["role"], "$.assign.role");
    if (j["assign"].contains("org")) d.assign_org = str(j["assign"]["org"], "$.assign.org");
  }
  if (queries > 1) fail("$", "give exactly one of `permission` (or module/resource/action), `validate` and `assign`");
  return d;
}

json custom_texts(const std::vector<ir::CustomPattern>& cs) {
  json out = json::array();
  for (const auto& c : cs) out.push_back(c.text);
  return out;
}

json bindings_json(const std::vector<ir::RoleBinding>& bs) {
  json out = json::array();
  for (const auto& b : bs) out.push_back(b.org.empty() ? json(b.role) : json{{"role", b.role}, {"org", b.org}});
  return out;
}

}  // namespace

std::optional<RequestDocument> request_from_json(std::string_view text, std::string& error) {
  json j;
  try {
    j = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    error = fmt::format("not valid JSON: {}", e.what());
    return std::nullopt;
  }
  try {
    return document(j);
  } catch (const Bad& b) {
    error = b.message;
  } catch (const json::exception& e) {
    error = e.what();
  }
  return std::nullopt;
}

std::string request_to_json(const ir::Request& r) {
  json p{{"kind", std::string(ir::name(r.principal.kind))}, {"named", r.principal.named}, {"roles", bindings_json(r.principal.roles)}};
  if (!r.principal.id.empty()) p["id"] = r.principal.id;
  if (!r.principal.org.empty()) p["org"] = r.principal.org;
  json grants = json::array();
  for (const auto& g : r.principal.grants) {
    json gj{{"template", g.template_name},
            {"grantor", {{"kind", std::string(ir::name(g.grantor_kind))}, {"named", g.grantor_named}, {"roles", bindings_json(g.grantor_roles)}}},
            {"roles", g.roles},
            {"custom", custom_texts(g.custom)},
            {"revoked", g.revoked}};
    if (!g.grantee_id.empty()) gj["grantee_id"] = g.grantee_id;
    if (g.valid_from) gj["valid_from"] = core::format_timestamp(*g.valid_from);
    if (g.valid_to) gj["valid_to"] = core::format_timestamp(*g.valid_to);
    if (!g.org.empty()) gj["org"] = g.org;
    if (!g.fields.empty()) gj["fields"] = g.fields;
    grants.push_back(gj);
  }
  if (!grants.empty()) p["grants"] = grants;
  json j{{"principal", p}, {"target", r.target_org}, {"at", core::format_timestamp(r.at)}};
  if (r.org_parents) j["organizations"] = *r.org_parents;
  if (r.resource_owner) j["owner"] = *r.resource_owner;
  if (!r.principal.triggers.empty()) {
    json t = json::array();
    for (const auto& x : r.principal.triggers) t.push_back(x.org.empty() ? json(x.implicit) : json{{"implicit", x.implicit}, {"org", x.org}});
    j["principal"]["triggers"] = t;
  }
  if (!r.module.empty()) j["permission"] = r.module + "/" + r.resource + ":" + r.action;
  json ctx = json::object();
  for (const auto& entry : r.context) std::visit([&](const auto& x) { ctx[entry.first] = x; }, entry.second);
  if (!ctx.empty()) j["context"] = ctx;
  return j.dump(2);
}

}  // namespace writ::eval
