// The YAML front end: `.yaml` text -> ast::File through yaml-cpp's event API (never its node tree),
// enforcing what docs/yaml.md and ../shared/notes/dependencies.md require: one document, no
// aliases, anchors, merge keys or tags, no duplicate keys, depth limit, scalars decided by writ.
// Conditions, patterns and requirements in strings are parsed with the DSL fragment parsers.
// Comments are kept on the AST nodes below them (comment_scan.hpp, docs/yaml.md "Comments").
// Covered by tests/unit/yaml/.
#pragma once

#include <optional>

#include "compiler/ast/ast.hpp"
#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/source/source.hpp"

namespace writ::yaml {

/// Parse one whole file. The caller has run check_input() on it. nullopt after reporting errors.
std::optional<ast::File> read_file(const SourceMap& sources, FileId file, Diagnostics& diags);

}  // namespace writ::yaml
