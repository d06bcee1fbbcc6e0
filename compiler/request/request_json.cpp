// See request_json.hpp and docs/request-format.md.
#include "compiler/request/request_json.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <set>

#include "compiler/core/printable.hpp"
#include "compiler/core/time.hpp"
#include "compiler/source/limits.hpp"
#include "compiler/source/read_file.hpp"
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

/// True when `s` holds a control character: names and values are printed on terminals, and no
/// policy name can hold one (W018), so such a string can only be a mistake or an attack.
bool has_control(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  return false;
}

std::string str(const json& j, const std::string& path) {
  if (!j.is_string()) fail(path, "expected a string");
  std::string s = j.get<std::string>();
  if (has_control(s)) fail(path, fmt::format("control character in `{}`", core::printable(s, 100)));
  return s;
}

bool boolean(const json& j, const std::string& path) {
  if (!j.is_boolean()) fail(path, "expected true or false");
  return j.get<bool>();
}

/// An integer that fits int64; JSON's unsigned values above INT64_MAX would wrap in get<int64_t>().
std::int64_t integer(const json& j, const std::string& path) {
  if (j.is_number_unsigned() && j.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
    fail(path, fmt::format("integer {} is out of range (at most {})", j.get<std::uint64_t>(), INT64_MAX));
  return j.get<std::int64_t>();
}

std::int64_t instant(const json& j, const std::string& path) {
  if (j.is_number_integer()) return integer(j, path);
  if (j.is_string()) {
    if (auto t = core::parse_timestamp(j.get<std::string>())) return *t;
    fail(path, fmt::format("`{}` is not an RFC 3339 UTC timestamp like 2025-03-01T09:00:00Z", core::printable(j.get<std::string>(), 100)));
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
      out.push_back({str(j[i], p), ""});
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
        p.triggers.push_back(ir::Trigger{str(t[i], tp), ""});
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
      else if (v.is_number_integer()) r.context[k] = integer(v, "$.context." + k);
      else if (v.is_string()) r.context[k] = str(v, "$.context." + k);
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

/// Tracks where the parser is (a JSON path) and rejects what nlohmann would accept silently:
/// duplicate keys (the last one would win: a fail-open) and nesting beyond the limit.
class Guard {
 public:
  bool operator()(int /*depth*/, json::parse_event_t e, json& /*value*/) {
    switch (e) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (frames_.size() >= limits::kMaxRequestNesting)
          fail(path(), fmt::format("nested deeper than {} levels", limits::kMaxRequestNesting));
        frames_.push_back(Frame{e == json::parse_event_t::array_start, 0, {}, {}});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        child_done();
        break;
      case json::parse_event_t::key: break;  // handled in key() below: the event carries the key
      case json::parse_event_t::value: child_done(); break;
    }
    return true;
  }
  /// Called for key events (nlohmann passes the key as the value).
  void key(const std::string& k) {
    Frame& f = frames_.back();
    f.key.clear();  // errors below name the object, not the previous key
    if (has_control(k)) fail(path(), fmt::format("control character in key `{}`", core::printable(k, 100)));
    if (!f.keys.insert(k).second) {
      fail(path(), fmt::format("duplicate key `{}` (a request never picks one of two values silently)", core::printable(k, 100)));
    }
    f.key = k;
  }
  [[nodiscard]] std::string path() const {
    std::string out = "$";
    for (const auto& f : frames_) {
      if (f.array) out += fmt::format("[{}]", f.index);
      else if (!f.key.empty()) out += "." + core::printable(f.key, 100);
    }
    return out;
  }

 private:
  struct Frame {
    bool array;
    std::size_t index;
    std::string key;
    std::set<std::string> keys;
  };
  void child_done() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  std::vector<Frame> frames_;
};

}  // namespace

std::optional<RequestDocument> request_from_json(std::string_view text, std::string& error) {
  if (text.size() > limits::kMaxRequestBytes) {
    error = fmt::format("request is {} bytes; the limit is {} bytes", text.size(), limits::kMaxRequestBytes);
    return std::nullopt;
  }
  json j;
  Guard guard;
  try {
    j = json::parse(text.begin(), text.end(), [&guard](int depth, json::parse_event_t e, json& v) {
      if (e == json::parse_event_t::key) {
        guard.key(v.get<std::string>());
        return true;
      }
      return guard(depth, e, v);
    });
  } catch (const Bad& b) {
    error = b.message;
    return std::nullopt;
  } catch (const json::out_of_range&) {
    error = fmt::format("{}: number out of range (numbers are integers of at most 64 bits)", guard.path());
    return std::nullopt;
  } catch (const json::parse_error& e) {
    // nlohmann's text starts with its own exception name; keep only the part that says what and where.
    std::string what = e.what();
    if (auto at = what.find("syntax error"); at != std::string::npos) what = what.substr(at);
    error = fmt::format("{}: not valid JSON: {}", guard.path(), core::printable(what, 300));
    return std::nullopt;
  }
  try {
    return document(j);
  } catch (const Bad& b) {
    error = b.message;
  } catch (const json::exception& e) {
    error = fmt::format("$: {}", core::printable(e.what(), 300));
  }
  return std::nullopt;
}

std::optional<RequestDocument> read_request_document(const std::string& path, std::string& error) {
  auto r = path == "-" ? source::read_stream(stdin, limits::kMaxRequestBytes) : source::read_regular_file(path, limits::kMaxRequestBytes);
  const std::string where = path == "-" ? "request on stdin" : fmt::format("request `{}`", core::printable(path));
  switch (r.status) {
    case source::ReadResult::Status::ok: break;
    case source::ReadResult::Status::too_large:
      error = fmt::format("{}: too large: {} bytes or more; the limit is {} bytes", where, r.size, limits::kMaxRequestBytes);
      return std::nullopt;
    case source::ReadResult::Status::error:
      error = fmt::format("cannot read {}: {}", where, r.error);
      return std::nullopt;
  }
  std::string inner;
  auto doc = request_from_json(r.text, inner);
  if (!doc) error = fmt::format("invalid {}: {}", where, inner);
  return doc;
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
