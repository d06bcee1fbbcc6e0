/* Consumer of the installed C ABI (C99): loads the table named by argv[1], asks one allowed and
 * one denied cell of seed 001's table. Built both through find_package and through pkg-config. */
#include <stdio.h>

#include <writ/writ.h>

static int ask(const writ_table* t, const char* role) {
  writ_named_binding b = {role, "partner"};
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
  return writ_decide_named(t, NULL, &r).allowed;
}

int main(int argc, char** argv) {
  writ_table* t = NULL;
  writ_error err;
  int ok;
  if (argc != 2) return 2;
  if (writ_table_load_file(argv[1], 0, &t, &err) != WRIT_SUCCESS) {
    fprintf(stderr, "%s\n", err.message);
    return 1;
  }
  ok = ask(t, "company_admin") == 1 && ask(t, "read_only") == 0 && ask(NULL, "company_admin") == 0;
  printf("c consumer: %s\n", ok ? "ok" : "wrong answers");
  writ_table_release(t);
  return ok ? 0 : 1;
}
