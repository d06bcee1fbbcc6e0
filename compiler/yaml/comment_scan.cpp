// See comment_scan.hpp. The scanner is a small YAML tokenizer that knows only what decides where a
// comment may start: quoted scalars (which may span lines), plain scalars (where `'` is a letter),
// flow brackets and block scalar headers (whose content lines are text, never comments). It
// follows how yaml-cpp tokenizes the inputs writ accepts; on anything stranger it may miss or
// misplace a comment but never reads outside the text, and every pass is linear in its size.
#include "compiler/yaml/comment_scan.hpp"

#include <algorithm>
#include <string>

namespace writ::yaml {
namespace {

bool space_at(std::string_view s, std::size_t i) { return i >= s.size() || s[i] == ' ' || s[i] == '\t'; }

bool flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

}  // namespace

CommentMap::CommentMap(std::string_view text) : text_(text) {
  std::size_t pos = 0;
  std::uint32_t number = 0;
  while (true) {
    std::size_t eol = text.find('\n', pos);
    const bool last = eol == std::string_view::npos;
    if (last) eol = text.size();
    starts_.push_back(static_cast<std::uint32_t>(pos));
    scan_line(text.substr(pos, eol - pos), pos, ++number);
    if (last) break;
    pos = eol + 1;
  }
  run_begin_.resize(kinds_.size());
  for (std::size_t i = 0; i < kinds_.size(); ++i)
    run_begin_[i] = i > 0 && kinds_[i - 1] != Line::code ? run_begin_[i - 1] : static_cast<std::uint32_t>(i);
  above_taken_.assign(kinds_.size(), 0);
}

void CommentMap::add(std::size_t hash, std::string_view after, std::uint32_t line, bool trailing) {
  // As the DSL stores comments: without the `#`, one space after it, and trailing blanks.
  if (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  while (!after.empty() && (after.back() == ' ' || after.back() == '\t' || after.back() == '\r')) after.remove_suffix(1);
  comments_.push_back(Comment{line, static_cast<std::uint32_t>(hash), after, trailing});
}

void CommentMap::scan_line(std::string_view line, std::size_t start, std::uint32_t number) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const std::size_t ws = line.find_first_not_of(" \t");
  const bool blank = ws == std::string_view::npos;
  std::size_t indent = line.find_first_not_of(' ');
  if (indent == std::string_view::npos) indent = line.size();
  if (block_indent_ >= 0) {
    if (blank || static_cast<std::int64_t>(indent) > block_indent_) {
      kinds_.push_back(blank ? Line::blank : Line::code);  // block scalar content
      return;
    }
    block_indent_ = -1;
  }
  if (quote_ == 0 && blank) {
    kinds_.push_back(Line::blank);
    return;
  }
  if (quote_ == 0 && line[ws] == '#') {
    kinds_.push_back(Line::comment);
    add(start + ws, line.substr(ws + 1), number, false);
    return;
  }
  kinds_.push_back(Line::code);
  bool plain = false;
  for (std::size_t i = quote_ ? 0 : ws; i < line.size(); ++i) {
    const char c = line[i];
    if (quote_ == '\'') {
      if (c == '\'') {
        if (i + 1 < line.size() && line[i + 1] == '\'') ++i;  // '' is a quote inside
        else quote_ = 0;
      }
      continue;
    }
    if (quote_ == '"') {
      if (c == '\\') ++i;
      else if (c == '"') quote_ = 0;
      continue;
    }
    if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      add(start + i, line.substr(i + 1), number, true);
      return;
    }
    if (plain) {
      if (c == ':' && (space_at(line, i + 1) || (flow_ > 0 && flow_indicator(line[i + 1])))) {
        plain = false;
        continue;
      }
      if (!(flow_ > 0 && (c == ',' || c == ']' || c == '}'))) continue;
      plain = false;
    }
    switch (c) {
      case ' ': case '\t': case ':': case ',': break;
      case '\'': case '"': quote_ = c; break;
      case '[': case '{': ++flow_; break;
      case ']': case '}': flow_ = std::max(0, flow_ - 1); break;
      case '-': case '?': plain = !space_at(line, i + 1); break;
      case '|': case '>': {
        if (flow_ > 0) {
          plain = true;
          break;
        }
        // A block scalar: its content is indented deeper than the node that owns it, the key of
        // `key: |` or the `-` of `- |`.
        std::size_t owner = ws, dash = ws;
        while (owner < line.size() && line[owner] == '-' && space_at(line, owner + 1)) {
          dash = owner;
          owner = line.find_first_not_of(" \t", owner + 1);
          if (owner == std::string_view::npos) owner = line.size();
        }
        block_indent_ = static_cast<std::int64_t>(owner == i ? dash : owner);
        for (std::size_t k = i + 1; k < line.size(); ++k)
          if (line[k] == '#' && (line[k - 1] == ' ' || line[k - 1] == '\t')) {
            add(start + k, line.substr(k + 1), number, true);
            break;
          }
        return;
      }
      default: plain = true;
    }
  }
}

std::size_t CommentMap::first_at(std::uint32_t line) const {
  return static_cast<std::size_t>(
      std::lower_bound(comments_.begin(), comments_.end(), line, [](const Comment& c, std::uint32_t l) { return c.line < l; }) -
      comments_.begin());
}

std::uint32_t CommentMap::line_of(std::size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<std::uint32_t>(std::max<std::ptrdiff_t>(1, it - starts_.begin()));
}

std::size_t CommentMap::code_end(std::uint32_t idx) const {
  std::size_t end = idx + 1 < starts_.size() ? starts_[idx + 1] - 1 : text_.size();
  const std::size_t k = first_at(idx + 1);
  if (k < comments_.size() && comments_[k].line == idx + 1 && comments_[k].trailing) end = comments_[k].hash;
  return end;
}

ast::Comments CommentMap::take(std::uint32_t line) {
  ast::Comments out;
  if (line == 0 || line > kinds_.size()) return out;
  const std::size_t i = line - 1;
  // Only a line of code owns the run above it: runs above distinct code lines are disjoint, so
  // every comment is looked at once however many nodes share a line.
  if (kinds_[i] == Line::code && !above_taken_[i]) {
    above_taken_[i] = 1;
    for (std::size_t k = first_at(run_begin_[i] + 1); k < comments_.size() && comments_[k].line < line; ++k)
      if (!comments_[k].taken) {
        comments_[k].taken = true;
        out.emplace_back(comments_[k].text);
      }
  }
  const std::size_t k = first_at(line);
  if (k < comments_.size() && comments_[k].line == line && comments_[k].trailing && !comments_[k].taken) {
    comments_[k].taken = true;
    out.emplace_back(comments_[k].text);
  }
  return out;
}

std::uint32_t CommentMap::item_line(std::size_t offset) const {
  std::size_t end = std::min(offset, text_.size());
  const std::uint32_t own = line_of(end);
  std::uint32_t line = own;
  while (true) {
    const std::size_t begin = starts_[line - 1];
    std::size_t q = std::max(end, begin);
    while (q > begin && (text_[q - 1] == ' ' || text_[q - 1] == '\t' || text_[q - 1] == '\r')) --q;
    if (q > begin) {
      const bool dash = text_[q - 1] == '-' && (q - 1 == begin || text_[q - 2] == ' ' || text_[q - 2] == '\t');
      return dash ? line : own;
    }
    // The item is the first thing on its line: the `-` is on the previous line of code.
    do {
      if (line <= 1) return own;
      --line;
    } while (kinds_[line - 1] != Line::code);
    end = code_end(line - 1);
  }
}

void CommentMap::place_leftovers(ast::File& file, const std::vector<DeclLines>& lines) {
  const std::size_t n = std::min(lines.size(), file.decls.size());
  std::vector<ast::Comments> before(n), after(n);
  std::size_t d = 0;
  for (auto& c : comments_) {
    if (c.taken) continue;
    c.taken = true;
    while (d < n && lines[d].last < c.line) ++d;
    if (d == n) file.trailing_comments.emplace_back(c.text);
    else if (lines[d].first <= c.line) after[d].emplace_back(c.text);
    else before[d].emplace_back(c.text);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (before[i].empty() && after[i].empty()) continue;
    std::visit(
        [&](auto& decl) {
          ast::Comments all = std::move(before[i]);
          all.insert(all.end(), decl.comments.begin(), decl.comments.end());
          all.insert(all.end(), after[i].begin(), after[i].end());
          decl.comments = std::move(all);
        },
        file.decls[i]);
  }
}

}  // namespace writ::yaml
