// See compile.hpp.
#include "compiler/driver/compile.hpp"

#include <algorithm>
#include <deque>
#include <set>

#include <fmt/format.h>

#include "compiler/dsl/dsl_parser.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/source/input_checks.hpp"
#include "compiler/source/limits.hpp"
#include "compiler/source/read_file.hpp"
#include "compiler/yaml/assignments_reader.hpp"
#include "compiler/yaml/yaml_reader.hpp"

namespace writ::driver {
namespace fs = std::filesystem;

std::optional<Syntax> syntax_of(const fs::path& path) {
  auto ext = path.extension().string();
  if (ext == ".writ") return Syntax::dsl;
  if (ext == ".yaml" || ext == ".yml") return Syntax::yaml;
  return std::nullopt;
}

std::optional<ast::File> parse_one(const SourceMap& sources, FileId id, Syntax syntax, Diagnostics& diags) {
  if (!check_input(sources, id, diags)) return std::nullopt;
  return syntax == Syntax::dsl ? dsl::parse_file(sources, id, diags) : yaml::read_file(sources, id, diags);
}

namespace {

/// Reads a source file (regular files only, the size limit checked while reading). A file over the
/// limit is added to `sources` empty, so W002 names it and gives its real size.
std::optional<FileId> load_source(SourceMap& sources, Diagnostics& diags, const fs::path& path, const Span& where) {
  auto r = source::read_regular_file(path.string(), limits::kMaxFileBytes);
  switch (r.status) {
    case source::ReadResult::Status::ok:
      return sources.add(path.string(), std::move(r.text));
    case source::ReadResult::Status::too_large: {
      FileId id = sources.add(path.string(), "");
      diags.report(DiagCode::file_too_large, Span{id, 0, 0, 1, 1}, r.size, limits::kMaxFileBytes);
      return std::nullopt;
    }
    case source::ReadResult::Status::error:
      break;
  }
  diags.report(DiagCode::cannot_read_file, where, path.string(), r.error);
  return std::nullopt;
}

/// The identity of a file for "already loaded": its canonical path, or the normal form when the
/// name cannot be resolved (too long, a loop of links), never an exception.
std::string key_of(const fs::path& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal().string() : p.string();
}

/// True when `path` lies inside folder `root` (both made absolute and normal, links resolved).
bool inside(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *r != *q) return false;
  return true;
}

std::vector<fs::path> imports_of(const ast::File& file) {
  std::vector<fs::path> out;
  for (const auto& d : file.decls)
    if (const auto* imp = std::get_if<ast::ImportDecl>(&d)) out.emplace_back(imp->path.value);
  return out;
}

const ast::ImportDecl* import_decl(const ast::File& file, std::size_t index) {
  std::size_t i = 0;
  for (const auto& d : file.decls)
    if (const auto* imp = std::get_if<ast::ImportDecl>(&d)) {
      if (i++ == index) return imp;
    }
  return nullptr;
}

/// Loads `root` (already in sources as `root_id`) and its imports breadth-first, then lowers.
void load_and_lower(Compilation& c, FileId root_id, const fs::path& root_path, const LoadOptions& options) {
  std::error_code root_ec;
  // Imports stay inside the root file's folder (or options.import_root): a policy must not read
  // /etc or /proc through an import, nor print a line of such a file in a diagnostic.
  const fs::path confine = fs::weakly_canonical(
      options.import_root.empty() ? fs::absolute(root_path, root_ec).parent_path() : fs::path(options.import_root), root_ec);
  std::set<std::string> seen;
  std::deque<std::pair<FileId, fs::path>> queue;
  seen.insert(key_of(root_path));
  queue.emplace_back(root_id, root_path);
  bool failed = false;
  while (!queue.empty()) {
    auto [id, path] = queue.front();
    queue.pop_front();
    auto syntax = syntax_of(path);
    if (!syntax) {
      c.diags.report(DiagCode::unknown_extension, Span{id, 0, 0, 1, 1}, path.string());
      failed = true;
      continue;
    }
    auto file = parse_one(c.sources, id, *syntax, c.diags);
    if (!file) {
      failed = true;
      continue;
    }
    auto imports = imports_of(*file);
    for (std::size_t i = 0; i < imports.size(); ++i) {
      fs::path target = path.parent_path() / imports[i];
      const ast::ImportDecl* decl = import_decl(*file, i);
      std::string key = key_of(target);
      if (!seen.insert(key).second) continue;
      if (seen.size() > limits::kMaxFiles) {
        c.diags.report(DiagCode::cannot_read_file, decl->span, target.string(), "too many files in one policy");
        failed = true;
        break;
      }
      // First, so nothing outside the folder is even looked at.
      if (!options.imports_anywhere && !inside(confine, target)) {
        c.diags.report(DiagCode::cannot_read_file, decl->path.span, imports[i].string(),
                       fmt::format("imports stay inside the policy's folder `{}` (writ --import-root DIR allows another)", confine.string()));
        failed = true;
        continue;
      }
      std::error_code ec;
      if (auto st = fs::status(target, ec); !ec && fs::exists(st) && !fs::is_regular_file(st)) {
        // A folder, FIFO or device: refused from its status alone, before it is opened.
        auto r = source::read_regular_file(target.string(), 0);
        c.diags.report(DiagCode::cannot_read_file, decl->path.span, target.string(), r.error);
        failed = true;
        continue;
      }
      if (!syntax_of(target)) {
        // Checked before reading, so a file that is not a policy is never opened nor quoted.
        c.diags.report(DiagCode::unknown_extension, decl->path.span, imports[i].string());
        failed = true;
        continue;
      }
      if (!fs::exists(target, ec) && !fs::is_symlink(target, ec)) {
        c.diags.report(DiagCode::import_not_found, decl->path.span, imports[i].string());
        failed = true;
        continue;
      }
      auto loaded = load_source(c.sources, c.diags, target, decl->path.span);
      if (!loaded) {
        failed = true;
        continue;
      }
      queue.emplace_back(*loaded, target);
    }
    c.files.push_back(std::move(*file));
  }
  if (failed) return;
  // The root first, then its imports in the order of their paths, not of the import statements
  // that found them: declarations are numbered in file order (the first reason a decision lists,
  // the table's ids), so reordering import statements changes no id and no byte of the table
  // (tests/unit/table/determinism_test.cpp).
  if (c.files.size() > 2) {
    std::vector<std::pair<std::string, ast::File>> keyed;
    for (auto it = c.files.begin() + 1; it != c.files.end(); ++it) keyed.emplace_back(key_of(fs::path(it->path)), std::move(*it));
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    c.files.resize(1);
    for (auto& [key, file] : keyed) c.files.push_back(std::move(file));
  }
  if (auto lowered = lower::lower(c.files, c.sources, c.diags); lowered && !c.diags.has_errors()) {
    c.policy = std::move(lowered->policy);
    c.suite = std::move(lowered->suite);
  }
}

}  // namespace

Compilation compile_file(const fs::path& root, const LoadOptions& options) {
  Compilation c;
  try {
    if (!syntax_of(root)) {
      // Before reading: a file that is not a policy (`writ check /etc/passwd`) is never quoted.
      c.diags.report(DiagCode::unknown_extension, Span{}, root.string());
      return c;
    }
    auto id = load_source(c.sources, c.diags, root, Span{});
    if (id) load_and_lower(c, *id, root, options);
  } catch (const std::bad_alloc&) {
    c.policy.reset();
    c.diags.report(DiagCode::cannot_read_file, Span{}, root.string(), "out of memory while compiling it");
  } catch (const fs::filesystem_error& e) {
    c.policy.reset();
    c.diags.report(DiagCode::cannot_read_file, Span{}, root.string(), e.code().message());
  }
  return c;
}

Compilation compile_text(const std::string& name, std::string text, const LoadOptions& options) {
  Compilation c;
  FileId id = c.sources.add(name, std::move(text));
  load_and_lower(c, id, fs::path(name), options);
  return c;
}

std::vector<fs::path> find_roots(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  std::vector<fs::path> all;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && syntax_of(it->path()) && !is_assignments_file(it->path())) all.push_back(it->path());
  std::sort(all.begin(), all.end());
  // A file imported by another file in the tree is not a root. Imports are found by parsing;
  // files that fail to parse stay roots so their errors are reported.
  std::set<std::string> imported;
  for (const auto& p : all) {
    SourceMap sources;
    Diagnostics scratch;
    auto id = load_source(sources, scratch, p, Span{});
    if (!id) continue;
    auto file = parse_one(sources, *id, *syntax_of(p), scratch);
    if (!file) continue;
    for (const auto& imp : imports_of(*file)) imported.insert(key_of(p.parent_path() / imp));
  }
  std::vector<fs::path> roots;
  for (const auto& p : all)
    if (!imported.count(key_of(p))) roots.push_back(p);
  return roots;
}

bool is_assignments_file(const fs::path& path) {
  const auto name = path.filename().string();
  for (std::string_view end : {".assignments.yaml", ".assignments.yml", ".assignments.json"})
    if (name.size() > end.size() && name.compare(name.size() - end.size(), end.size(), end) == 0) return true;
  return false;
}

std::optional<ir::Assignments> load_assignments(SourceMap& sources, Diagnostics& diags, const fs::path& path) {
  auto id = load_source(sources, diags, path, Span{});
  if (!id || !check_input(sources, *id, diags)) return std::nullopt;
  return yaml::read_assignments(sources, *id, diags);
}

}  // namespace writ::driver
