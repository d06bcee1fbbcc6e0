/* writ.h: the C ABI of the writ runtime (C99; usable from any language with a C FFI). It wraps the
 * C++17 API of writ/runtime.hpp: load a compiled decision table (docs/table-format.md), resolve
 * names to ids once, decide requests, hot-reload a table under concurrent readers.
 *
 * Rules of the boundary:
 *  - Handles are opaque. Every function is safe to call with NULL handles: a NULL table or a
 *    runtime without a table answers "deny" with reason class WRIT_ERROR_DENY (fail closed).
 *  - No function throws or lets a C++ exception cross into C; failures are writ_code values, and
 *    functions that can fail for a reason a person must read fill a caller-owned writ_error.
 *  - Strings passed in are NUL-terminated UTF-8 (NULL reads as ""), copied or used only during the
 *    call. Strings returned are owned by the table and live as long as it does.
 *  - A writ_table is immutable and may be used by any number of threads at once. A writ_runtime
 *    may be decided on by any number of threads while one thread reloads it.
 *  - Ids (roles, permissions, attributes, templates, organizations) are dense indices into one
 *    table: ids resolved against one table must be used with that table (writ_runtime_snapshot
 *    gives the table a runtime currently holds). WRIT_NONE means "not in the table".
 */
#ifndef WRIT_WRIT_H
#define WRIT_WRIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WRIT_NONE 0xFFFFFFFFu

typedef struct writ_table writ_table;     /* a validated, immutable table (reference counted) */
typedef struct writ_orgs writ_orgs;       /* an organization tree: names -> ids, parents */
typedef struct writ_runtime writ_runtime; /* holds the current table; hot reload */

/* Results. 1..15 are the loader's errors, in the order of writ::runtime::LoadError. */
typedef enum writ_code {
  WRIT_SUCCESS = 0,
  WRIT_ERR_IO = 1,
  WRIT_ERR_TOO_LARGE = 2,
  WRIT_ERR_TRUNCATED = 3,
  WRIT_ERR_BAD_MAGIC = 4,
  WRIT_ERR_UNSUPPORTED_MAJOR = 5,
  WRIT_ERR_UNSUPPORTED_FEATURE = 6,
  WRIT_ERR_SIZE_MISMATCH = 7,
  WRIT_ERR_BAD_CHECKSUM = 8,
  WRIT_ERR_BAD_DIRECTORY = 9,
  WRIT_ERR_MISSING_SECTION = 10,
  WRIT_ERR_BAD_SECTION = 11,
  WRIT_ERR_BAD_INDEX = 12,
  WRIT_ERR_BAD_STRING = 13,
  WRIT_ERR_BAD_CONDITION = 14,
  WRIT_ERR_BAD_VALUE = 15,
  WRIT_ERR_INVALID_ARGUMENT = 64, /* a NULL where an object is required, a malformed tree */
  WRIT_ERR_NO_MEMORY = 65
} writ_code;

/* A failure's code and its one-line message ("bad checksum: ..."), filled by the call. */
typedef struct writ_error {
  writ_code code;
  char message[256];
} writ_error;

/* "bad checksum", "invalid argument", ... Never NULL. */
const char* writ_code_name(writ_code code);

/* ------------------------------------------------------------------ tables */

/* Validates and copies the bytes; *out is NULL on failure. max_size 0: the default limit. */
writ_code writ_table_load(const uint8_t* bytes, size_t size, uint64_t max_size, writ_table** out, writ_error* error);
/* Reads the whole file into memory (never maps it), then as writ_table_load. */
writ_code writ_table_load_file(const char* path, uint64_t max_size, writ_table** out, writ_error* error);
/* Drops this reference; the table is freed when no handle or runtime holds it. NULL is fine. */
void writ_table_release(writ_table* table);

uint64_t writ_table_content_hash(const writ_table* table); /* 0 for NULL */
size_t writ_table_size_bytes(const writ_table* table);
uint32_t writ_table_role_count(const writ_table* table);
uint32_t writ_table_permission_count(const writ_table* table);
uint32_t writ_table_attribute_count(const writ_table* table);

uint32_t writ_table_find_role(const writ_table* table, const char* name);
uint32_t writ_table_find_template(const writ_table* table, const char* name);
uint32_t writ_table_find_attribute(const writ_table* table, const char* name);
/* The permission module/resource:action; WRIT_NONE when the table lacks it. */
uint32_t writ_table_find_permission(const writ_table* table, const char* module, const char* resource, const char* action);
/* The table's name of a role ("" when out of range). */
const char* writ_table_role_name(const writ_table* table, uint32_t role, size_t* length);

/* ------------------------------------------------------------------ organizations */

/* n organizations: names[i] with parent parents[i] (NULL or "" at a root). */
writ_code writ_orgs_build(const char* const* names, const char* const* parents, size_t n, writ_orgs** out, writ_error* error);
void writ_orgs_free(writ_orgs* orgs);
uint32_t writ_orgs_find(const writ_orgs* orgs, const char* name);

/* ------------------------------------------------------------------ requests and decisions */

typedef enum writ_principal_kind { WRIT_INTERNAL = 0, WRIT_EXTERNAL = 1, WRIT_VENDOR_SUPPORT = 2, WRIT_SYSTEM = 3 } writ_principal_kind;
typedef enum writ_tri { WRIT_FALSE = 0, WRIT_TRUE = 1, WRIT_UNKNOWN = 2 } writ_tri;
typedef enum writ_reason_class {
  WRIT_EXPLICIT_ALLOW = 0,
  WRIT_EXPLICIT_DENY = 1,
  WRIT_DEFAULT_DENY = 2,
  WRIT_ERROR_DENY = 3
} writ_reason_class;

typedef struct writ_binding {
  uint32_t role; /* WRIT_NONE: a role the table lacks (gives nothing) */
  uint32_t org;  /* WRIT_NONE: the request's target */
} writ_binding;

/* One context value for an attribute id (see writ_value_string/_int/_bool). */
typedef struct writ_value {
  uint32_t attribute;
  uint8_t present;   /* 0: absent (the declared default applies) */
  uint8_t ill_typed; /* present but of the wrong type: reads as missing */
  int64_t value;
} writ_value;
/* The encoding of a value for an attribute of this table. */
writ_value writ_value_string(const writ_table* table, uint32_t attribute, const char* text);
writ_value writ_value_int(const writ_table* table, uint32_t attribute, int64_t i);
writ_value writ_value_bool(const writ_table* table, uint32_t attribute, int b);

/* A request by ids (resolved against the table it is decided on). */
typedef struct writ_request {
  writ_principal_kind kind;
  int named;           /* a named (personal) account */
  writ_tri is_owner;
  uint32_t home_org;   /* WRIT_NONE: the target */
  const writ_binding* roles;
  uint32_t role_count;
  uint32_t target_org; /* an id of the orgs tree (ids >= its size relate only to themselves) */
  uint32_t permission; /* WRIT_NONE: unknown, denies */
  int64_t at;          /* seconds since the epoch, UTC */
  const writ_value* context; /* any order, at most one per attribute */
  uint32_t context_count;
} writ_request;
/* Defaults: internal, named, owner unknown, no roles, target 0, no permission, 2025-01-01. */
writ_request writ_request_init(void);

/* A request by names (organizations resolved against the orgs tree given to the call). */
typedef struct writ_named_binding {
  const char* role;
  const char* org; /* NULL or "": the target */
} writ_named_binding;
typedef struct writ_named_value {
  const char* attribute;
  char type; /* 'b' boolean, 'i' integer, 's' string */
  int b;
  int64_t i;
  const char* s;
} writ_named_value;
typedef struct writ_named_request {
  writ_principal_kind kind;
  int named;
  writ_tri is_owner;
  const char* home_org; /* NULL or "": the target */
  const writ_named_binding* roles;
  uint32_t role_count;
  const char* target_org;
  const char* module;
  const char* resource;
  const char* action;
  int64_t at;
  const writ_named_value* context;
  uint32_t context_count;
} writ_named_request;
writ_named_request writ_named_request_init(void);

/* What an audit log needs, without the runtime doing any I/O. */
typedef struct writ_decision {
  int allowed;
  writ_reason_class reason_class;
  uint32_t code;         /* reason code: writ_reason_name(code) is the interpreter's name */
  uint32_t rule;         /* deciding rule (writ_table_rule_span), WRIT_NONE when none */
  uint32_t role;
  uint32_t template_id;
  uint32_t forbid;
  uint64_t content_hash; /* of the table that decided (0: none) */
} writ_decision;
/* "permit", "role_deny", "no_table", ... Never NULL. */
const char* writ_reason_name(uint32_t code);
/* The source place of a rule: file name (owned by the table), line, column; 0 if out of range. */
int writ_table_rule_span(const writ_table* table, uint32_t rule, const char** file, size_t* file_length, uint32_t* line,
                         uint32_t* column);

/* Decide; never fails: bad input and a NULL table deny (the decision says why). */
writ_decision writ_decide(const writ_table* table, const writ_orgs* orgs, const writ_request* request);
writ_decision writ_decide_named(const writ_table* table, const writ_orgs* orgs, const writ_named_request* request);

/* ------------------------------------------------------------------ grant validation */

/* A grant proposed now (docs/semantics.md §7), by ids of one table. */
typedef struct writ_grant_field {
  const char* name;
  const char* value; /* NULL or "": empty (a required field counts as missing) */
} writ_grant_field;
typedef struct writ_grant {
  uint32_t template_id; /* WRIT_NONE: unknown template */
  writ_principal_kind grantor_kind;
  int grantor_named;
  const writ_binding* grantor_roles; /* the grantor's current bindings (WRIT_NONE org: the grant's org) */
  uint32_t grantor_role_count;
  const uint32_t* roles; /* granted roles (WRIT_NONE entries: unknown role) */
  uint32_t role_count;
  const uint32_t* custom; /* custom permission ids, strictly increasing */
  uint32_t custom_count;
  int custom_bad; /* a custom pattern that is malformed or names nothing */
  int has_valid_from, has_valid_to;
  int64_t valid_from, valid_to; /* UTC seconds: from inclusive, to exclusive */
  uint32_t org;                 /* WRIT_NONE: the grantee request's target */
  const char* grantee_id;       /* NULL or "": none given */
  const writ_grant_field* fields;
  uint32_t field_count;
} writ_grant;
/* Defaults: unknown template, an internal named grantor with no roles, nothing granted, no window, org WRIT_NONE. */
writ_grant writ_grant_init(void);

#define WRIT_VIOLATION_COUNT 20
/* The violations of a grant: bit i of bits is violation i (writ_violation_name(i)), counts[i] how
 * often the interpreter lists it. valid is 1 only when the grant was checked and nothing is wrong. */
typedef struct writ_violations {
  int valid;
  uint32_t bits;
  uint16_t counts[WRIT_VIOLATION_COUNT];
  int limit_exceeded; /* the question exceeds the runtime's fixed bounds: not valid */
} writ_violations;
/* "grantor_not_allowed", "duration_above_max", ...; "unknown" out of range. Never NULL. */
const char* writ_violation_name(uint32_t code);
/* Every violation of `grant` made now for the grantee `grantee` (its kind, account type, owner,
 * home org, bindings, target, instant and context; the permission is not read). WRIT_SUCCESS when
 * answered; WRIT_ERR_INVALID_ARGUMENT for a NULL argument or an unsorted custom list (out->valid
 * is then 0). No allocation. */
writ_code writ_validate_grant(const writ_table* table, const writ_orgs* orgs, const writ_request* grantee, const writ_grant* grant,
                              writ_violations* out);

/* ------------------------------------------------------------------ the service object */

writ_code writ_runtime_new(writ_runtime** out);
void writ_runtime_free(writ_runtime* runtime); /* after every thread stopped using it */
/* Validate and publish a new table; on failure the last good table stays and error says why. */
writ_code writ_runtime_reload(writ_runtime* runtime, const uint8_t* bytes, size_t size, writ_error* error);
writ_code writ_runtime_reload_file(writ_runtime* runtime, const char* path, writ_error* error);
/* The table the runtime holds now (a new reference: release it), or NULL when it holds none. */
writ_table* writ_runtime_snapshot(const writ_runtime* runtime);
/* Decide by names against the table held at the moment of the call (one table per decision). */
writ_decision writ_runtime_decide_named(const writ_runtime* runtime, const writ_orgs* orgs, const writ_named_request* request);
/* An optional decision logger, called on the deciding thread after each writ_runtime_decide_named
 * (NULL: none). A callback replaced while other threads decide may still run once on them. */
typedef void (*writ_decision_callback)(void* user, const writ_decision* decision);
void writ_runtime_set_callback(writ_runtime* runtime, writ_decision_callback callback, void* user);

#ifdef __cplusplus
}
#endif

#endif /* WRIT_WRIT_H */
