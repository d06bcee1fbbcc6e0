// libFuzzer harness for the YAML front end: check_input + read_file must never crash, hang or
// leak; when a file reads, its canonical print must read back and print the same (fixpoint).
// The replay build (yaml_fuzz_replay) runs tests/fuzz/corpus/yaml_fuzz/ as an ordinary test.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/source/input_checks.hpp"
#include "compiler/yaml/yaml_printer.hpp"
#include "compiler/yaml/yaml_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  writ::SourceMap sources;
  writ::Diagnostics diags;
  const writ::FileId id = sources.add("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  if (!writ::check_input(sources, id, diags)) return 0;
  auto file = writ::yaml::read_file(sources, id, diags);
  if (!file) {
    if (!diags.has_errors()) std::abort();  // nullopt must come with an error
    return 0;
  }
  const std::string printed = writ::yaml::print_file(*file);
  writ::Diagnostics again_diags;
  const writ::FileId again_id = sources.add("printed.yaml", printed);
  auto again = writ::yaml::read_file(sources, again_id, again_diags);
  if (!again) std::abort();  // the canonical print of a valid file must read back
  if (writ::yaml::print_file(*again) != printed) std::abort();  // and be a fixpoint
  return 0;
}
