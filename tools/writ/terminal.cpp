// See terminal.hpp.
#include "tools/writ/terminal.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <filesystem>
#include <new>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <ostream>

#include "compiler/core/printable.hpp"
#include "compiler/report/diagnostic_printer.hpp"
#include "tools/writ/commands.hpp"

namespace writ::cli {

driver::LoadOptions& load_options() {
  static driver::LoadOptions options;
  return options;
}

std::string describe_failure(const std::exception& e) {
  if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr)
    return "out of memory: an input is larger than writ can hold (see docs/limits.md)";
  if (const auto* fe = dynamic_cast<const std::filesystem::filesystem_error*>(&e))
    return fmt::format("`{}`: {}", core::printable(fe->path1().string(), 200), fe->code().message());
  return core::printable(e.what(), 300);
}

int finish_stdout(int status) {
  std::cout.flush();
  const bool failed = !std::cout.good() || std::fflush(stdout) != 0 || std::ferror(stdout) != 0;
  if (!failed) return status;
  std::cerr << "writ: error: cannot write to standard output: " << std::strerror(errno != 0 ? errno : EIO) << '\n';
  return kExitUsage;
}

void add_color_option(CLI::App& sub, ColorMode& mode) {
  sub.add_option("--color", mode, "Colour the output: auto (on a terminal), always, never")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ColorMode>{{"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}},
          CLI::ignore_case))
      ->default_str("auto");
}

bool use_color(ColorMode mode) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
}

void print_diagnostics_text(std::ostream& out, const driver::Compilation& c, bool color) {
  for (const auto& d : c.diags.items()) report::print_text(out, c.sources, d, report::TextStyle{color});
}

bool is_input_error(const Diagnostic& d) {
  switch (d.id) {
    case DiagCode::import_not_found:
    case DiagCode::cannot_read_file:
    case DiagCode::unknown_extension:
      return true;
    default:
      // Codes below W020 are the input and syntax codes of both front ends.
      return d.severity == Severity::error && d.code() < "W020";
  }
}

std::optional<driver::Compilation> compile_or_report(const std::string& path, std::ostream& err, bool color) {
  // A folder is accepted when it holds exactly one policy (one root file), as `writ check` sees it.
  std::error_code ec;
  std::filesystem::path root = path;
  if (std::filesystem::is_directory(path, ec)) {
    auto roots = driver::find_roots(path);
    if (roots.size() != 1) {
      std::vector<std::string> names;
      for (const auto& r : roots) names.push_back(r.string());
      for (auto& n : names) n = core::printable(n);
      err << fmt::format("writ: error: `{}` holds {} policies{}{}; name the root file\n", core::printable(path), roots.size(),
                         roots.empty() ? "" : ": ", fmt::join(names, ", "));
      return std::nullopt;
    }
    root = roots.front();
  }
  auto c = driver::compile_file(root, load_options());
  if (c.ok()) return c;
  print_diagnostics_text(err, c, color);
  return std::nullopt;
}

}  // namespace writ::cli
