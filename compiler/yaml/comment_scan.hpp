// The `#` comments of a YAML text. yaml-cpp's event API reports none, so one linear pass over the
// lines finds them itself: full-line comments and comments after code on a line, outside quoted
// and block scalars. The schema layer then takes, for each AST node that keeps comments, the run
// of comment lines directly above the node's key or `-` and the comment ending that line;
// place_leftovers() gives what no node took to the enclosing (or next) declaration or to the end
// of the file. The rules are in docs/yaml.md, "Comments". Covered by
// tests/unit/yaml/yaml_comments_test.cpp.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.hpp"

namespace writ::yaml {

class CommentMap {
 public:
  /// Scans `text`, which must outlive the map (comment texts are views into it).
  explicit CommentMap(std::string_view text);

  /// The comments of a node whose key (or `-`) is on `line` (1-based): the comment lines above it
  /// up to the previous line of code (blank lines may sit in between), then the comment ending
  /// `line` itself. Each comment is handed out once; a later call for the same lines gets nothing.
  ast::Comments take(std::uint32_t line);

  /// The line of the `-` that introduces the block sequence item starting at byte `offset` (the
  /// item may start on a later line: `-`, comments, then `key: ..`); else the line of `offset`.
  [[nodiscard]] std::uint32_t item_line(std::size_t offset) const;
  /// 1-based line of a byte offset.
  [[nodiscard]] std::uint32_t line_of(std::size_t offset) const;

  /// What the reader knows of one declaration: its lines, first (its key) to last (its body's).
  struct DeclLines {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
  };
  /// Hands every comment no node took to a declaration (`lines[i]` describes `file.decls[i]`):
  /// inside a declaration's lines it goes after that declaration's comments, before one it goes
  /// in front of them, and after the last declaration to file.trailing_comments.
  void place_leftovers(ast::File& file, const std::vector<DeclLines>& lines);

  [[nodiscard]] std::size_t size() const { return comments_.size(); }

 private:
  enum class Line : std::uint8_t { blank, comment, code };
  struct Comment {
    std::uint32_t line;   ///< 1-based
    std::uint32_t hash;   ///< offset of the `#`
    std::string_view text;
    bool trailing;        ///< after code on its line
    bool taken = false;
  };

  void scan_line(std::string_view line, std::size_t start, std::uint32_t number);
  void add(std::size_t hash, std::string_view after, std::uint32_t line, bool trailing);
  /// Index of the first comment on `line` or later.
  [[nodiscard]] std::size_t first_at(std::uint32_t line) const;
  /// Where code ends on `line` (0-based index): before its trailing comment, else the line's end.
  [[nodiscard]] std::size_t code_end(std::uint32_t line) const;

  std::string_view text_;
  std::vector<std::uint32_t> starts_;     ///< byte offset of each line
  std::vector<Line> kinds_;
  std::vector<std::uint32_t> run_begin_;  ///< per line: first line of the non-code run above it
  std::vector<std::uint8_t> above_taken_; ///< per line: its run was handed out
  std::vector<Comment> comments_;         ///< in line order

  // Scanner state carried from line to line.
  char quote_ = 0;                        ///< inside a multi-line '..' or ".." scalar
  int flow_ = 0;                          ///< `[`/`{` depth
  std::int64_t block_indent_ = -1;        ///< inside a block scalar whose header line had this indent
};

}  // namespace writ::yaml
