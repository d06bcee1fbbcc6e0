// Source text and spans. Every AST and IR node carries a Span; diagnostics point with them.
// Covered by tests/unit/source_test.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace writ {

/// Index of a file in a SourceMap. 0 is reserved for "no file" (built-in or synthesized nodes).
using FileId = std::uint32_t;

/// A range of bytes in one source file. Lines and columns are 1-based and count bytes,
/// as PEGTL and clang do; line/col describe `begin`.
struct Span {
  FileId file = 0;
  std::uint32_t begin = 0;  ///< byte offset of the first byte
  std::uint32_t end = 0;    ///< byte offset one past the last byte
  std::uint32_t line = 0;   ///< 1-based; 0 means unknown
  std::uint32_t col = 0;    ///< 1-based byte column

  [[nodiscard]] bool known() const { return line != 0; }
  friend bool operator==(const Span&, const Span&) = default;
};

/// Owns the text of every file loaded for one compilation.
/// INVARIANT: ids are dense and start at 1; a file is never removed.
class SourceMap {
 public:
  FileId add(std::string path, std::string text) {
    files_.push_back({std::move(path), std::move(text)});
    return static_cast<FileId>(files_.size());
  }
  [[nodiscard]] const std::string& path(FileId id) const { return files_.at(id - 1).path; }
  /// Renames a file for messages (`writ diff` shows `REV:path` for a file read from git).
  void set_path(FileId id, std::string path) { files_.at(id - 1).path = std::move(path); }
  [[nodiscard]] const std::string& text(FileId id) const { return files_.at(id - 1).text; }
  [[nodiscard]] std::size_t size() const { return files_.size(); }

  /// The whole line that contains `span.begin`, without its newline.
  [[nodiscard]] std::string_view line_of(const Span& span) const {
    if (span.file == 0 || span.file > files_.size()) return {};
    const std::string& t = text(span.file);
    std::size_t b = std::min<std::size_t>(span.begin, t.size());
    std::size_t start = b;
    while (start > 0 && t[start - 1] != '\n') --start;
    std::size_t stop = t.find('\n', b);
    if (stop == std::string::npos) stop = t.size();
    return std::string_view(t).substr(start, stop - start);
  }

 private:
  struct File {
    std::string path;
    std::string text;
  };
  std::vector<File> files_;
};

}  // namespace writ
