// libFuzzer target for the CLI's file handling: the input is split into up to four files (at
// "\n--8<--\n"; the first byte of each picks .writ or .yaml) written to a scratch folder, and the
// first is compiled with the driver exactly as `writ check` does (reading, imports, confinement,
// limits) and its diagnostics are printed as the terminal would show them. Invariants: no
// exception, at least one diagnostic when compilation fails, and no control character other than
// newline and tab in the printed text (docs/limits.md: everything shown is escaped).
// Replayed over tests/fuzz/corpus/cli_files_fuzz/ by ctest. See docs/fuzzing.md.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/driver/compile.hpp"
#include "compiler/report/diagnostic_printer.hpp"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("writ-cli-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts;
  const std::string sep = "\n--8<--\n";
  for (std::size_t at = 0; parts.size() < 4;) {
    std::size_t next = input.find(sep, at);
    parts.push_back(input.substr(at, next == std::string::npos ? std::string::npos : next - at));
    if (next == std::string::npos) break;
    at = next + sep.size();
  }
  for (const auto& e : fs::directory_iterator(dir)) fs::remove(e.path());
  std::vector<fs::path> files;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    const bool yaml = !p.empty() && (static_cast<unsigned char>(p[0]) & 1);
    fs::path f = dir / ("f" + std::to_string(i) + (yaml ? ".yaml" : ".writ"));
    std::ofstream(f, std::ios::binary) << (p.empty() ? p : p.substr(1));
    files.push_back(f);
  }
  auto c = writ::driver::compile_file(files.front());
  if (!c.ok() && !c.diags.has_errors()) std::abort();  // a failure always says why
  std::ostringstream out;
  for (const auto& d : c.diags.items()) writ::report::print_text(out, c.sources, d, writ::report::TextStyle{false});
  for (char ch : out.str()) {
    auto u = static_cast<unsigned char>(ch);
    if ((u < 0x20 && ch != '\n' && ch != '\t') || u == 0x7F) std::abort();  // raw control byte on a terminal
  }
  return 0;
}
