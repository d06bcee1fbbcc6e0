// Private to the DSL parser: the state its actions build the AST in. Tokens are collected into
// small buffers (names, strings, kinds, expressions, ...) and each statement's action turns them
// into one AST node; blocks (declarations, resources, `at`, grants) are created when their header
// is read and filled in place. Covered by tests/unit/dsl/dsl_parser_test.cpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.hpp"

namespace writ::dsl::detail {

/// Byte offset -> 1-based line/column for the parsed text, shifted by the fragment's origin.
class Positions {
 public:
  Positions(std::string_view text, Span origin) : text_(text), origin_(origin) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
  [[nodiscard]] Span span(const char* b, const char* e) const {
    return span(static_cast<std::size_t>(b - text_.data()), static_cast<std::size_t>(e - text_.data()));
  }
  [[nodiscard]] Span span(std::size_t b, std::size_t e) const {
    auto [line, col] = line_col(b);
    return Span{origin_.file, static_cast<std::uint32_t>(origin_.begin + b), static_cast<std::uint32_t>(origin_.begin + e),
                line, col};
  }
  /// Line of offset `b` in the text's own numbering (for "same line" tests).
  [[nodiscard]] std::uint32_t local_line(std::size_t b) const {
    return static_cast<std::uint32_t>(std::upper_bound(starts_.begin(), starts_.end(), b) - starts_.begin());
  }
  [[nodiscard]] std::size_t offset(const char* p) const { return static_cast<std::size_t>(p - text_.data()); }
  [[nodiscard]] std::string_view text() const { return text_; }

 private:
  [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> line_col(std::size_t b) const {
    const std::uint32_t l = local_line(b);
    const auto c = static_cast<std::uint32_t>(b - starts_[l - 1] + 1);
    const std::uint32_t base_line = origin_.line == 0 ? 1 : origin_.line;
    const std::uint32_t base_col = origin_.col == 0 ? 1 : origin_.col;
    // The fragment's first line starts at the origin's column; later lines start at column 1.
    return {base_line + l - 1, l == 1 ? base_col + c - 1 : c};
  }
  std::string_view text_;
  Span origin_;
  std::vector<std::uint32_t> starts_;
};

/// What kind of block the parser is inside: members are routed by it.
enum class Block { policy, module, resource, level, role, at, forbid, template_, implicit, assert_, test, matrix, grant, validate };

struct OpenBlock {
  Block kind;
  ast::Comments* comments;  ///< where comments inside the block that belong to no member go
};

/// Thrown by the control class; turned into W005/W007 at the top.
struct NestingTooDeep { std::size_t offset; };
struct BudgetExhausted { std::size_t offset; };

struct State {
  State(std::string_view text, Span origin, std::size_t budget) : pos(text, origin), budget(budget) {}

  Positions pos;
  std::size_t budget;
  std::size_t steps = 0;
  std::size_t depth = 0;

  // Token buffers, consumed (and cleared) by the statement that collected them.
  std::vector<ast::Name> names;
  std::vector<ast::StringLit> strings;
  std::vector<ast::KindRef> kinds;
  std::vector<ast::Requirement> requirements;
  std::vector<ast::Expr> exprs;
  std::vector<std::size_t> expr_depths;  ///< tree depth of each entry of `exprs`
  std::vector<std::size_t> list_marks;
  std::vector<ast::PermissionPattern> patterns;
  std::vector<ast::Selector> selectors;
  std::vector<ast::Presence> presences;
  std::vector<ast::MatrixCell> cells;
  std::vector<ast::ActionDecl> action_items;
  std::vector<ast::RawLit> raws;
  ast::PermissionPattern pattern;  ///< the pattern being read
  ast::Requirement requirement;    ///< the requirement being read
  ast::OrgScope scope = ast::OrgScope::self;
  bool scope_set = false;
  bool automatic = false;  ///< `assigned_by automatic`
  bool anyone = false;     ///< `granted_by anyone`
  std::optional<ast::RawLit> default_duration, max_duration;
  std::int64_t holder_count = 0;  ///< `min_holders ROLE COUNT`
  ast::AttributeDecl::Type attribute_type = ast::AttributeDecl::Type::boolean;
  ast::ActionClass action_class = ast::ActionClass::read;
  ast::Combining combining = ast::Combining::permissive;
  ast::TestDecl::Expect expect = ast::TestDecl::Expect::deny;
  std::optional<Span> combining_span;
  std::optional<ast::Name> rule_name;       ///< `as NAME` of the permit or deny being read
  std::optional<ast::Name> check_code;      ///< the code of `suppress` / `severity`
  std::optional<ast::Name> severity_level;  ///< the level of `severity`
  std::optional<Span> contained;            ///< `contained` of the authorizer being read
  std::optional<ast::StringLit> intended;   ///< `intended "REASON"` of the authorizer being read

  // Blocks under construction.
  ast::File file;
  ast::Decl current;
  std::vector<OpenBlock> open;
  std::vector<ast::ResourceDecl*> resources;
  std::size_t scope_index = 0;            ///< the role scope block members go to
  ast::GrantInstance* grant = nullptr;    ///< the grant block being read
  ast::RequestSetup* setup = nullptr;     ///< the test or matrix being read

  // Comments.
  ast::Comments pending;                  ///< comment lines not yet given to a node
  ast::Comments* last_done = nullptr;     ///< the node that ended on `last_done_line`
  std::uint32_t last_done_line = 0;
  std::size_t next_comment = 0;           ///< comments before this offset were seen already

  ast::Comments take_pending() { return std::exchange(pending, {}); }

  /// Comments read before a member that keeps none go to the enclosing block.
  void flush_pending_to_block() {
    if (pending.empty()) return;
    if (!open.empty() && open.back().comments) {
      auto& c = *open.back().comments;
      c.insert(c.end(), pending.begin(), pending.end());
    } else {
      file.trailing_comments.insert(file.trailing_comments.end(), pending.begin(), pending.end());
    }
    pending.clear();
  }

  void done(ast::Comments* target, const char* end) {
    last_done = target;
    last_done_line = pos.local_line(pos.offset(end) - (end > pos.text().data() ? 1 : 0));
  }
};

}  // namespace writ::dsl::detail
