// Consumer of the installed writ::compiler: compiles the policy named by argv[1] with the driver
// and prints its role count. Exit 0 when it compiles and has roles.
#include <cstdio>

#include "compiler/driver/compile.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  writ::driver::Compilation c = writ::driver::compile_file(argv[1]);
  if (!c.ok()) {
    std::fprintf(stderr, "%s: does not compile\n", argv[1]);
    return 1;
  }
  std::printf("compiled %s: %zu roles\n", argv[1], c.policy->roles.size());
  return c.policy->roles.empty() ? 1 : 0;
}
