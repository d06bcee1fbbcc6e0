// libFuzzer target for the DSL front end: input checks, then the parser; whatever parses must print
// canonically, re-parse, and print the same text again (the printer's fixpoint).
// Replayed over tests/fuzz/corpus/dsl_fuzz/ by ctest (fuzz_replay.dsl_fuzz). See docs/fuzzing.md.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compiler/dsl/dsl_parser.hpp"
#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/source/input_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace writ;
  SourceMap sources;
  FileId id = sources.add("fuzz.writ", std::string(reinterpret_cast<const char*>(data), size));
  Diagnostics diags;
  if (!check_input(sources, id, diags)) return 0;
  auto file = dsl::parse_file(sources, id, diags);
  if (!file) {
    if (diags.items().size() != 1) std::abort();  // a failed parse reports exactly one diagnostic
    return 0;
  }
  std::string printed = dsl::print_file(*file);
  FileId again = sources.add("printed.writ", printed);
  Diagnostics diags2;
  auto reparsed = dsl::parse_file(sources, again, diags2);
  if (!reparsed) std::abort();  // the canonical text of a parsed file must parse
  if (dsl::print_file(*reparsed) != printed) std::abort();  // and be a fixpoint
  return 0;
}
