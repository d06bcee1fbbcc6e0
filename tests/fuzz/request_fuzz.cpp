// libFuzzer target for the request JSON reader (compiler/request): any bytes either give a request
// or one error that starts with a JSON path ("$..."), never an exception or a crash; a request that
// parses prints as JSON without throwing. Duplicate keys, 1e400, deep nesting and huge integers
// are seeds of its corpus (tests/fuzz/corpus/request_fuzz/), replayed by ctest. See docs/fuzzing.md.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/request/request_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto doc = writ::eval::request_from_json(text, error);
  if (!doc) {
    if (error.empty()) std::abort();  // every refusal says why
    if (size <= (1u << 20) && error.rfind("$", 0) != 0) std::abort();  // ... and where
    return 0;
  }
  if (!error.empty()) std::abort();
  std::string printed = writ::eval::request_to_json(doc->request);
  if (printed.empty()) std::abort();
  return 0;
}
