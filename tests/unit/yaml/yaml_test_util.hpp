// Helpers for the YAML front-end tests: read a text as a `.yaml` file and look at what came out.
#pragma once

#include <optional>
#include <string>

#include "compiler/ast/ast.hpp"
#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/source/input_checks.hpp"
#include "compiler/source/source.hpp"
#include "compiler/yaml/yaml_reader.hpp"

namespace writ::yaml::test {

struct Read {
  SourceMap sources;
  Diagnostics diags;
  std::optional<ast::File> file;

  [[nodiscard]] std::string dump() const {
    std::string s;
    for (const auto& d : diags.items())
      s += std::string(d.code()) + " " + std::to_string(d.span.line) + ":" + std::to_string(d.span.col) + " " + d.message + "\n";
    return s;
  }
  [[nodiscard]] const Diagnostic* first() const { return diags.items().empty() ? nullptr : &diags.items().front(); }
};

/// check_input + read_file, as the driver does.
inline Read read(std::string text, std::string path = "test.yaml") {
  Read r;
  FileId id = r.sources.add(std::move(path), std::move(text));
  if (check_input(r.sources, id, r.diags)) r.file = read_file(r.sources, id, r.diags);
  return r;
}

template <class T>
const T& decl(const ast::File& f, std::size_t i) {
  return std::get<T>(f.decls.at(i));
}

}  // namespace writ::yaml::test
