// Output choices shared by the subcommands: colour detection and the `--color` option,
// printing a compilation's diagnostics, and classifying them into exit statuses.
#pragma once

#include <CLI/CLI.hpp>

#include <exception>
#include <iosfwd>
#include <string>

#include "compiler/driver/compile.hpp"

namespace writ::cli {

enum class ColorMode { automatic, always, never };

/// How far imports may reach, from the global `--import-root` option (main.cpp).
driver::LoadOptions& load_options();

/// A one-line description of an exception that escaped a command: out of memory, a file-system
/// error (with its path, escaped and cut), or the exception's own text; never "internal error".
std::string describe_failure(const std::exception& e);

/// Flushes stdout; a failed write (a full disk, /dev/full, a closed pipe) turns `status` into exit
/// status 2 with a message, since a truncated answer must not look like a complete one.
int finish_stdout(int status);

/// Adds `--color auto|always|never` to a subcommand.
void add_color_option(CLI::App& sub, ColorMode& mode);
/// Whether to colour output written to stdout (a terminal, and NO_COLOR unset, for `auto`).
bool use_color(ColorMode mode);

/// Prints every diagnostic of `c` as clang-style text.
void print_diagnostics_text(std::ostream& out, const driver::Compilation& c, bool color);

/// True for diagnostics that mean "could not read the input" (syntax, encoding, limits, missing
/// files) rather than "the policy is wrong": those exit 2.
bool is_input_error(const Diagnostic& d);

/// Compiles `path` for a command that needs a policy; on failure prints the diagnostics to `err`
/// and returns nullopt (the command then exits 2).
std::optional<driver::Compilation> compile_or_report(const std::string& path, std::ostream& err, bool color);

}  // namespace writ::cli
