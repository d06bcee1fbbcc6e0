// libFuzzer target for the table loader (runtime/src): arbitrary bytes go to load_table twice,
// as they are and with the header's checksum recomputed (or the fuzzer would almost never get
// past the checksum into the sections); whatever loads is then decided on by
// tests/fuzz/table_fuzz_exercise.hpp. A loaded table must answer every query without a crash, a
// sanitizer report or a malformed decision. Replayed over tests/fuzz/corpus/table_fuzz/ (real
// compiled seed tables and damaged ones) by ctest as fuzz_replay.table_fuzz. See docs/performance.md.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "table_fuzz_exercise.hpp"
#include "writ/format.hpp"
#include "writ/runtime.hpp"

namespace {
void try_load(const std::uint8_t* data, std::size_t size) {
  namespace rt = writ::runtime;
  std::shared_ptr<const rt::Table> table;
  rt::LoadOptions options;
  options.max_size = 1u << 20;
  const rt::LoadStatus status = rt::load_table(data, size, table, options);
  if (status.ok() != (table != nullptr)) std::abort();  // a table exactly when loading succeeded
  if (!status.ok()) {
    if (status.message.empty()) std::abort();  // every refusal says why
    return;
  }
  if (table->size_bytes() != size) std::abort();
  (void)writ_test::exercise(*table);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace f = writ::format;
  try_load(data, size);
  if (size >= f::kHeaderSize) {
    std::vector<std::uint8_t> fixed(data, data + size);
    const std::uint64_t sum = f::check64(fixed.data(), fixed.size(), f::kOffChecksum);
    for (int b = 0; b < 8; ++b) fixed[f::kOffChecksum + b] = static_cast<std::uint8_t>(sum >> (8 * b));
    try_load(fixed.data(), fixed.size());
  }
  return 0;
}
