// The schema layer: writ's positioned YAML tree (yaml_tree.hpp) -> ast::File, one function per
// construct of docs/yaml.md, split by language section into schema_*.cpp. Every mismatch is a
// W016 with the offending node's span and a message naming the place ("unknown key `permitt` in
// role `x`; expected one of: ..."). Scalars are decided here from their style, never by yaml-cpp.
// Strings holding conditions, patterns and requirements go through the DSL fragment parsers.
// Each node that keeps comments takes them from the file's CommentMap as it is built.
// Covered by tests/unit/yaml/yaml_reader_test.cpp and yaml_comments_test.cpp.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.hpp"
#include "compiler/diagnostics/diagnostic.hpp"
#include "compiler/yaml/comment_scan.hpp"
#include "compiler/yaml/yaml_tree.hpp"

namespace writ::yaml {

/// A mapping checked against its allowed keys; lookups by key.
class MapView {
 public:
  MapView() = default;
  MapView(const Node* node, std::string where) : node_(node), where_(std::move(where)) {}
  [[nodiscard]] const Node* get(std::string_view key) const;
  [[nodiscard]] const Node* get_key(std::string_view key) const;  ///< the key node itself
  [[nodiscard]] bool has(std::string_view key) const { return get(key) != nullptr; }
  [[nodiscard]] const std::string& where() const { return where_; }
  [[nodiscard]] const Node* node() const { return node_; }

 private:
  const Node* node_ = nullptr;
  std::string where_;
};

/// The state of reading one file: diagnostics, the file's comments and shared helpers.
class Schema {
 public:
  /// `code`: what a mismatch is (W016 in a policy; the assignments reader passes W060).
  Schema(FileId file, Diagnostics& diags, CommentMap& comments, DiagCode code = DiagCode::yaml_schema)
      : file_(file), diags_(diags), comments_(comments), code_(code) {}

  [[nodiscard]] bool ok() const { return errors_ == 0; }
  void error(const Span& span, std::string message);

  // ---- comments: a node takes its own before its children do, so an outer node sharing a line
  // with an inner one (`r: {permit: [..]}`) gets that line's comments.
  /// The comments of the node whose key is `key` (comment_scan.hpp, CommentMap::take).
  ast::Comments comments_at(const Span& key) { return comments_.take(key.line); }
  /// The comments of a sequence item: above and after its `-`.
  ast::Comments item_comments(const Node& item) { return comments_.take(comments_.item_line(item.span.begin)); }
  /// Appends a declaration and remembers its lines (key line to the end of `body`), which
  /// place_leftovers needs to give it the comments no node took.
  void add_decl(ast::File& out, ast::Decl decl, std::uint32_t first_line, const Node& body);
  [[nodiscard]] const std::vector<CommentMap::DeclLines>& decl_lines() const { return decl_lines_; }

  // ---- node shapes
  /// A mapping whose keys are all plain identifiers-or-strings from `allowed`; nullopt if not.
  std::optional<MapView> map(const Node& node, std::string where, std::initializer_list<std::string_view> allowed);
  bool expect_kind(const Node& node, Node::Kind kind, std::string_view what, std::string_view where);
  /// Each key/value of a mapping whose keys are names (modules:, roles: ...), in order.
  template <class F>
  void each_named(const Node& node, std::string_view what, std::string_view where, F&& f) {
    if (!expect_kind(node, Node::Kind::mapping, what, where)) return;
    for (std::size_t i = 0; i < node.map_size(); ++i) {
      auto n = name(node.key(i), where);
      if (n) f(*n, node.value(i));
    }
  }

  // ---- scalars
  std::optional<std::string> string(const Node& node, std::string_view what);
  std::optional<ast::StringLit> string_lit(const Node& node, std::string_view what);
  std::optional<ast::Name> name(const Node& node, std::string_view what);
  std::optional<bool> boolean(const Node& node, std::string_view what);
  std::optional<ast::RawLit> raw(const Node& node, std::string_view what);
  std::vector<ast::Name> names(const Node& node, std::string_view what);
  /// A literal: a plain scalar is `true`/`false`, an integer, else a string; quoted is a string.
  std::optional<ast::Expr> literal(const Node& node, std::string_view what);
  std::optional<ast::KindRef> kind_ref(const Node& node, std::string_view what);
  std::vector<ast::KindRef> kinds(const Node& node, std::string_view what);
  std::optional<ast::Presence> presence(const Node& node, std::string_view what);
  std::optional<ast::OrgScope> org_scope(const Node& node, std::string_view what);
  /// One of `choices` written as a plain scalar; its index.
  std::optional<std::size_t> keyword(const Node& node, std::string_view what, std::initializer_list<std::string_view> choices);

  // ---- DSL fragments inside strings
  std::optional<ast::Expr> expression(const Node& node, std::string_view what);
  std::optional<ast::PermissionPattern> pattern(const Node& node, std::string_view what);
  std::optional<ast::Requirement> requirement(const Node& node, std::string_view what);
  std::vector<ast::Requirement> requirements(const Node& node, std::string_view what);
  std::optional<ast::Permit> permit(const Node& node, std::string_view where);
  std::vector<ast::Permit> permits(const Node& node, std::string_view where);
  std::vector<ast::Deny> denies(const Node& node, std::string_view where);
  std::vector<ast::Authorizer> authorizers(const Node& node, std::string_view what, bool granted);
  /// `kind K`, `role R`, `template T`, `level M.L`, `anyone`.
  std::optional<ast::Selector> selector(const Node& node, std::string_view what);
  /// `suppress: {CODE: REASON, ...}`: a reason is required.
  std::vector<ast::Suppression> suppressions(const Node& node, std::string_view where);
  /// `severity: {CODE: LEVEL, ...}` (the level is checked by lowering).
  std::vector<ast::SeverityOverride> severities(const Node& node, std::string_view where);
  /// `ROLE` or `ROLE at ORG`.
  std::optional<ast::RoleBinding> role_binding(const Node& node, std::string_view what);
  /// `IMPLICIT` or `IMPLICIT at ORG`.
  std::optional<ast::Trigger> trigger(const Node& node, std::string_view what);

  /// A sub-span of a single-line scalar `node`: `offset` bytes into its value.
  [[nodiscard]] Span sub_span(const Node& node, std::size_t offset, std::size_t length) const;

  // ---- declarations (schema_*.cpp)
  void policy(const Node& key, const Node& node, ast::File& out);
  void imports(const Node& node, ast::File& out);
  void attributes(const Node& node, ast::File& out);
  void organizations(const Node& node, ast::File& out);
  void modules(const Node& node, ast::File& out);
  void roles(const Node& node, ast::File& out);
  void forbids(const Node& node, ast::File& out);
  void templates(const Node& node, ast::File& out);
  void implicit_grants(const Node& node, ast::File& out);
  void assertions(const Node& node, ast::File& out);
  void tests(const Node& node, ast::File& out);
  void matrices(const Node& node, ast::File& out);

  // ---- shared by tests and matrices
  void setup_item(std::string_view key, const Node& value, ast::RequestSetup& setup, std::string_view where);
  std::optional<ast::GrantInstance> grant_instance(const Node& node, std::string_view where);

  [[nodiscard]] FileId file() const { return file_; }
  [[nodiscard]] Diagnostics& diags() { return diags_; }

 private:
  /// `NAME` or `NAME at ORG` (role bindings, triggers); `shape` names the form in the message.
  std::optional<ast::RoleBinding> name_at(const Node& node, std::string_view what, std::string_view shape,
                                          std::string_view first);
  /// Where a fragment's text starts in the file, so fragment spans map to the source.
  [[nodiscard]] Span fragment_origin(const Node& node) const;

  FileId file_;
  Diagnostics& diags_;
  CommentMap& comments_;
  std::vector<CommentMap::DeclLines> decl_lines_;
  DiagCode code_;
  int errors_ = 0;
};

/// Identifier check shared with the printer's tests: `[A-Za-z_][A-Za-z0-9_]*`.
bool is_identifier(std::string_view s);

}  // namespace writ::yaml
