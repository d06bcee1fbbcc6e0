// writ's own positioned YAML tree, built from yaml-cpp events by event_builder.cpp. It is not
// YAML::Node: every node keeps its exact span and how the scalar was written (plain or quoted),
// which is what the schema layer needs to decide scalars itself and to point diagnostics at the
// offending node. Building it enforces the hostile-input rules of docs/yaml.md (one document, no
// anchors/aliases/tags/merge keys, no duplicate keys, depth limit) so the schema layer never sees
// such input. Covered by tests/unit/yaml/yaml_hostile_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/source/source.hpp"

namespace writ::yaml {

struct Node {
  enum class Kind { null, scalar, sequence, mapping };
  /// How a scalar was written: only a plain scalar may be a bool, an integer or null.
  enum class Style { plain, single_quoted, double_quoted, block };
  Kind kind = Kind::null;
  Style style = Style::plain;
  bool flow = false;          ///< a `[..]` / `{..}` collection
  std::string text;           ///< scalar value, decoded by yaml-cpp
  Span span;                  ///< for collections `end` is the end of the last child
  std::vector<Node> items;    ///< sequence: elements; mapping: key, value, key, value, ...

  [[nodiscard]] bool is_scalar() const { return kind == Kind::scalar; }
  [[nodiscard]] bool is_plain(std::string_view s) const {
    return kind == Kind::scalar && style == Style::plain && text == s;
  }
  [[nodiscard]] std::size_t map_size() const { return items.size() / 2; }
  [[nodiscard]] const Node& key(std::size_t i) const { return items[2 * i]; }
  [[nodiscard]] const Node& value(std::size_t i) const { return items[2 * i + 1]; }
};

/// Parse the text of `file` into a tree: pre-scan (tabs in indentation), exactly one document
/// through yaml-cpp's event API, every yaml-cpp exception turned into W010. nullopt after reporting.
std::optional<Node> build_tree(const SourceMap& sources, FileId file, Diagnostics& diags);

/// Offset of the first tab in the indentation of a line outside block scalars, or npos (W015).
std::size_t find_tab_indent(std::string_view text);

}  // namespace writ::yaml
