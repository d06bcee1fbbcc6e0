// libFuzzer harness for the assignments reader (compiler/yaml/assignments_reader.hpp): check_input +
// read_assignments must never crash, hang or leak; nullopt must come with an error, a value with
// none, and a value's ids are unique and its bindings parallel to their spans.
// The replay build (assignments_fuzz_replay) runs tests/fuzz/corpus/assignments_fuzz/ as an ordinary test.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "compiler/source/input_checks.hpp"
#include "compiler/yaml/assignments_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  writ::SourceMap sources;
  writ::Diagnostics diags;
  const writ::FileId id = sources.add("fuzz.assignments.yaml", std::string(reinterpret_cast<const char*>(data), size));
  if (!writ::check_input(sources, id, diags)) return 0;
  auto read = writ::yaml::read_assignments(sources, id, diags);
  if (read.has_value() == diags.has_errors()) std::abort();
  if (!read) return 0;
  std::set<std::string> ids;
  for (const auto& p : read->principals) {
    if (!ids.insert(p.principal.id).second || p.principal.id.empty()) std::abort();
    if (p.role_spans.size() != p.principal.roles.size()) std::abort();
  }
  return 0;
}
