// Shared schema helpers: node shapes, scalars decided from their style, DSL fragments in strings,
// permits/denies/authorizers/selectors used by several declarations. See schema.hpp.
#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "compiler/dsl/dsl_parser.hpp"
#include "compiler/yaml/schema.hpp"

namespace writ::yaml {

bool is_identifier(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

const Node* MapView::get(std::string_view key) const {
  if (!node_) return nullptr;
  for (std::size_t i = 0; i < node_->map_size(); ++i)
    if (node_->key(i).kind == Node::Kind::scalar && node_->key(i).text == key) return &node_->value(i);
  return nullptr;
}

const Node* MapView::get_key(std::string_view key) const {
  if (!node_) return nullptr;
  for (std::size_t i = 0; i < node_->map_size(); ++i)
    if (node_->key(i).kind == Node::Kind::scalar && node_->key(i).text == key) return &node_->key(i);
  return nullptr;
}

void Schema::add_decl(ast::File& out, ast::Decl decl, std::uint32_t first_line, const Node& body) {
  const std::uint32_t last = comments_.line_of(body.span.end > body.span.begin ? body.span.end - 1 : body.span.begin);
  decl_lines_.push_back(CommentMap::DeclLines{first_line, std::max(first_line, last)});
  out.decls.push_back(std::move(decl));
}

void Schema::error(const Span& span, std::string message) {
  diags_.report(code_, span, message);
  ++errors_;
}

namespace {
std::string_view kind_word(Node::Kind k) {
  switch (k) {
    case Node::Kind::null: return "nothing";
    case Node::Kind::scalar: return "a scalar";
    case Node::Kind::sequence: return "a sequence";
    case Node::Kind::mapping: return "a mapping";
  }
  return "a node";
}
std::string_view kind_noun(Node::Kind k) {
  switch (k) {
    case Node::Kind::null: return "null";
    case Node::Kind::scalar: return "a string";
    case Node::Kind::sequence: return "a sequence";
    case Node::Kind::mapping: return "a mapping";
  }
  return "a node";
}
}  // namespace

bool Schema::expect_kind(const Node& node, Node::Kind kind, std::string_view what, std::string_view where) {
  if (node.kind == kind) return true;
  error(node.span, fmt::format("expected {} for `{}`{}{}, found {}", kind_noun(kind), what, where.empty() ? "" : " in ",
                               where, kind_word(node.kind)));
  return false;
}

std::optional<MapView> Schema::map(const Node& node, std::string where, std::initializer_list<std::string_view> allowed) {
  if (node.kind != Node::Kind::mapping) {
    error(node.span, fmt::format("expected a mapping for {}, found {}", where, kind_word(node.kind)));
    return std::nullopt;
  }
  bool good = true;
  for (std::size_t i = 0; i < node.map_size(); ++i) {
    const Node& k = node.key(i);
    if (k.kind != Node::Kind::scalar) {
      error(k.span, fmt::format("keys in {} must be strings, found {}", where, kind_word(k.kind)));
      good = false;
      continue;
    }
    bool known = false;
    for (auto a : allowed) known = known || a == k.text;
    if (!known) {
      std::string expected;
      for (auto a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
      error(k.span, fmt::format("unknown key `{}` in {}; expected one of: {}", k.text, where, expected));
      good = false;
    }
  }
  if (!good) return std::nullopt;
  return MapView(&node, std::move(where));
}

std::optional<std::string> Schema::string(const Node& node, std::string_view what) {
  if (node.kind != Node::Kind::scalar) {
    error(node.span, fmt::format("expected a string for `{}`, found {}", what, kind_word(node.kind)));
    return std::nullopt;
  }
  return node.text;
}

std::optional<ast::StringLit> Schema::string_lit(const Node& node, std::string_view what) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  return ast::StringLit{*s, node.span};
}

std::optional<ast::Name> Schema::name(const Node& node, std::string_view what) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  if (!is_identifier(*s)) {
    error(node.span, fmt::format("`{}` is not a valid name for {}; names are letters, digits and `_`, not starting with a digit",
                                 *s, what));
    return std::nullopt;
  }
  return ast::Name{*s, node.span};
}

std::optional<bool> Schema::boolean(const Node& node, std::string_view what) {
  if (node.is_plain("true")) return true;
  if (node.is_plain("false")) return false;
  error(node.span, fmt::format("expected `true` or `false` (unquoted) for `{}`", what));
  return std::nullopt;
}

std::optional<ast::RawLit> Schema::raw(const Node& node, std::string_view what) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  return ast::RawLit{*s, node.span};
}

std::vector<ast::Name> Schema::names(const Node& node, std::string_view what) {
  std::vector<ast::Name> out;
  if (!expect_kind(node, Node::Kind::sequence, what, "")) return out;
  for (const Node& item : node.items)
    if (auto n = name(item, what)) out.push_back(std::move(*n));
  return out;
}

std::optional<ast::Expr> Schema::literal(const Node& node, std::string_view what) {
  if (node.kind != Node::Kind::scalar) {
    error(node.span, fmt::format("expected a literal (true, false, an integer or a string) for `{}`, found {}", what,
                                 kind_word(node.kind)));
    return std::nullopt;
  }
  ast::Expr e;
  e.span = node.span;
  if (node.style == Node::Style::plain) {
    if (node.text == "true" || node.text == "false") {
      e.kind = ast::Expr::Kind::boolean;
      e.bool_value = node.text == "true";
      return e;
    }
    const std::string& t = node.text;
    const bool digits = !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
      if (t.size() > 1 && t[0] == '0') {
        error(node.span, fmt::format("integer `{}` has a leading zero; quote it if it is a string", t));
        return std::nullopt;
      }
      std::int64_t v = 0;
      auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec != std::errc{} || p != t.data() + t.size()) {
        error(node.span, fmt::format("integer `{}` is out of range", t));
        return std::nullopt;
      }
      e.kind = ast::Expr::Kind::integer;
      e.int_value = v;
      return e;
    }
  }
  e.kind = ast::Expr::Kind::string;
  e.text = node.text;
  return e;
}

std::optional<std::size_t> Schema::keyword(const Node& node, std::string_view what,
                                           std::initializer_list<std::string_view> choices) {
  if (node.kind == Node::Kind::scalar) {
    std::size_t i = 0;
    for (auto c : choices) {
      if (node.text == c) return i;
      ++i;
    }
  }
  std::string list;
  for (auto c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
  error(node.span, fmt::format("expected one of {} for `{}`{}", list, what,
                               node.kind == Node::Kind::scalar ? fmt::format(", found `{}`", node.text) : std::string()));
  return std::nullopt;
}

std::optional<ast::KindRef> Schema::kind_ref(const Node& node, std::string_view what) {
  auto k = keyword(node, what, {"internal", "external", "vendor_support", "system"});
  if (!k) return std::nullopt;
  return ast::KindRef{static_cast<ast::PrincipalKind>(*k), node.span};
}

std::vector<ast::KindRef> Schema::kinds(const Node& node, std::string_view what) {
  std::vector<ast::KindRef> out;
  if (!expect_kind(node, Node::Kind::sequence, what, "")) return out;
  for (const Node& item : node.items)
    if (auto k = kind_ref(item, what)) out.push_back(*k);
  return out;
}

std::optional<ast::Presence> Schema::presence(const Node& node, std::string_view what) {
  auto k = keyword(node, what, {"required", "optional"});
  if (!k) return std::nullopt;
  return static_cast<ast::Presence>(*k);
}

std::optional<ast::OrgScope> Schema::org_scope(const Node& node, std::string_view what) {
  auto k = keyword(node, what, {"self", "descendants", "parent", "ancestors", "siblings"});
  if (!k) return std::nullopt;
  return static_cast<ast::OrgScope>(*k);
}

// ---------------------------------------------------------------- fragments

Span Schema::fragment_origin(const Node& node) const {
  Span s = node.span;
  const std::size_t n = node.text.size();
  const std::size_t written = s.end - s.begin;
  std::size_t skip = 0;
  if (node.style == Node::Style::plain && written == n) skip = 0;
  else if ((node.style == Node::Style::double_quoted || node.style == Node::Style::single_quoted) && written == n + 2)
    skip = 1;
  else
    return Span{s.file, s.begin, s.begin, s.line, s.col};  // escapes or several lines: point at the start
  return Span{s.file, s.begin + static_cast<std::uint32_t>(skip), s.begin + static_cast<std::uint32_t>(skip + n), s.line,
              s.col + static_cast<std::uint32_t>(skip)};
}

Span Schema::sub_span(const Node& node, std::size_t offset, std::size_t length) const {
  Span o = fragment_origin(node);
  if (o.end == o.begin) return node.span;  // inexact: the whole scalar
  return Span{o.file, o.begin + static_cast<std::uint32_t>(offset), o.begin + static_cast<std::uint32_t>(offset + length),
              o.line, o.col + static_cast<std::uint32_t>(offset)};
}

std::optional<ast::Expr> Schema::expression(const Node& node, std::string_view what) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  const auto before = diags_.items().size();
  auto e = dsl::parse_expression(*s, fragment_origin(node), diags_);
  if (!e && diags_.items().size() == before) error(node.span, fmt::format("`{}` is not a valid condition", *s));
  if (!e) ++errors_;
  return e;
}

std::optional<ast::PermissionPattern> Schema::pattern(const Node& node, std::string_view what) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  const auto before = diags_.items().size();
  auto p = dsl::parse_pattern(*s, fragment_origin(node), diags_);
  if (!p && diags_.items().size() == before) error(node.span, fmt::format("`{}` is not a valid permission pattern", *s));
  if (!p) ++errors_;
  return p;
}

std::optional<ast::Requirement> Schema::requirement(const Node& node, std::string_view what) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  const auto before = diags_.items().size();
  auto r = dsl::parse_requirement(*s, fragment_origin(node), diags_);
  if (!r && diags_.items().size() == before) error(node.span, fmt::format("`{}` is not a valid requirement", *s));
  if (!r) ++errors_;
  return r;
}

std::vector<ast::Requirement> Schema::requirements(const Node& node, std::string_view what) {
  std::vector<ast::Requirement> out;
  if (!expect_kind(node, Node::Kind::sequence, what, "")) return out;
  for (const Node& item : node.items)
    if (auto r = requirement(item, what)) out.push_back(std::move(*r));
  return out;
}

std::optional<ast::Permit> Schema::permit(const Node& node, std::string_view where) {
  ast::Permit p;
  p.span = node.span;
  if (node.kind == Node::Kind::scalar) {
    auto pat = pattern(node, "permit");
    if (!pat) return std::nullopt;
    p.pattern = std::move(*pat);
    return p;
  }
  auto m = map(node, fmt::format("a permit of {}", where), {"pattern", "requires", "when", "name"});
  if (!m) return std::nullopt;
  const Node* pat_node = m->get("pattern");
  if (!pat_node) {
    error(node.span, fmt::format("a permit of {} needs a `pattern`", where));
    return std::nullopt;
  }
  auto pat = pattern(*pat_node, "pattern");
  if (!pat) return std::nullopt;
  p.pattern = std::move(*pat);
  if (const Node* r = m->get("requires")) p.requirements = requirements(*r, "requires");
  if (const Node* w = m->get("when")) p.when = expression(*w, "when");
  if (const Node* n = m->get("name")) p.name = name(*n, "the rule's name");
  return p;
}

std::vector<ast::Permit> Schema::permits(const Node& node, std::string_view where) {
  std::vector<ast::Permit> out;
  if (!expect_kind(node, Node::Kind::sequence, "permit", where)) return out;
  for (const Node& item : node.items) {
    ast::Comments c = item_comments(item);
    if (auto p = permit(item, where)) {
      p->comments = std::move(c);
      out.push_back(std::move(*p));
    }
  }
  return out;
}

std::vector<ast::Deny> Schema::denies(const Node& node, std::string_view where) {
  std::vector<ast::Deny> out;
  if (!expect_kind(node, Node::Kind::sequence, "deny", where)) return out;
  for (const Node& item : node.items) {
    ast::Deny d;
    d.comments = item_comments(item);
    d.span = item.span;
    const Node* pat_node = &item;
    if (item.kind != Node::Kind::scalar) {
      auto m = map(item, fmt::format("a deny of {}", where), {"pattern", "when", "name"});
      if (!m) continue;
      pat_node = m->get("pattern");
      if (!pat_node) {
        error(item.span, fmt::format("a deny of {} needs a `pattern`", where));
        continue;
      }
      if (const Node* w = m->get("when")) d.when = expression(*w, "when");
      if (const Node* n = m->get("name")) d.name = name(*n, "the rule's name");
    }
    auto pat = pattern(*pat_node, "deny");
    if (!pat) continue;
    d.pattern = std::move(*pat);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<ast::Authorizer> Schema::authorizers(const Node& node, std::string_view what, bool granted) {
  std::vector<ast::Authorizer> out;
  if (!expect_kind(node, Node::Kind::sequence, what, "")) return out;
  const std::string_view flag = granted ? "anyone" : "automatic";
  for (const Node& item : node.items) {
    ast::Authorizer a;
    a.comments = item_comments(item);
    a.span = item.span;
    if (item.kind == Node::Kind::scalar) {
      if (item.is_plain(flag)) {
        (granted ? a.anyone : a.automatic) = true;
      } else if (auto n = name(item, what)) {
        a.roles.push_back(std::move(*n));
      } else {
        continue;
      }
    } else if (item.kind == Node::Kind::sequence) {
      a.roles = names(item, what);
    } else {
      auto m = map(item, fmt::format("an entry of `{}`", what), {"roles", "when", flag, "contained", "intended"});
      if (!m) continue;
      if (const Node* r = m->get("roles")) a.roles = names(*r, "roles");
      if (const Node* f = m->get(flag)) (granted ? a.anyone : a.automatic) = boolean(*f, flag).value_or(false);
      if (const Node* w = m->get("when")) a.when = expression(*w, "when");
      if (const Node* c = m->get("contained"))
        if (boolean(*c, "contained").value_or(false)) a.contained = m->get_key("contained")->span;
      if (const Node* i = m->get("intended")) a.intended = string_lit(*i, "intended");
    }
    out.push_back(std::move(a));
  }
  return out;
}

namespace {
/// Space-separated words of a scalar with their offsets.
std::vector<std::pair<std::size_t, std::string_view>> words(std::string_view s) {
  std::vector<std::pair<std::size_t, std::string_view>> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > b) out.emplace_back(b, s.substr(b, i - b));
  }
  return out;
}
}  // namespace

std::optional<ast::Selector> Schema::selector(const Node& node, std::string_view what) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  auto w = words(*s);
  ast::Selector sel;
  sel.span = node.span;
  auto bad = [&] {
    error(node.span, fmt::format("`{}` is not a selector for `{}`; write `anyone`, `kind K`, `role R`, `template T` or "
                                 "`level MODULE.LEVEL`", *s, what));
    return std::nullopt;
  };
  if (w.size() == 1 && w[0].second == "anyone") {
    sel.kind = ast::Selector::Kind::anyone;
    return sel;
  }
  if (w.size() != 2) return bad();
  const auto [off, word] = w[1];
  if (w[0].second == "kind") {
    static constexpr std::string_view kinds[] = {"internal", "external", "vendor_support", "system"};
    for (std::size_t i = 0; i < 4; ++i)
      if (word == kinds[i]) {
        sel.kind = ast::Selector::Kind::principal_kind;
        sel.principal_kind = static_cast<ast::PrincipalKind>(i);
        return sel;
      }
    return bad();
  }
  if (w[0].second == "level") {
    auto dot = word.find('.');
    if (dot == std::string_view::npos || !is_identifier(word.substr(0, dot)) || !is_identifier(word.substr(dot + 1)))
      return bad();
    sel.kind = ast::Selector::Kind::level;
    sel.module = ast::Name{std::string(word.substr(0, dot)), sub_span(node, off, dot)};
    sel.name = ast::Name{std::string(word.substr(dot + 1)), sub_span(node, off + dot + 1, word.size() - dot - 1)};
    return sel;
  }
  if (!is_identifier(word)) return bad();
  if (w[0].second == "role") sel.kind = ast::Selector::Kind::role;
  else if (w[0].second == "template") sel.kind = ast::Selector::Kind::template_;
  else return bad();
  sel.name = ast::Name{std::string(word), sub_span(node, off, word.size())};
  return sel;
}

namespace {
/// A check code as the DSL reads it (grammar `check_code`): identifiers joined by `.` or `-`.
bool is_check_code(std::string_view s) {
  std::size_t b = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != '.' && s[i] != '-') continue;
    if (!is_identifier(s.substr(b, i - b))) return false;
    b = i + 1;
  }
  return true;
}
}  // namespace

std::vector<ast::Suppression> Schema::suppressions(const Node& node, std::string_view where) {
  std::vector<ast::Suppression> out;
  if (!expect_kind(node, Node::Kind::mapping, "suppress", where)) return out;
  for (std::size_t i = 0; i < node.map_size(); ++i) {
    const Node& k = node.key(i);
    const Node& v = node.value(i);
    if (k.kind != Node::Kind::scalar || !is_check_code(k.text)) {
      error(k.span, fmt::format("`{}` is not a check code in `suppress` of {}", k.text, where));
      continue;
    }
    if (v.kind != Node::Kind::scalar) {
      error(v.kind == Node::Kind::null ? k.span : v.span,
            fmt::format("`suppress {}` of {} needs a reason: write `{}: REASON`", k.text, where, k.text));
      continue;
    }
    ast::Suppression x;
    x.comments = comments_at(k.span);
    x.code = ast::Name{k.text, k.span};
    x.reason = ast::StringLit{v.text, v.span};
    x.span = k.span;
    x.span.end = std::max(x.span.end, v.span.end);
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<ast::SeverityOverride> Schema::severities(const Node& node, std::string_view where) {
  std::vector<ast::SeverityOverride> out;
  if (!expect_kind(node, Node::Kind::mapping, "severity", where)) return out;
  for (std::size_t i = 0; i < node.map_size(); ++i) {
    const Node& k = node.key(i);
    if (k.kind != Node::Kind::scalar || !is_check_code(k.text)) {
      error(k.span, fmt::format("`{}` is not a check code in `severity` of {}", k.text, where));
      continue;
    }
    auto level = name(node.value(i), "severity");
    if (!level) continue;
    ast::SeverityOverride x;
    x.comments = comments_at(k.span);
    x.code = ast::Name{k.text, k.span};
    x.level = std::move(*level);
    x.span = k.span;
    x.span.end = std::max(x.span.end, node.value(i).span.end);
    out.push_back(std::move(x));
  }
  return out;
}

std::optional<ast::RoleBinding> Schema::role_binding(const Node& node, std::string_view what) {
  return name_at(node, what, "a role binding", "ROLE");
}

std::optional<ast::Trigger> Schema::trigger(const Node& node, std::string_view what) {
  auto b = name_at(node, what, "a trigger", "IMPLICIT");
  if (!b) return std::nullopt;
  return ast::Trigger{std::move(b->role), std::move(b->org), b->span};
}

std::optional<ast::RoleBinding> Schema::name_at(const Node& node, std::string_view what, std::string_view shape_name,
                                                std::string_view first) {
  auto s = string(node, what);
  if (!s) return std::nullopt;
  auto w = words(*s);
  const bool shape = (w.size() == 1 || (w.size() == 3 && w[1].second == "at")) && is_identifier(w[0].second) &&
                     (w.size() == 1 || is_identifier(w[2].second));
  if (!shape) {
    error(node.span, fmt::format("`{}` is not {} for `{}`; write `{}` or `{} at ORGANIZATION`", *s, shape_name, what,
                                 first, first));
    return std::nullopt;
  }
  ast::RoleBinding b;
  b.span = node.span;
  b.role = ast::Name{std::string(w[0].second), sub_span(node, w[0].first, w[0].second.size())};
  if (w.size() == 3) b.org = ast::Name{std::string(w[2].second), sub_span(node, w[2].first, w[2].second.size())};
  return b;
}

}  // namespace writ::yaml
