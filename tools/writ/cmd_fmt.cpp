// `writ fmt`: print policy files in canonical DSL or YAML, check that they are canonical, or
// rewrite them in place (atomically).
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "compiler/core/printable.hpp"
#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/source/limits.hpp"
#include "compiler/source/read_file.hpp"
#include "compiler/yaml/yaml_printer.hpp"
#include "tools/writ/atomic_write.hpp"
#include "tools/writ/commands.hpp"
#include "tools/writ/terminal.hpp"

namespace writ::cli {
namespace {
namespace fs = std::filesystem;

struct FmtOptions {
  std::vector<std::string> paths;
  std::string to;
  bool check = false;
  bool write = false;
  std::string output;
  ColorMode color = ColorMode::automatic;
};

std::vector<fs::path> expand(const std::vector<std::string>& paths) {
  std::vector<fs::path> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && driver::syntax_of(it->path()) && !driver::is_assignments_file(it->path()))
          found.push_back(it->path());
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.emplace_back(p);
    }
  }
  return out;
}

int run_fmt(const FmtOptions& o) {
  bool color = use_color(o.color);
  auto files = expand(o.paths);
  if (files.size() != 1 && !o.output.empty()) {
    std::cerr << "writ fmt: error: -o takes exactly one input file\n";
    return kExitUsage;
  }
  if (o.write && !o.to.empty()) {
    std::cerr << "writ fmt: error: --write rewrites files in their own syntax; use -o to convert\n";
    return kExitUsage;
  }
  bool input_error = false, not_canonical = false;
  for (const auto& path : files) {
    auto syntax = driver::syntax_of(path);
    driver::Compilation c;  // only for its SourceMap and diagnostics
    if (!syntax) {
      std::cerr << fmt::format("writ fmt: error: cannot read `{}` (expected a .writ, .yaml or .yml file)\n", core::printable(path.string()));
      input_error = true;
      continue;
    }
    // The same reader as the compiler: regular files only, the size limit checked while reading.
    auto read = source::read_regular_file(path.string(), limits::kMaxFileBytes);
    if (read.status == source::ReadResult::Status::error) {
      std::cerr << fmt::format("writ fmt: error: cannot read `{}`: {}\n", core::printable(path.string()), read.error);
      input_error = true;
      continue;
    }
    if (read.status == source::ReadResult::Status::too_large) {
      FileId big = c.sources.add(path.string(), "");
      c.diags.report(DiagCode::file_too_large, Span{big, 0, 0, 1, 1}, read.size, limits::kMaxFileBytes);
      print_diagnostics_text(std::cerr, c, color);
      input_error = true;
      continue;
    }
    const std::string text = std::move(read.text);
    FileId id = c.sources.add(path.string(), text);
    auto file = driver::parse_one(c.sources, id, *syntax, c.diags);
    if (!file) {
      print_diagnostics_text(std::cerr, c, color);
      input_error = true;
      continue;
    }
    driver::Syntax target = o.to.empty() ? *syntax : o.to == "yaml" ? driver::Syntax::yaml : driver::Syntax::dsl;
    std::string canonical = target == driver::Syntax::dsl ? dsl::print_file(*file) : yaml::print_file(*file);
    if (o.check) {
      if (target == *syntax && canonical != text) {
        std::cout << fmt::format("{}: not in canonical form (run `writ fmt --write {}`)\n", core::printable(path.string()),
                                 core::printable(path.string()));
        not_canonical = true;
      }
    } else if (o.write) {
      if (canonical != text) {
        if (auto err = write_file_atomically(path, canonical); !err.empty()) {
          std::cerr << fmt::format("writ fmt: error: cannot write `{}`: {}\n", core::printable(path.string()), err);
          input_error = true;
        }
      }
    } else if (!o.output.empty() && o.output != "-") {
      if (auto err = write_file_atomically(o.output, canonical); !err.empty()) {
        std::cerr << fmt::format("writ fmt: error: cannot write `{}`: {}\n", core::printable(o.output), err);
        input_error = true;
      }
    } else {
      std::cout << canonical;
    }
  }
  if (input_error) return kExitUsage;
  return not_canonical ? kExitFindings : kExitOk;
}

}  // namespace

void add_fmt(CLI::App& app, int& status) {
  auto o = std::make_shared<FmtOptions>();
  auto* sub = app.add_subcommand("fmt",
                                 "Print policy files in canonical form.\n"
                                 "Without options the canonical text goes to stdout. --to converts between the DSL\n"
                                 "and YAML (both read into the same IR). --check exits 1 if a file is not canonical\n"
                                 "(for CI); --write rewrites files in place, atomically, keeping mode and owner; it refuses\n"
                                 "symbolic links, hard-linked and read-only files (docs/limits.md).");
  sub->add_option("paths", o->paths, "Policy files or directories")->required();
  sub->add_option("--to", o->to, "Target syntax: dsl or yaml (default: the file's own)")->check(CLI::IsMember({"dsl", "yaml"}));
  sub->add_flag("--check", o->check, "Exit 1 when a file is not in canonical form; print nothing else");
  sub->add_flag("-w,--write", o->write, "Rewrite files in place (same syntax)");
  sub->add_option("-o,--output", o->output,
                  "Write the result to this file (one input only; `-` is stdout). An existing target must be a\n"
                  "regular file with one link: links, devices and FIFOs are refused, never replaced");
  add_color_option(*sub, o->color);
  sub->callback([o, &status] { status = run_fmt(*o); });
}

}  // namespace writ::cli
