// Consumer of the installed writ::runtime (C++17): loads the seed-001 table named by argv[1] and
// asks two cells of its role x action table. Exit 0 when both answers are right.
#include <cstdio>
#include <memory>

#include <writ/runtime.hpp>

int main(int argc, char** argv) {
  namespace rt = writ::runtime;
  if (argc != 2) return 2;
  std::shared_ptr<const rt::Table> table;
  rt::LoadStatus status = rt::load_table_file(argv[1], table);
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", rt::load_error_name(status.error), status.message.c_str());
    return 1;
  }
  rt::Runtime service;
  service.set(table);
  rt::NamedBinding admin{"company_admin", "partner"}, reader{"read_only", "partner"};
  rt::NamedValue partner;
  partner.attribute = "account_kind";
  partner.s = "partner";
  rt::NamedRequest r;
  r.roles = &admin;
  r.role_count = 1;
  r.target_org = "partner";
  r.module = "accounts";
  r.resource = "managed_accounts";
  r.action = "create";
  r.context = &partner;
  r.context_count = 1;
  const rt::Decision allowed = rt::decide(*service.snapshot(), nullptr, r);
  r.roles = &reader;
  const rt::Decision denied = rt::decide(*service.snapshot(), nullptr, r);
  std::printf("company_admin: %s (%s), read_only: %s (%s)\n", allowed.allowed() ? "allow" : "deny",
              rt::code_name(allowed.code), denied.allowed() ? "allow" : "deny", rt::code_name(denied.code));
  return allowed.allowed() && !denied.allowed() && allowed.content_hash == table->content_hash() ? 0 : 1;
}
