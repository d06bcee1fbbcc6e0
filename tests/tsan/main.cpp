// The hot-reload stress (tests/unit/runtime_reload/reload_stress.hpp) as a program for the
// ThreadSanitizer build of tests/tsan/: argv[1], argv[2] two table files. Exit 0 when every
// decision matched one of the two tables, failed reloads kept the last good one, and TSan (which
// exits non-zero itself on a report) found nothing.
#include <cstdio>

#include "../unit/runtime_reload/reload_stress.hpp"

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const auto r = writ_test::reload_stress(writ_test::read_bytes(argv[1]), writ_test::read_bytes(argv[2]), 4, 400);
  std::printf("decisions %ld, mismatches %ld, failed reloads that kept the table %ld/400, callbacks %ld, wrong pairs %ld\n",
              r.decisions, r.mismatches, r.failed_reloads_kept, r.callbacks, r.wrong_user);
  return r.mismatches == 0 && r.failed_reloads_kept == 400 && r.callbacks == r.decisions && r.wrong_user == 0 ? 0 : 1;
}
