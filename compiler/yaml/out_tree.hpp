// The printer's intermediate form: a YAML document as a tree of already-quoted scalars, sequences
// and mappings with comments, and the one renderer that lays it out deterministically (block style
// where forced or where a node carries comments or is long; flow style for short collections).
// The canonical quoting rule lives here too. Covered by tests/unit/yaml/yaml_printer_test.cpp.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace writ::yaml {

/// A scalar as YAML text: plain when it cannot be read as anything but this string (starts with a
/// letter or `_`, only letters, digits, `_`, `.`, `/`, `-` and single inner spaces, and not a YAML
/// 1.1 keyword such as `yes`, `no`, `on`, `null`), otherwise single-quoted, or double-quoted with
/// escapes when it holds control characters.
std::string quote_scalar(std::string_view s);

struct OutEntry;

struct Out {
  enum class Kind { scalar, sequence, mapping };
  Kind kind = Kind::scalar;
  std::string text;                            ///< scalar: YAML text, already quoted
  std::vector<Out> items;                      ///< sequence
  std::vector<OutEntry> entries;               ///< mapping: key (YAML text) -> value
  std::vector<std::string> comments;           ///< printed as `#` lines above this node's entry
  bool block = false;                          ///< never print in flow style

  static Out scalar(std::string_view s);
  static Out raw(std::string yaml_text);
  static Out seq();
  static Out map();
  Out& add(Out item);
  Out& set(std::string_view key, Out value);
};

struct OutEntry {
  std::string first;  ///< the key as YAML text
  Out second;
};

/// Render a document whose root is a mapping; `blank_between` top-level entries get a blank line.
std::string render(const Out& root);

/// Appends `comments` as `# text` lines (`#` alone for an empty one) at `indent`.
void comment_lines(std::string& out, const std::vector<std::string>& comments, std::size_t indent);

}  // namespace writ::yaml
