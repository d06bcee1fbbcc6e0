// See out_tree.hpp.
#include "compiler/yaml/out_tree.hpp"

#include <array>
#include <cctype>
#include <fmt/format.h>

namespace writ::yaml {
namespace {

bool reserved_word(std::string_view s) {
  // YAML 1.1 and 1.2 core-schema words other readers would turn into booleans or null.
  static constexpr std::array<std::string_view, 11> words = {"true", "false", "yes", "no", "on", "off",
                                                             "y", "n", "null", "nan", "inf"};
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto w : words)
    if (lower == w) return true;
  return false;
}

bool plain_safe(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  if (s.back() == ' ' || reserved_word(s)) return false;
  char prev = 0;
  for (char c : s) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == '-' ||
                    (c == ' ' && prev != ' ');
    if (!ok || static_cast<unsigned char>(c) >= 0x80) return false;
    prev = c;
  }
  return true;
}

constexpr std::size_t kFlowWidth = 100;

bool has_comments(const Out& o) {
  if (!o.comments.empty()) return true;
  for (const auto& i : o.items)
    if (has_comments(i)) return true;
  for (const auto& [k, v] : o.entries)
    if (has_comments(v)) return true;
  return false;
}

std::string flow(const Out& o) {
  switch (o.kind) {
    case Out::Kind::scalar: return o.text;
    case Out::Kind::sequence: {
      std::string s = "[";
      for (std::size_t i = 0; i < o.items.size(); ++i) s += (i ? ", " : "") + flow(o.items[i]);
      return s + "]";
    }
    case Out::Kind::mapping: {
      std::string s = "{";
      for (std::size_t i = 0; i < o.entries.size(); ++i)
        s += (i ? ", " : "") + o.entries[i].first + ": " + flow(o.entries[i].second);
      return s + "}";
    }
  }
  return {};
}

bool any_block(const Out& o) {
  if (o.block && !(o.items.empty() && o.entries.empty())) return true;
  for (const auto& i : o.items)
    if (any_block(i)) return true;
  for (const auto& [k, v] : o.entries)
    if (any_block(v)) return true;
  return false;
}

/// Comments inside `o` (its own are printed above its key by the caller, so they do not count).
bool inner_comments(const Out& o) {
  for (const auto& i : o.items)
    if (has_comments(i)) return true;
  for (const auto& [k, v] : o.entries)
    if (has_comments(v)) return true;
  return false;
}

/// Flow style for scalars, empty collections and short collections with no comments inside.
bool inline_ok(const Out& o, std::size_t indent) {
  if (o.kind == Out::Kind::scalar || (o.items.empty() && o.entries.empty())) return true;
  if (any_block(o) || inner_comments(o)) return false;
  return indent + flow(o).size() <= kFlowWidth;
}

}  // namespace

void comment_lines(std::string& out, const std::vector<std::string>& comments, std::size_t indent) {
  // As the DSL prints them: a comment's text is what follows `# ` (comment_scan.cpp reads it so).
  for (const auto& c : comments) {
    std::string text = c;
    for (char& ch : text)
      if (ch == '\n' || ch == '\r') ch = ' ';
    out += std::string(indent, ' ') + (text.empty() ? "#" : "# " + text) + "\n";
  }
}

namespace {

void block(std::string& out, const Out& o, std::size_t indent, bool first_inline);

/// One `key: value` entry at `indent` (the caller has written the indent unless first_inline).
void entry(std::string& out, const std::string& key, const Out& v, std::size_t indent) {
  out += key + ":";
  if (inline_ok(v, indent + key.size() + 2)) {
    out += " " + flow(v) + "\n";
  } else {
    out += "\n";
    block(out, v, indent + 2, false);
  }
}

void block(std::string& out, const Out& o, std::size_t indent, bool first_inline) {
  const std::string pad(indent, ' ');
  if (o.kind == Out::Kind::mapping) {
    for (std::size_t i = 0; i < o.entries.size(); ++i) {
      const auto& [k, v] = o.entries[i];
      if (!(first_inline && i == 0)) {
        comment_lines(out, v.comments, indent);
        out += pad;
      }
      entry(out, k, v, indent);
    }
  } else if (o.kind == Out::Kind::sequence) {
    for (const auto& item : o.items) {
      comment_lines(out, item.comments, indent);
      out += pad + "-";
      if (inline_ok(item, indent + 2)) {
        out += " " + flow(item) + "\n";
      } else if (item.kind == Out::Kind::mapping && item.entries.front().second.comments.empty()) {
        // `- key: ..` on one line; when the first entry has comments they go on lines of their
        // own between the `-` and the key (the branch below), not lost.
        out += " ";
        block(out, item, indent + 2, true);
      } else {
        out += "\n";
        block(out, item, indent + 2, false);
      }
    }
  } else {
    out += pad + o.text + "\n";
  }
}

}  // namespace

std::string quote_scalar(std::string_view s) {
  if (plain_safe(s)) return std::string(s);
  bool control = false;
  for (unsigned char c : s) control = control || c < 0x20 || c == 0x7f;
  if (!control) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02X}", c);
        else out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

Out Out::scalar(std::string_view s) {
  Out o;
  o.text = quote_scalar(s);
  return o;
}
Out Out::raw(std::string yaml_text) {
  Out o;
  o.text = std::move(yaml_text);
  return o;
}
Out Out::seq() {
  Out o;
  o.kind = Kind::sequence;
  return o;
}
Out Out::map() {
  Out o;
  o.kind = Kind::mapping;
  return o;
}
Out& Out::add(Out item) {
  items.push_back(std::move(item));
  return items.back();
}
Out& Out::set(std::string_view key, Out value) {
  entries.push_back(OutEntry{quote_scalar(key), std::move(value)});
  return entries.back().second;
}

std::string render(const Out& root) {
  std::string out;
  for (std::size_t i = 0; i < root.entries.size(); ++i) {
    if (i) out += "\n";
    const auto& [k, v] = root.entries[i];
    comment_lines(out, v.comments, 0);
    entry(out, k, v, 0);
  }
  return out;
}

}  // namespace writ::yaml
