// See compile.hpp.
#include "compiler/driver/compile.hpp"

#include <algorithm>
#include <deque>
#include <fstream>
#include <set>
#include <sstream>

#include "compiler/dsl/dsl_parser.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/source/input_checks.hpp"
#include "compiler/source/limits.hpp"
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

/// Reads a whole file into memory (never mmap: a file truncated meanwhile must not crash us).
/// Refuses files above the size limit without reading them all.
std::optional<std::string> read_text(const fs::path& path, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "no such file or not readable";
    return std::nullopt;
  }
  std::string text;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    // Keep one byte over the limit so check_input reports the size, without reading gigabytes.
    if (text.size() > limits::kMaxFileBytes) break;
  }
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return text;
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
void load_and_lower(Compilation& c, FileId root_id, const fs::path& root_path) {
  std::set<std::string> seen;
  std::deque<std::pair<FileId, fs::path>> queue;
  seen.insert(fs::weakly_canonical(root_path).string());
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
      std::string key = fs::weakly_canonical(target).string();
      if (!seen.insert(key).second) continue;
      if (seen.size() > limits::kMaxFiles) {
        c.diags.report(DiagCode::cannot_read_file, decl->span, target.string(), "too many files in one policy");
        failed = true;
        break;
      }
      std::error_code ec;
      if (!fs::exists(target, ec)) {
        c.diags.report(DiagCode::import_not_found, decl->path.span, imports[i].string());
        failed = true;
        continue;
      }
      std::string error;
      auto text = read_text(target, error);
      if (!text) {
        c.diags.report(DiagCode::cannot_read_file, decl->path.span, target.string(), error);
        failed = true;
        continue;
      }
      queue.emplace_back(c.sources.add(target.string(), std::move(*text)), target);
    }
    c.files.push_back(std::move(*file));
  }
  if (failed) return;
  if (auto lowered = lower::lower(c.files, c.sources, c.diags); lowered && !c.diags.has_errors()) {
    c.policy = std::move(lowered->policy);
    c.suite = std::move(lowered->suite);
  }
}

}  // namespace

Compilation compile_file(const fs::path& root) {
  Compilation c;
  std::string error;
  auto text = read_text(root, error);
  if (!text) {
    c.diags.report(DiagCode::cannot_read_file, Span{}, root.string(), error);
    return c;
  }
  FileId id = c.sources.add(root.string(), std::move(*text));
  load_and_lower(c, id, root);
  return c;
}

Compilation compile_text(const std::string& name, std::string text) {
  Compilation c;
  FileId id = c.sources.add(name, std::move(text));
  load_and_lower(c, id, fs::path(name));
  return c;
}

std::vector<fs::path> find_roots(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  std::vector<fs::path> all;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && syntax_of(it->path())) all.push_back(it->path());
  std::sort(all.begin(), all.end());
  // A file imported by another file in the tree is not a root. Imports are found by parsing;
  // files that fail to parse stay roots so their errors are reported.
  std::set<std::string> imported;
  for (const auto& p : all) {
    SourceMap sources;
    std::string error;
    auto text = read_text(p, error);
    if (!text) continue;
    FileId id = sources.add(p.string(), std::move(*text));
    Diagnostics scratch;
    auto file = parse_one(sources, id, *syntax_of(p), scratch);
    if (!file) continue;
    for (const auto& imp : imports_of(*file)) imported.insert(fs::weakly_canonical(p.parent_path() / imp).string());
  }
  std::vector<fs::path> roots;
  for (const auto& p : all)
    if (!imported.count(fs::weakly_canonical(p).string())) roots.push_back(p);
  return roots;
}

}  // namespace writ::driver
