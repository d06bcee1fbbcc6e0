/* The C ABI (writ/writ.h) used from C: compiled as C99, linked against the runtime, run by ctest
 * on the compiled seed-001 table (argv[1]) and the vendor_account_access table (argv[2], which
 * has a grant template). Checks loading from a file and a buffer, the typed errors of a bad
 * image, names -> ids, decisions by id and by name (allow and the deny reasons), fail-closed NULL
 * handles, a runtime's reload and decision callback, and grant validation (a valid grant, the
 * violations of bad ones, fail-closed arguments). Exit 0 when all hold. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writ/writ.h"

static int failures = 0;
#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

static unsigned char* read_file(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  unsigned char* bytes;
  long n;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  bytes = (unsigned char*)malloc((size_t)n + 1);
  if (bytes != NULL && fread(bytes, 1, (size_t)n, f) != (size_t)n) {
    free(bytes);
    bytes = NULL;
  }
  fclose(f);
  *size = (size_t)n;
  return bytes;
}

/* One request of the seed's role x action table, made in the partner account. */
static writ_decision ask(const writ_table* t, const writ_orgs* orgs, const char* role, const char* module,
                         const char* resource, const char* action) {
  writ_named_binding b;
  writ_named_value v;
  writ_named_request r = writ_named_request_init();
  b.role = role;
  b.org = "partner";
  v.attribute = "account_kind";
  v.type = 's';
  v.b = 0;
  v.i = 0;
  v.s = "partner";
  r.roles = &b;
  r.role_count = 1;
  r.home_org = "partner";
  r.target_org = "partner";
  r.module = module;
  r.resource = resource;
  r.action = action;
  r.context = &v;
  r.context_count = 1;
  return writ_decide_named(t, orgs, &r);
}

/* Grant validation on the vendor_account_access table: its account_access_rule template. */
static void check_validate_grant(const char* path) {
  writ_table* t = NULL;
  writ_error err;
  writ_violations v;
  writ_request grantee = writ_request_init();
  writ_grant g = writ_grant_init();
  writ_binding admin;
  uint32_t viewer, custom[2];
  CHECK(writ_table_load_file(path, 0, &t, &err) == WRIT_SUCCESS);
  if (t == NULL) return;
  viewer = writ_table_find_role(t, "viewer");
  admin.role = writ_table_find_role(t, "account_admin");
  admin.org = WRIT_NONE;
  CHECK(viewer != WRIT_NONE && admin.role != WRIT_NONE);
  grantee.kind = WRIT_VENDOR_SUPPORT;
  g.template_id = writ_table_find_template(t, "account_access_rule");
  g.grantor_roles = &admin;
  g.grantor_role_count = 1;
  g.roles = &viewer;
  g.role_count = 1;
  g.has_valid_from = g.has_valid_to = 1;
  g.valid_from = grantee.at;
  g.valid_to = grantee.at + 3600;
  g.grantee_id = "cra-1";
  CHECK(writ_validate_grant(t, NULL, &grantee, &g, &v) == WRIT_SUCCESS);
  CHECK(v.valid == 1 && v.bits == 0);
  /* A grantor without the admin role, an internal grantee, no window, no grantee id. */
  g.grantor_role_count = 0;
  grantee.kind = WRIT_INTERNAL;
  g.has_valid_from = g.has_valid_to = 0;
  g.grantee_id = NULL;
  CHECK(writ_validate_grant(t, NULL, &grantee, &g, &v) == WRIT_SUCCESS);
  CHECK(v.valid == 0);
  CHECK(v.bits == ((1u << 1) | (1u << 2) | (1u << 11) | (1u << 12) | (1u << 15) | (1u << 19)));
  CHECK(strcmp(writ_violation_name(1), "grantor_not_allowed") == 0 && strcmp(writ_violation_name(19), "above_grantor_access") == 0);
  CHECK(v.counts[15] == 1);
  /* An unknown template is the only violation then. */
  g.template_id = WRIT_NONE;
  CHECK(writ_validate_grant(t, NULL, &grantee, &g, &v) == WRIT_SUCCESS);
  CHECK(v.valid == 0 && v.bits == 1u);
  /* Fail closed: no table, a custom list out of order. */
  CHECK(writ_validate_grant(NULL, NULL, &grantee, &g, &v) == WRIT_ERR_INVALID_ARGUMENT && v.valid == 0);
  g.template_id = writ_table_find_template(t, "account_access_rule");
  custom[0] = 2;
  custom[1] = 1;
  g.custom = custom;
  g.custom_count = 2;
  CHECK(writ_validate_grant(t, NULL, &grantee, &g, &v) == WRIT_ERR_INVALID_ARGUMENT && v.valid == 0);
  writ_table_release(t);
}

static int logged = 0;
static uint64_t logged_hash = 0;
static void on_decision(void* user, const writ_decision* d) {
  ++*(int*)user;
  logged_hash = d->content_hash;
}

int main(int argc, char** argv) {
  writ_table* table = NULL;
  writ_table* copy = NULL;
  writ_orgs* orgs = NULL;
  writ_runtime* rt = NULL;
  writ_error err;
  writ_decision d;
  unsigned char* bytes;
  size_t size = 0;
  const char* names[3] = {"partner", "managed_a", "managed_b"};
  const char* parents[3] = {NULL, "partner", "partner"};
  uint32_t admin, perm;

  if (argc != 3) {
    fprintf(stderr, "usage: %s SEED_001_TABLE VENDOR_ACCOUNT_ACCESS_TABLE\n", argv[0]);
    return 2;
  }
  CHECK(writ_table_load_file(argv[1], 0, &table, &err) == WRIT_SUCCESS);
  if (table == NULL) {
    fprintf(stderr, "cannot load %s: %s\n", argv[1], err.message);
    return 1;
  }
  CHECK(writ_table_content_hash(table) != 0);
  CHECK(writ_table_role_count(table) >= 6);

  /* The same bytes from a buffer give the same table; a damaged copy is refused with a reason. */
  bytes = read_file(argv[1], &size);
  CHECK(bytes != NULL && size == writ_table_size_bytes(table));
  CHECK(writ_table_load(bytes, size, 0, &copy, &err) == WRIT_SUCCESS);
  CHECK(writ_table_content_hash(copy) == writ_table_content_hash(table));
  writ_table_release(copy);
  copy = NULL;
  bytes[size / 2] ^= 0x10;
  CHECK(writ_table_load(bytes, size, 0, &copy, &err) == WRIT_ERR_BAD_CHECKSUM);
  CHECK(copy == NULL);
  CHECK(strstr(err.message, "checksum") != NULL);
  CHECK(writ_table_load(bytes, 10, 0, &copy, &err) == WRIT_ERR_TRUNCATED);
  CHECK(writ_table_load(bytes, size, 16, &copy, &err) == WRIT_ERR_TOO_LARGE);
  CHECK(writ_table_load_file("/nonexistent/table.wtab", 0, &copy, &err) == WRIT_ERR_IO);
  CHECK(writ_table_load(bytes, size, 0, NULL, &err) == WRIT_ERR_INVALID_ARGUMENT);
  CHECK(strcmp(writ_code_name(WRIT_ERR_BAD_CHECKSUM), "bad checksum") == 0);
  bytes[size / 2] ^= 0x10;

  CHECK(writ_orgs_build(names, parents, 3, &orgs, &err) == WRIT_SUCCESS);
  CHECK(writ_orgs_find(orgs, "managed_a") != WRIT_NONE);
  CHECK(writ_orgs_find(orgs, "elsewhere") == WRIT_NONE);

  /* By name: the table's cells (reading R1 of the seed). */
  d = ask(table, orgs, "company_admin", "accounts", "managed_accounts", "create");
  CHECK(d.allowed == 1 && d.reason_class == WRIT_EXPLICIT_ALLOW && strcmp(writ_reason_name(d.code), "permit") == 0);
  CHECK(d.rule != WRIT_NONE && d.content_hash == writ_table_content_hash(table));
  {
    const char* file = NULL;
    size_t len = 0;
    uint32_t line = 0, column = 0;
    CHECK(writ_table_rule_span(table, d.rule, &file, &len, &line, &column) == 1);
    CHECK(len > 0 && line > 0);
  }
  d = ask(table, orgs, "read_only", "accounts", "managed_accounts", "create");
  CHECK(d.allowed == 0 && d.reason_class == WRIT_DEFAULT_DENY && strcmp(writ_reason_name(d.code), "no_rule") == 0);
  d = ask(table, orgs, "technical_contact", "services", "services", "delete");
  CHECK(d.allowed == 0);
  d = ask(table, orgs, "technical_contact", "services", "services", "update");
  CHECK(d.allowed == 1);
  d = ask(table, orgs, "finance", "services", "services", "delete");
  CHECK(d.allowed == 1);
  d = ask(table, orgs, "company_admin", "nosuch", "services", "create");
  CHECK(d.allowed == 0 && strcmp(writ_reason_name(d.code), "unknown_module") == 0);

  /* By id: the same answer as by name. */
  admin = writ_table_find_role(table, "company_admin");
  perm = writ_table_find_permission(table, "accounts", "managed_accounts", "create");
  CHECK(admin != WRIT_NONE && perm != WRIT_NONE);
  CHECK(writ_table_find_role(table, "nobody") == WRIT_NONE);
  {
    writ_binding b;
    writ_value v;
    writ_request r = writ_request_init();
    uint32_t kind = writ_table_find_attribute(table, "account_kind");
    CHECK(kind != WRIT_NONE);
    b.role = admin;
    b.org = writ_orgs_find(orgs, "partner");
    v = writ_value_string(table, kind, "partner");
    CHECK(v.present == 1 && v.ill_typed == 0);
    r.roles = &b;
    r.role_count = 1;
    r.home_org = b.org;
    r.target_org = b.org;
    r.permission = perm;
    r.context = &v;
    r.context_count = 1;
    d = writ_decide(table, orgs, &r);
    CHECK(d.allowed == 1 && strcmp(writ_reason_name(d.code), "permit") == 0);
    /* In a managed account the partner-only row does not apply (R4): the default is managed. */
    r.context_count = 0;
    d = writ_decide(table, orgs, &r);
    CHECK(d.allowed == 0);
    /* Fail closed: no table, unknown permission. */
    r.context_count = 1;
    d = writ_decide(NULL, orgs, &r);
    CHECK(d.allowed == 0 && d.reason_class == WRIT_ERROR_DENY && strcmp(writ_reason_name(d.code), "no_table") == 0);
    r.permission = WRIT_NONE;
    d = writ_decide(table, orgs, &r);
    CHECK(d.allowed == 0);
  }

  /* The service object: empty denies, a bad reload keeps nothing, a good one publishes, a bad one
   * after it keeps the last good table; the callback sees every decision. */
  CHECK(writ_runtime_new(&rt) == WRIT_SUCCESS);
  {
    writ_named_binding b = {"company_admin", "partner"};
    writ_named_value v = {"account_kind", 's', 0, 0, "partner"};
    writ_named_request r = writ_named_request_init();
    r.roles = &b;
    r.role_count = 1;
    r.target_org = "partner";
    r.module = "accounts";
    r.resource = "managed_accounts";
    r.action = "create";
    r.context = &v;
    r.context_count = 1;
    writ_runtime_set_callback(rt, on_decision, &logged);
    d = writ_runtime_decide_named(rt, orgs, &r);
    CHECK(d.allowed == 0 && d.reason_class == WRIT_ERROR_DENY && logged == 1);
    CHECK(writ_runtime_snapshot(rt) == NULL);
    CHECK(writ_runtime_reload(rt, bytes, size - 8, &err) != WRIT_SUCCESS);
    CHECK(writ_runtime_reload(rt, bytes, size, &err) == WRIT_SUCCESS);
    d = writ_runtime_decide_named(rt, orgs, &r);
    CHECK(d.allowed == 1 && logged == 2 && logged_hash == writ_table_content_hash(table));
    bytes[size - 1] ^= 1;
    CHECK(writ_runtime_reload(rt, bytes, size, &err) == WRIT_ERR_BAD_CHECKSUM);
    CHECK(err.message[0] != '\0');
    d = writ_runtime_decide_named(rt, orgs, &r);
    CHECK(d.allowed == 1 && logged == 3);
    copy = writ_runtime_snapshot(rt);
    CHECK(copy != NULL && writ_table_content_hash(copy) == writ_table_content_hash(table));
    writ_table_release(copy);
    writ_runtime_set_callback(rt, NULL, NULL);
    d = writ_runtime_decide_named(rt, orgs, &r);
    CHECK(logged == 3);
  }
  check_validate_grant(argv[2]);
  writ_runtime_free(rt);
  writ_orgs_free(orgs);
  writ_table_release(table);
  free(bytes);
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("c_api: all checks passed\n");
  return 0;
}
