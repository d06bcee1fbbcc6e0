// The C ABI (writ/writ.h) over the C++ API (writ/runtime.hpp). This file alone is compiled with
// exceptions on (runtime/CMakeLists.txt): every entry point that can allocate catches everything,
// so no C++ exception (std::bad_alloc from a copy or a tree) ever unwinds into a C caller.
// Decisions never allocate and cannot fail: bad input denies.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "reload_callback.hpp"
#include "writ/runtime.hpp"
#include "writ/writ.h"

namespace rt = writ::runtime;

struct writ_table {
  std::shared_ptr<const rt::Table> table;
};
struct writ_orgs {
  rt::OrgTree tree;
};
struct writ_runtime {
  rt::Runtime runtime;
  writ::runtime::detail::CallbackSlot<writ_decision_callback> callback;
};

namespace {

const char* str(const char* s) { return s == nullptr ? "" : s; }

writ_code fail(writ_error* error, writ_code code, const char* message) {
  if (error != nullptr) {
    error->code = code;
    std::snprintf(error->message, sizeof error->message, "%s", message);
  }
  return code;
}

writ_code from_status(const rt::LoadStatus& status, writ_error* error) {
  if (status.ok()) return fail(error, WRIT_SUCCESS, "ok");
  auto code = static_cast<writ_code>(static_cast<int>(status.error));
  if (error != nullptr) {
    error->code = code;
    std::snprintf(error->message, sizeof error->message, "%s: %s", rt::load_error_name(status.error),
                  status.message.c_str());
  }
  return code;
}

writ_decision to_c(const rt::Decision& d) {
  writ_decision out{};
  out.allowed = d.allowed() ? 1 : 0;
  out.reason_class = static_cast<writ_reason_class>(static_cast<int>(d.reason_class));
  out.code = static_cast<std::uint32_t>(d.code);
  out.rule = d.rule;
  out.role = d.role;
  out.template_id = d.template_id;
  out.forbid = d.forbid;
  out.content_hash = d.content_hash;
  return out;
}

writ_decision no_table() { return to_c(rt::Decision{}); }

writ_decision limit_exceeded(std::uint64_t hash) {
  rt::Decision d;
  d.code = rt::Code::limit_exceeded;
  d.content_hash = hash;
  return to_c(d);
}

rt::PrincipalKind kind_of(writ_principal_kind k) {
  switch (k) {
    case WRIT_INTERNAL: return rt::PrincipalKind::internal;
    case WRIT_EXTERNAL: return rt::PrincipalKind::external;
    case WRIT_VENDOR_SUPPORT: return rt::PrincipalKind::vendor_support;
    case WRIT_SYSTEM: return rt::PrincipalKind::system;
  }
  return rt::PrincipalKind::external;  // an unknown kind holds least (it matches no kind list)
}

rt::Tri tri_of(writ_tri t) {
  if (t == WRIT_TRUE) return rt::Tri::true_;
  if (t == WRIT_FALSE) return rt::Tri::false_;
  return rt::Tri::unknown;
}

// The by-name decision against one table; the arrays live on the stack (no allocation).
writ_decision decide_named(const rt::Table& table, const writ_orgs* orgs, const writ_named_request* request) {
  if (request == nullptr || request->role_count > rt::kMaxNamedBindings || request->context_count > rt::kMaxAttributes)
    return limit_exceeded(table.content_hash());
  rt::NamedBinding roles[rt::kMaxNamedBindings];
  rt::NamedValue values[rt::kMaxAttributes];
  for (std::uint32_t i = 0; i < request->role_count; ++i)
    roles[i] = rt::NamedBinding{str(request->roles[i].role), str(request->roles[i].org)};
  for (std::uint32_t i = 0; i < request->context_count; ++i) {
    const writ_named_value& v = request->context[i];
    rt::NamedValue& o = values[i];
    o.attribute = str(v.attribute);
    o.type = v.type == 'b' ? rt::NamedValue::Type::boolean
             : v.type == 'i' ? rt::NamedValue::Type::integer
                             : rt::NamedValue::Type::string;
    o.b = v.b != 0;
    o.i = v.i;
    o.s = str(v.s);
  }
  rt::NamedRequest r;
  r.kind = kind_of(request->kind);
  r.named = request->named != 0;
  r.is_owner = tri_of(request->is_owner);
  r.home_org = str(request->home_org);
  r.roles = roles;
  r.role_count = request->role_count;
  r.target_org = str(request->target_org);
  r.module = str(request->module);
  r.resource = str(request->resource);
  r.action = str(request->action);
  r.at = request->at;
  r.context = values;
  r.context_count = request->context_count;
  return to_c(rt::decide(table, orgs == nullptr ? nullptr : &orgs->tree, r));
}

}  // namespace

extern "C" {

const char* writ_code_name(writ_code code) {
  if (code == WRIT_ERR_INVALID_ARGUMENT) return "invalid argument";
  if (code == WRIT_ERR_NO_MEMORY) return "out of memory";
  if (code >= WRIT_SUCCESS && code <= WRIT_ERR_BAD_VALUE)
    return code == WRIT_SUCCESS ? "ok" : rt::load_error_name(static_cast<rt::LoadError>(code));
  return "unknown code";
}

writ_code writ_table_load(const uint8_t* bytes, size_t size, uint64_t max_size, writ_table** out, writ_error* error) {
  if (out == nullptr) return fail(error, WRIT_ERR_INVALID_ARGUMENT, "no place for the table (out is NULL)");
  *out = nullptr;
  if (bytes == nullptr && size != 0) return fail(error, WRIT_ERR_INVALID_ARGUMENT, "bytes is NULL");
  try {
    rt::LoadOptions options;
    if (max_size != 0) options.max_size = max_size;
    std::unique_ptr<writ_table> t(new writ_table);
    static const std::uint8_t empty = 0;
    rt::LoadStatus status = rt::load_table(bytes == nullptr ? &empty : bytes, size, t->table, options);
    if (!status.ok()) return from_status(status, error);
    *out = t.release();
    return fail(error, WRIT_SUCCESS, "ok");
  } catch (...) {
    return fail(error, WRIT_ERR_NO_MEMORY, "out of memory while loading the table");
  }
}

writ_code writ_table_load_file(const char* path, uint64_t max_size, writ_table** out, writ_error* error) {
  if (out == nullptr) return fail(error, WRIT_ERR_INVALID_ARGUMENT, "no place for the table (out is NULL)");
  *out = nullptr;
  if (path == nullptr) return fail(error, WRIT_ERR_INVALID_ARGUMENT, "path is NULL");
  try {
    rt::LoadOptions options;
    if (max_size != 0) options.max_size = max_size;
    std::unique_ptr<writ_table> t(new writ_table);
    rt::LoadStatus status = rt::load_table_file(path, t->table, options);
    if (!status.ok()) return from_status(status, error);
    *out = t.release();
    return fail(error, WRIT_SUCCESS, "ok");
  } catch (...) {
    return fail(error, WRIT_ERR_NO_MEMORY, "out of memory while loading the table");
  }
}

void writ_table_release(writ_table* table) { delete table; }

uint64_t writ_table_content_hash(const writ_table* t) { return t == nullptr ? 0 : t->table->content_hash(); }
size_t writ_table_size_bytes(const writ_table* t) { return t == nullptr ? 0 : t->table->size_bytes(); }
uint32_t writ_table_role_count(const writ_table* t) { return t == nullptr ? 0 : t->table->role_count(); }
uint32_t writ_table_permission_count(const writ_table* t) { return t == nullptr ? 0 : t->table->permission_count(); }
uint32_t writ_table_attribute_count(const writ_table* t) { return t == nullptr ? 0 : t->table->attribute_count(); }

uint32_t writ_table_find_role(const writ_table* t, const char* name) {
  return t == nullptr ? WRIT_NONE : t->table->find_role(str(name));
}
uint32_t writ_table_find_template(const writ_table* t, const char* name) {
  return t == nullptr ? WRIT_NONE : t->table->find_template(str(name));
}
uint32_t writ_table_find_attribute(const writ_table* t, const char* name) {
  return t == nullptr ? WRIT_NONE : t->table->find_attribute(str(name));
}
uint32_t writ_table_find_permission(const writ_table* t, const char* module, const char* resource, const char* action) {
  return t == nullptr ? WRIT_NONE : t->table->find_permission(str(module), str(resource), str(action));
}
const char* writ_table_role_name(const writ_table* t, uint32_t role, size_t* length) {
  std::string_view name = (t == nullptr || role >= t->table->role_count()) ? std::string_view() : t->table->role_name(role);
  if (length != nullptr) *length = name.size();
  return name.empty() ? "" : name.data();
}

int writ_table_rule_span(const writ_table* t, uint32_t rule, const char** file, size_t* file_length, uint32_t* line,
                         uint32_t* column) {
  if (t == nullptr || rule >= t->table->rule_count()) return 0;
  rt::SourceSpan span = t->table->rule_span(rule);
  if (file != nullptr) *file = span.file.empty() ? "" : span.file.data();
  if (file_length != nullptr) *file_length = span.file.size();
  if (line != nullptr) *line = span.line;
  if (column != nullptr) *column = span.column;
  return 1;
}

writ_code writ_orgs_build(const char* const* names, const char* const* parents, size_t n, writ_orgs** out,
                          writ_error* error) {
  if (out == nullptr) return fail(error, WRIT_ERR_INVALID_ARGUMENT, "no place for the tree (out is NULL)");
  *out = nullptr;
  if (n != 0 && (names == nullptr || parents == nullptr))
    return fail(error, WRIT_ERR_INVALID_ARGUMENT, "names or parents is NULL");
  try {
    std::vector<std::pair<std::string, std::string>> pairs;
    pairs.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (names[i] == nullptr || names[i][0] == '\0')
        return fail(error, WRIT_ERR_INVALID_ARGUMENT, "an organization without a name");
      pairs.emplace_back(names[i], str(parents[i]));
    }
    std::unique_ptr<writ_orgs> o(new writ_orgs{rt::OrgTree::build(pairs)});
    *out = o.release();
    return fail(error, WRIT_SUCCESS, "ok");
  } catch (...) {
    return fail(error, WRIT_ERR_NO_MEMORY, "out of memory while building the tree");
  }
}

void writ_orgs_free(writ_orgs* orgs) { delete orgs; }

uint32_t writ_orgs_find(const writ_orgs* orgs, const char* name) {
  return orgs == nullptr ? WRIT_NONE : orgs->tree.find(str(name));
}

static writ_value to_c(uint32_t attribute, const rt::AttrValue& v) {
  writ_value out{};
  out.attribute = attribute;
  out.present = v.present ? 1 : 0;
  out.ill_typed = v.ill_typed ? 1 : 0;
  out.value = v.value;
  return out;
}
static bool attribute_ok(const writ_table* t, uint32_t a) { return t != nullptr && a < t->table->attribute_count(); }

writ_value writ_value_string(const writ_table* t, uint32_t attribute, const char* text) {
  return attribute_ok(t, attribute) ? to_c(attribute, t->table->string_value(attribute, str(text))) : writ_value{attribute, 0, 0, 0};
}
writ_value writ_value_int(const writ_table* t, uint32_t attribute, int64_t i) {
  return attribute_ok(t, attribute) ? to_c(attribute, t->table->int_value(attribute, i)) : writ_value{attribute, 0, 0, 0};
}
writ_value writ_value_bool(const writ_table* t, uint32_t attribute, int b) {
  return attribute_ok(t, attribute) ? to_c(attribute, t->table->bool_value(attribute, b != 0)) : writ_value{attribute, 0, 0, 0};
}

writ_request writ_request_init(void) {
  writ_request r{};
  r.kind = WRIT_INTERNAL;
  r.named = 1;
  r.is_owner = WRIT_UNKNOWN;
  r.home_org = WRIT_NONE;
  r.target_org = 0;
  r.permission = WRIT_NONE;
  r.at = rt::Request{}.at;
  return r;
}

writ_named_request writ_named_request_init(void) {
  writ_named_request r{};
  r.kind = WRIT_INTERNAL;
  r.named = 1;
  r.is_owner = WRIT_UNKNOWN;
  r.target_org = "root";
  r.at = rt::Request{}.at;
  return r;
}

const char* writ_reason_name(uint32_t code) {
  if (code > static_cast<uint32_t>(rt::Code::limit_exceeded)) return "unknown";
  return rt::code_name(static_cast<rt::Code>(code));
}

}  // extern "C"

namespace {

/// The scratch a C request is converted into: the C++ request points into it.
struct ByIds {
  rt::AttrValue context[rt::kMaxAttributes];
  rt::Binding roles[rt::kMaxNamedBindings];
  rt::Request request;
};

// The C request names context values by attribute; the C++ one is indexed by attribute id. A
// table with more attributes than the scratch holds can still be asked without a context. false:
// the request exceeds the scratch.
bool convert(const rt::Table& t, const writ_orgs* orgs, const writ_request& request, ByIds& out) {
  if (request.context_count > rt::kMaxAttributes || request.role_count > rt::kMaxNamedBindings) return false;
  const std::uint32_t attributes = std::min<std::uint32_t>(t.attribute_count(), rt::kMaxAttributes);
  if (t.attribute_count() > rt::kMaxAttributes && request.context_count > 0) return false;
  for (std::uint32_t i = 0; i < request.context_count; ++i) {
    const writ_value& v = request.context[i];
    if (v.attribute >= attributes) continue;  // not an attribute of this table: ignored, like an unknown key
    out.context[v.attribute] = rt::AttrValue{v.present != 0, v.ill_typed != 0, v.value};
  }
  static_assert(sizeof(writ_binding) == sizeof(rt::Binding), "writ_binding mirrors writ::runtime::Binding");
  for (std::uint32_t i = 0; i < request.role_count; ++i) out.roles[i] = rt::Binding{request.roles[i].role, request.roles[i].org};
  rt::Request& r = out.request;
  r.kind = kind_of(request.kind);
  r.named = request.named != 0;
  r.is_owner = tri_of(request.is_owner);
  r.home_org = request.home_org;
  r.roles = out.roles;
  r.role_count = request.role_count;
  r.target_org = request.target_org;
  r.orgs = orgs == nullptr ? nullptr : &orgs->tree;
  r.permission = request.permission;
  r.at = request.at;
  r.context = attributes == 0 || request.context_count == 0 ? nullptr : out.context;
  return true;
}

}  // namespace

extern "C" {

writ_decision writ_decide(const writ_table* table, const writ_orgs* orgs, const writ_request* request) {
  if (table == nullptr) return no_table();
  const rt::Table& t = *table->table;
  ByIds scratch;
  if (request == nullptr || !convert(t, orgs, *request, scratch)) return limit_exceeded(t.content_hash());
  return to_c(rt::decide(t, scratch.request));
}

writ_grant writ_grant_init(void) {
  writ_grant g{};
  g.template_id = WRIT_NONE;
  g.grantor_kind = WRIT_INTERNAL;
  g.grantor_named = 1;
  g.org = WRIT_NONE;
  return g;
}

static_assert(WRIT_VIOLATION_COUNT == rt::kViolationCount, "writ_violations mirrors writ::runtime::Violations");
const char* writ_violation_name(uint32_t code) {
  return code < rt::kViolationCount ? rt::violation_name(static_cast<rt::Violation>(code)) : "unknown";
}

writ_code writ_validate_grant(const writ_table* table, const writ_orgs* orgs, const writ_request* grantee, const writ_grant* grant,
                              writ_violations* out) {
  if (out == nullptr) return WRIT_ERR_INVALID_ARGUMENT;
  *out = writ_violations{};  // valid = 0 until a check says otherwise: fail closed
  if (table == nullptr || grantee == nullptr || grant == nullptr) return WRIT_ERR_INVALID_ARGUMENT;
  const rt::Table& t = *table->table;
  ByIds scratch;
  rt::GrantField fields[rt::kMaxGrantFields];
  if (!convert(t, orgs, *grantee, scratch) || grant->grantor_role_count > rt::kMaxNamedBindings || grant->field_count > rt::kMaxGrantFields) {
    out->limit_exceeded = 1;
    return WRIT_SUCCESS;
  }
  for (std::uint32_t i = 1; i < grant->custom_count; ++i)
    if (grant->custom[i - 1] >= grant->custom[i]) return WRIT_ERR_INVALID_ARGUMENT;  // must be strictly increasing
  rt::Binding grantor_roles[rt::kMaxNamedBindings];
  for (std::uint32_t i = 0; i < grant->grantor_role_count; ++i) grantor_roles[i] = rt::Binding{grant->grantor_roles[i].role, grant->grantor_roles[i].org};
  rt::Grant g;
  g.template_id = grant->template_id;
  g.grantor_kind = kind_of(grant->grantor_kind);
  g.grantor_named = grant->grantor_named != 0;
  g.grantor_roles = grantor_roles;
  g.grantor_role_count = grant->grantor_role_count;
  g.roles = grant->roles;
  g.role_count = grant->role_count;
  g.custom = grant->custom;
  g.custom_count = grant->custom_count;
  g.custom_bad = grant->custom_bad != 0;
  g.has_valid_from = grant->has_valid_from != 0;
  g.valid_from = grant->valid_from;
  g.has_valid_to = grant->has_valid_to != 0;
  g.valid_to = grant->valid_to;
  g.org = grant->org;
  for (std::uint32_t i = 0; i < grant->field_count; ++i) {
    const writ_grant_field& f = grant->fields[i];
    fields[i] = rt::GrantField{str(f.name), str(f.value)[0] == '\0'};
  }
  rt::GrantProposal proposal;
  proposal.fields = fields;
  proposal.field_count = grant->field_count;
  proposal.has_grantee_id = str(grant->grantee_id)[0] != '\0';
  const rt::Violations v = rt::validate_grant(t, scratch.request, g, proposal);
  out->valid = v.valid() ? 1 : 0;
  out->bits = v.bits;
  for (std::uint32_t i = 0; i < rt::kViolationCount; ++i) out->counts[i] = v.counts[i];
  out->limit_exceeded = v.limit_exceeded ? 1 : 0;
  return WRIT_SUCCESS;
}

writ_decision writ_decide_named(const writ_table* table, const writ_orgs* orgs, const writ_named_request* request) {
  if (table == nullptr) return no_table();
  return decide_named(*table->table, orgs, request);
}

writ_code writ_runtime_new(writ_runtime** out) {
  if (out == nullptr) return WRIT_ERR_INVALID_ARGUMENT;
  *out = new (std::nothrow) writ_runtime;
  return *out == nullptr ? WRIT_ERR_NO_MEMORY : WRIT_SUCCESS;
}

void writ_runtime_free(writ_runtime* runtime) { delete runtime; }

writ_code writ_runtime_reload(writ_runtime* runtime, const uint8_t* bytes, size_t size, writ_error* error) {
  if (runtime == nullptr) return fail(error, WRIT_ERR_INVALID_ARGUMENT, "runtime is NULL");
  if (bytes == nullptr) return fail(error, WRIT_ERR_INVALID_ARGUMENT, "bytes is NULL");
  try {
    return from_status(runtime->runtime.reload(bytes, size), error);
  } catch (...) {
    return fail(error, WRIT_ERR_NO_MEMORY, "out of memory while loading the table");
  }
}

writ_code writ_runtime_reload_file(writ_runtime* runtime, const char* path, writ_error* error) {
  if (runtime == nullptr) return fail(error, WRIT_ERR_INVALID_ARGUMENT, "runtime is NULL");
  if (path == nullptr) return fail(error, WRIT_ERR_INVALID_ARGUMENT, "path is NULL");
  try {
    return from_status(runtime->runtime.reload_file(path), error);
  } catch (...) {
    return fail(error, WRIT_ERR_NO_MEMORY, "out of memory while loading the table");
  }
}

writ_table* writ_runtime_snapshot(const writ_runtime* runtime) {
  if (runtime == nullptr) return nullptr;
  std::shared_ptr<const rt::Table> t = runtime->runtime.snapshot();
  if (!t) return nullptr;
  auto* out = new (std::nothrow) writ_table;
  if (out != nullptr) out->table = std::move(t);
  return out;
}

writ_decision writ_runtime_decide_named(const writ_runtime* runtime, const writ_orgs* orgs,
                                        const writ_named_request* request) {
  if (runtime == nullptr) return no_table();
  std::shared_ptr<const rt::Table> t = runtime->runtime.snapshot();  // one table for the whole decision
  writ_decision d = t ? decide_named(*t, orgs, request) : no_table();
  auto [callback, user] = runtime->callback.load();
  if (callback != nullptr) callback(user, &d);
  return d;
}

void writ_runtime_set_callback(writ_runtime* runtime, writ_decision_callback callback, void* user) {
  if (runtime != nullptr) runtime->callback.store(callback, user);
}

}  // extern "C"
