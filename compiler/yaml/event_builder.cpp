// yaml-cpp events -> writ's positioned tree (yaml_tree.hpp). The handler throws Abort to stop
// yaml-cpp at once: on the first anchor or alias (so an alias bomb or a cycle costs nothing) and
// when collections nest deeper than limits::kMaxNesting. yaml-cpp emits a collection's start
// event before it recurses into the children, so aborting there bounds yaml-cpp's own recursion
// too (it would otherwise recurse to 500 levels and throw DeepRecursion).
#include <sstream>
#include <unordered_map>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "compiler/source/input_checks.hpp"
#include "compiler/source/limits.hpp"
#include "compiler/yaml/yaml_tree.hpp"

namespace writ::yaml {
namespace {

struct Abort {};
struct SecondDocument {
  YAML::Mark mark;
};

/// Converts yaml-cpp marks (0-based, bytes) to Spans once, clamped to the text.
class Marks {
 public:
  Marks(FileId file, std::string_view text) : file_(file), text_(text) {}
  [[nodiscard]] Span span(const YAML::Mark& m, std::size_t length = 1) const {
    if (m.is_null() || m.pos < 0 || m.line < 0 || m.column < 0) return Span{file_, 0, 0, 1, 1};
    auto begin = std::min<std::size_t>(static_cast<std::size_t>(m.pos), text_.size());
    auto end = std::min<std::size_t>(begin + length, text_.size());
    return Span{file_, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end),
                static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
  }
  [[nodiscard]] char at(const YAML::Mark& m) const {
    return m.pos >= 0 && static_cast<std::size_t>(m.pos) < text_.size() ? text_[m.pos] : '\0';
  }
  [[nodiscard]] std::string_view text() const { return text_; }

 private:
  FileId file_;
  std::string_view text_;
};

/// Length in the source of a scalar that starts at `pos`: exact for single-line plain and quoted
/// scalars, the first byte otherwise (diagnostics then point at the scalar's start).
std::size_t scalar_length(std::string_view text, std::size_t pos, Node::Style style, const std::string& value) {
  if (pos >= text.size()) return 0;
  switch (style) {
    case Node::Style::plain:
      return text.substr(pos, value.size()) == value ? value.size() : 1;
    case Node::Style::double_quoted:
      for (std::size_t i = pos + 1; i < text.size(); ++i) {
        if (text[i] == '\\') ++i;
        else if (text[i] == '"') return i + 1 - pos;
      }
      return 1;
    case Node::Style::single_quoted:
      for (std::size_t i = pos + 1; i < text.size(); ++i) {
        if (text[i] != '\'') continue;
        if (i + 1 < text.size() && text[i + 1] == '\'') { ++i; continue; }
        return i + 1 - pos;
      }
      return 1;
    case Node::Style::block:
      return 1;
  }
  return 1;
}

class Builder final : public YAML::EventHandler {
 public:
  Builder(const Marks& marks, Diagnostics& diags) : marks_(marks), diags_(diags) {}

  std::optional<Node> root;
  bool failed = false;
  YAML::Mark document_mark;

  void OnDocumentStart(const YAML::Mark& mark) override { document_mark = mark; }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    check_anchor(mark, anchor);
    Node n;
    n.kind = Node::Kind::null;
    n.span = marks_.span(mark, 0);
    add(std::move(n));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { alias(mark); }
  void OnAnchor(const YAML::Mark& mark, const std::string&) override { alias(mark); }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    check_anchor(mark, anchor);
    Node n;
    n.kind = Node::Kind::scalar;
    // yaml-cpp reports "?" for plain and "!" for every non-plain scalar; the byte at the mark
    // tells quoted from block, and an explicit `!` tag from both.
    const char c = marks_.at(mark);
    if (tag == "?") n.style = Node::Style::plain;
    else if (tag == "!" && c == '"') n.style = Node::Style::double_quoted;
    else if (tag == "!" && c == '\'') n.style = Node::Style::single_quoted;
    else if (tag == "!" && (c == '|' || c == '>')) n.style = Node::Style::block;
    else reject_tag(mark, tag);
    n.text = value;
    n.span = marks_.span(mark, scalar_length(marks_.text(), static_cast<std::size_t>(std::max(mark.pos, 0)), n.style, value));
    add(std::move(n));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, style, Node::Kind::sequence);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, tag, anchor, style, Node::Kind::mapping);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    Node node;
    std::unordered_map<std::string, std::uint32_t> keys;  ///< mapping keys seen -> line
  };

  void alias(const YAML::Mark& mark) {
    diags_.report(DiagCode::yaml_alias, marks_.span(mark));
    failed = true;
    throw Abort{};
  }
  void check_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) alias(mark);
  }
  void reject_tag(const YAML::Mark& mark, const std::string& tag) {
    std::string shown = tag;
    if (shown == "?" || shown == "!") shown = "!";
    else if (shown.rfind("tag:yaml.org,2002:", 0) == 0) shown = "!!" + shown.substr(18);
    diags_.report(DiagCode::yaml_tag, marks_.span(mark), shown);
    failed = true;
  }

  void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value style,
            Node::Kind kind) {
    check_anchor(mark, anchor);
    if (tag != "?" && !(tag == "!" && marks_.at(mark) != '!')) reject_tag(mark, tag);
    if (stack_.size() >= limits::kMaxNesting) {
      diags_.report(DiagCode::nesting_too_deep, marks_.span(mark), limits::kMaxNesting);
      failed = true;
      throw Abort{};
    }
    Open o;
    o.node.kind = kind;
    o.node.flow = style == YAML::EmitterStyle::Flow;
    o.node.span = marks_.span(mark, 1);
    stack_.push_back(std::move(o));
  }

  void close() {
    if (stack_.empty()) return;
    Node n = std::move(stack_.back().node);
    stack_.pop_back();
    if (!n.items.empty()) n.span.end = std::max(n.span.end, n.items.back().span.end);
    add(std::move(n));
  }

  void add(Node n) {
    if (stack_.empty()) {
      root = std::move(n);
      return;
    }
    Open& top = stack_.back();
    if (top.node.kind == Node::Kind::mapping && top.node.items.size() % 2 == 0) check_key(top, n);
    top.node.items.push_back(std::move(n));
  }

  void check_key(Open& map, const Node& key) {
    if (key.kind != Node::Kind::scalar) return;  // the schema layer reports non-scalar keys
    if (key.style == Node::Style::plain && key.text == "<<") {
      diags_.report(DiagCode::yaml_merge_key, key.span);
      failed = true;
      return;
    }
    auto [it, fresh] = map.keys.emplace(key.text, key.span.line);
    if (!fresh) {
      auto& d = diags_.report(DiagCode::yaml_duplicate_key, key.span, key.text, it->second);
      d.notes.emplace_back(Span{key.span.file, 0, 0, it->second, 1}, "first written here");
      failed = true;
    }
  }

  const Marks& marks_;
  Diagnostics& diags_;
  std::vector<Open> stack_;
};

/// Reports anything after the first document. Called once: yaml-cpp's multi-document loop can
/// spin on some malformed inputs when called repeatedly, so nothing loops here.
class Probe final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { throw SecondDocument{mark}; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { throw SecondDocument{mark}; }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { throw SecondDocument{mark}; }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    throw SecondDocument{mark};
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    throw SecondDocument{mark};
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    throw SecondDocument{mark};
  }
  void OnMapEnd() override {}
};

void report_yaml_exception(const Marks& marks, const YAML::Exception& e, Diagnostics& diags) {
  std::string msg = e.msg.empty() ? std::string("malformed YAML") : e.msg;
  diags.report(DiagCode::yaml_syntax, marks.span(e.mark), msg);
}

}  // namespace

std::size_t find_tab_indent(std::string_view text) {
  std::size_t pos = 0;
  std::optional<std::size_t> block_parent_indent;  // inside a block scalar opened at this indent
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::size_t ws = line.find_first_not_of(" \t");
    const bool blank = ws == std::string_view::npos;
    std::size_t spaces = line.find_first_not_of(' ');
    if (spaces == std::string_view::npos) spaces = line.size();
    if (block_parent_indent) {
      if (blank || spaces > *block_parent_indent) {
        pos = eol + 1;
        continue;  // block scalar content may hold tabs
      }
      block_parent_indent.reset();
    }
    if (!blank) {
      if (auto tab = line.substr(0, ws).find('\t'); tab != std::string_view::npos && line[ws] != '#')
        return pos + tab;
      // A line ending in a block scalar header (`|`, `>-`, `|2` ...) opens a block scalar.
      std::string_view content = line.substr(ws);
      if (auto hash = content.find(" #"); hash != std::string_view::npos) content = content.substr(0, hash);
      while (!content.empty() && (content.back() == ' ' || content.back() == '\t')) content.remove_suffix(1);
      std::size_t k = content.size();
      while (k > 0 && (content[k - 1] == '-' || content[k - 1] == '+' || (content[k - 1] >= '1' && content[k - 1] <= '9'))) --k;
      if (k > 0 && (content[k - 1] == '|' || content[k - 1] == '>') &&
          (k == 1 || content[k - 2] == ' ' || content[k - 2] == ':' || content[k - 2] == '-'))
        block_parent_indent = spaces;
    }
    pos = eol + 1;
  }
  return std::string_view::npos;
}

std::optional<Node> build_tree(const SourceMap& sources, FileId file, Diagnostics& diags) {
  const std::string& text = sources.text(file);
  if (auto tab = find_tab_indent(text); tab != std::string_view::npos) {
    diags.report(DiagCode::yaml_tab_indent, span_at(sources, file, tab));
    return std::nullopt;
  }
  Marks marks(file, text);
  std::istringstream in(text);
  Builder builder(marks, diags);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) {
      diags.report(DiagCode::empty_file, Span{file, 0, 0, 1, 1});
      return std::nullopt;
    }
    if (builder.failed) return std::nullopt;
    Probe probe;
    try {
      parser.HandleNextDocument(probe);
    } catch (const SecondDocument& second) {
      const std::size_t at = second.mark.pos < 0 ? 0 : static_cast<std::size_t>(second.mark.pos);
      if (text.compare(std::min(at, text.size()), 3, "---") == 0)
        diags.report(DiagCode::yaml_multi_document, marks.span(second.mark, 3));
      else
        diags.report(DiagCode::yaml_syntax, marks.span(second.mark),
                     "unexpected content after the end of the document");
      return std::nullopt;
    }
  } catch (const Abort&) {
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    report_yaml_exception(marks, e, diags);
    return std::nullopt;
  } catch (const std::exception& e) {
    diags.report(DiagCode::yaml_syntax, Span{file, 0, 0, 1, 1}, e.what());
    return std::nullopt;
  }
  if (builder.failed || !builder.root) return std::nullopt;
  if (builder.root->kind == Node::Kind::null) {
    diags.report(DiagCode::empty_file, Span{file, 0, 0, 1, 1});
    return std::nullopt;
  }
  return std::move(builder.root);
}

}  // namespace writ::yaml
