// YAML comments (compiler/yaml/comment_scan.hpp, docs/yaml.md "Comments"): the reader puts each
// comment on the AST node below it, keeps what no node takes, and read -> print is a fixpoint for
// every file the printer wrote, comments included; DSL -> YAML -> DSL keeps the DSL's comments.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/driver/compile.hpp"
#include "compiler/dsl/dsl_parser.hpp"
#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/yaml/comment_scan.hpp"
#include "compiler/yaml/out_tree.hpp"
#include "compiler/yaml/yaml_printer.hpp"
#include "tests/unit/yaml/yaml_test_util.hpp"

using namespace writ;
using yaml::test::decl;
using yaml::test::read;
using C = ast::Comments;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Every comment the AST holds, in no particular order (to check none is lost).
std::size_t count_comments(const ast::File& f) {
  std::size_t n = f.trailing_comments.size();
  auto add = [&](const auto& x) { n += x.comments.size(); };
  auto all = [&](const auto& xs) {
    for (const auto& x : xs) add(x);
  };
  for (const auto& d : f.decls)
    std::visit(
        [&](const auto& x) {
          add(x);
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, ast::ModuleDecl>) {
            all(x.actions);
            auto res = [&](auto& self, const std::vector<ast::ResourceDecl>& rs) -> void {
              for (const auto& r : rs) {
                add(r);
                self(self, r.children);
              }
            };
            res(res, x.resources);
            for (const auto& l : x.levels) {
              add(l);
              all(l.permits);
            }
          } else if constexpr (std::is_same_v<T, ast::RoleDecl>) {
            all(x.assigned_by);
            for (const auto& s : x.scopes) {
              add(s);
              all(s.permits);
              all(s.denies);
              all(s.levels);
            }
          } else if constexpr (std::is_same_v<T, ast::ForbidDecl>) {
            all(x.denies);
          } else if constexpr (std::is_same_v<T, ast::GrantTemplateDecl>) {
            all(x.granted_by);
            all(x.fields);
            all(x.denies);
          } else if constexpr (std::is_same_v<T, ast::MatrixDecl>) {
            all(x.rows);
          }
        },
        d);
  return n;
}

std::size_t comment_lines(std::string_view text) {
  std::size_t n = 0;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    auto ws = line.find_first_not_of(' ');
    n += ws != std::string::npos && line[ws] == '#';
  }
  return n;
}

/// Declarations grouped by kind, groups in order of their first declaration (the YAML layout).
void group_by_kind(ast::File& f) {
  std::vector<std::size_t> rank(std::variant_size_v<ast::Decl>, SIZE_MAX);
  std::size_t next = 0;
  for (const auto& d : f.decls)
    if (rank[d.index()] == SIZE_MAX) rank[d.index()] = next++;
  std::stable_sort(f.decls.begin(), f.decls.end(),
                   [&](const ast::Decl& a, const ast::Decl& b) { return rank[a.index()] < rank[b.index()]; });
}

std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir, std::string_view ext) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<ast::File> parse_dsl(const std::filesystem::path& p, SourceMap& sources) {
  Diagnostics diags;
  FileId id = sources.add(p.string(), slurp(p));
  return dsl::parse_file(sources, id, diags);
}

}  // namespace

TEST_CASE("comments land on the node below them", "[yaml][comments]") {
  auto r = read(R"(# Header of the policy.
#
policy:
  name: p

# About the attributes group: goes to the first attribute.
attributes:
  # The tier.
  tier: [free, paid]
  seats: int  # after code: this node's

modules:
  # A module.
  m:
    actions:
      # Looks.
      view: read
      edit: {class: write, title: Edit}  # a title
    resources:
      # Reports.
      reports:
        actions: [view]
        resources:
          # Detail.
          detail: [view, edit]
    levels:
      # First level.
      l1:
        permit:
          # Every read.
          - 'm/**:@read'
          - pattern: 'm/reports:edit'  # when editing
            when: context.open
roles:
  # The admin.
  admin:
    assigned_by:
      # Admins appoint admins.
      - [admin]
    levels:
      # Level of m.
      m: l1
    deny:
      # Never edit detail.
      - 'm/reports/detail:edit'
    at:
      # Below.
      descendants:
        permit:
          - 'm/reports:view'
  repeated:
    levels:
      # First m.
      - m: l1
      -
        # Second m, between the dash and the key.
        m: l1
templates:
  t:
    fields:
      # Why.
      reason: required
    granted_by:
      - anyone  # anyone at all
tests:
  # A test.
  t1:
    request: 'm/reports:view'
    expect: allow
matrices:
  mx:
    columns: [admin]
    rows:
      # A row.
      'm/reports:view': [allow]
imports:
  # The shared part.
  - common.writ
# The end.
#   indented
)");
  INFO(r.dump());
  REQUIRE(r.file);
  const auto& f = *r.file;
  CHECK(decl<ast::PolicyDecl>(f, 0).comments == C{"Header of the policy.", ""});
  CHECK(decl<ast::AttributeDecl>(f, 1).comments == C{"About the attributes group: goes to the first attribute.", "The tier."});
  CHECK(decl<ast::AttributeDecl>(f, 2).comments == C{"after code: this node's"});
  const auto& m = decl<ast::ModuleDecl>(f, 3);
  CHECK(m.comments == C{"A module."});
  CHECK(m.actions[0].comments == C{"Looks."});
  CHECK(m.actions[1].comments == C{"a title"});
  CHECK(m.resources[0].comments == C{"Reports."});
  CHECK(m.resources[0].children[0].comments == C{"Detail."});
  CHECK(m.levels[0].comments == C{"First level."});
  CHECK(m.levels[0].permits[0].comments == C{"Every read."});
  CHECK(m.levels[0].permits[1].comments == C{"when editing"});
  const auto& admin = decl<ast::RoleDecl>(f, 4);
  CHECK(admin.comments == C{"The admin."});
  CHECK(admin.assigned_by[0].comments == C{"Admins appoint admins."});
  CHECK(admin.scopes[0].levels[0].comments == C{"Level of m."});
  CHECK(admin.scopes[0].denies[0].comments == C{"Never edit detail."});
  CHECK(admin.scopes[1].comments == C{"Below."});
  const auto& rep = decl<ast::RoleDecl>(f, 5);
  CHECK(rep.scopes[0].levels[0].comments == C{"First m."});
  CHECK(rep.scopes[0].levels[1].comments == C{"Second m, between the dash and the key."});
  const auto& t = decl<ast::GrantTemplateDecl>(f, 6);
  CHECK(t.fields[0].comments == C{"Why."});
  CHECK(t.granted_by[0].comments == C{"anyone at all"});
  CHECK(decl<ast::TestDecl>(f, 7).comments == C{"A test."});
  CHECK(decl<ast::MatrixDecl>(f, 8).rows[0].comments == C{"A row."});
  CHECK(decl<ast::ImportDecl>(f, 9).comments == C{"The shared part."});
  CHECK(f.trailing_comments == C{"The end.", "  indented"});
}

TEST_CASE("comments no node takes stay with the enclosing or next declaration", "[yaml][comments]") {
  auto r = read(R"(modules:
  m:
    title: M  # about the title
    # above a key that keeps no comments
    actions:
      view: read
    # at the end of m: a comment belongs to what follows it

# before the roles group
roles:
  r:
    title: R
    # between keys of r
    holders: [internal]
)");
  INFO(r.dump());
  REQUIRE(r.file);
  CHECK(decl<ast::ModuleDecl>(*r.file, 0).comments == C{"about the title", "above a key that keeps no comments"});
  CHECK(decl<ast::RoleDecl>(*r.file, 1).comments ==
        C{"at the end of m: a comment belongs to what follows it", "before the roles group", "between keys of r"});
  CHECK(r.file->trailing_comments.empty());
  // Printed, they all sit above their declaration, and that reads back the same.
  const std::string once = yaml::print_file(*r.file);
  auto again = read(once);
  REQUIRE(again.file);
  CHECK(yaml::print_file(*again.file) == once);
  CHECK(count_comments(*again.file) == 5);
}

TEST_CASE("a # inside a scalar is not a comment", "[yaml][comments]") {
  auto r = read(R"(policy:
  name: p
  title: 'a # b'
  description: |
    # text, not a comment
    more text # still text
roles:
  r:
    title: "x # y"  # but this is
    description: it's a plain # comment after all
)");
  INFO(r.dump());
  REQUIRE(r.file);
  CHECK(decl<ast::PolicyDecl>(*r.file, 0).comments.empty());
  CHECK(decl<ast::PolicyDecl>(*r.file, 0).description->value == "# text, not a comment\nmore text # still text\n");
  CHECK(decl<ast::RoleDecl>(*r.file, 1).comments == C{"but this is", "comment after all"});
}

TEST_CASE("comment text keeps everything after `# `", "[yaml][comments]") {
  auto r = read("#   indented\n#\n#no space\n#  two\npolicy: {name: p}\n");
  REQUIRE(r.file);
  CHECK(decl<ast::PolicyDecl>(*r.file, 0).comments == C{"  indented", "", "no space", " two"});
  // `#no space` is printed `# no space`, as `writ fmt` prints it in the DSL; the rest is unchanged.
  CHECK(yaml::print_file(*r.file) == "#   indented\n#\n# no space\n#  two\npolicy:\n  name: p\n");
}

TEST_CASE("the printer keeps comments of the first entry of a mapping in a sequence", "[yaml][comments]") {
  yaml::Out root = yaml::Out::map();
  yaml::Out seq = yaml::Out::seq();
  yaml::Out item = yaml::Out::map();
  item.comments = {"item"};
  yaml::Out first = yaml::Out::scalar("v");
  first.comments = {"first entry"};
  item.set("k", std::move(first));
  item.set("j", yaml::Out::scalar("w"));
  seq.add(std::move(item));
  root.set("s", std::move(seq));
  CHECK(yaml::render(root) == "s:\n  # item\n  -\n    # first entry\n    k: v\n    j: w\n");
}

TEST_CASE("the seed policy keeps all its comments", "[yaml][comments]") {
  const auto dir = std::filesystem::path(WRIT_SOURCE_DIR) / "policies/partner_managed_accounts";
  std::size_t total = 0;
  for (const char* name : {"policy.yaml", "tests.yaml"}) {
    const std::string text = slurp(dir / name);
    auto r = read(text, name);
    INFO(name << "\n" << r.dump());
    REQUIRE(r.file);
    CHECK(count_comments(*r.file) == comment_lines(text));
    total += count_comments(*r.file);
    CHECK(yaml::print_file(*r.file) == text);
  }
  CHECK(total >= 150);
}

TEST_CASE("read -> print is a fixpoint for every YAML policy and every DSL file printed as YAML", "[yaml][comments]") {
  const auto root = std::filesystem::path(WRIT_SOURCE_DIR);
  for (const auto& path : files_under(root / "policies", ".yaml")) {
    if (driver::is_assignments_file(path)) continue;  // data beside a policy, not a policy
    DYNAMIC_SECTION(path.string()) {
      const std::string text = slurp(path);
      auto r = read(text, path.string());
      INFO(r.dump());
      REQUIRE(r.file);
      const std::string once = yaml::print_file(*r.file);
      auto again = read(once);
      REQUIRE(again.file);
      CHECK(yaml::print_file(*again.file) == once);
    }
  }
  auto dsl_files = files_under(root / "policies", ".writ");
  for (const auto& p : files_under(std::filesystem::path(WRIT_TEST_DIR) / "fixtures/roundtrip", ".writ")) dsl_files.push_back(p);
  REQUIRE(dsl_files.size() >= 5);
  for (const auto& path : dsl_files) {
    DYNAMIC_SECTION(path.string()) {
      SourceMap sources;
      auto dsl_ast = parse_dsl(path, sources);
      REQUIRE(dsl_ast);
      const std::string yaml_text = yaml::print_file(*dsl_ast);
      INFO(yaml_text);
      auto back = read(yaml_text, path.stem().string() + ".yaml");
      INFO(back.dump());
      REQUIRE(back.file);
      // The YAML print is a fixpoint, comments included, and holds all of the DSL's comments.
      CHECK(yaml::print_file(*back.file) == yaml_text);
      CHECK(count_comments(*back.file) == count_comments(*dsl_ast));
      // DSL -> YAML -> DSL: the same DSL text, comments in the same places.
      ast::File expected = *dsl_ast;
      group_by_kind(expected);
      CHECK(dsl::print_file(*back.file) == dsl::print_file(expected));
    }
  }
}

TEST_CASE("comment scanning stays linear on pathological input", "[yaml][comments][hostile]") {
  using clock = std::chrono::steady_clock;
  const std::string hashes = [] {
    std::string s;
    while (s.size() + 64 < (4u << 20)) s += "#\n";  // just under the W002 limit
    return s;
  }();
  auto start = clock::now();
  auto only = read(hashes);
  CHECK_FALSE(only.file);  // comments only: empty file
  auto r = read(hashes + "policy: {name: p}\n");
  REQUIRE(r.file);
  CHECK(decl<ast::PolicyDecl>(*r.file, 0).comments.size() == hashes.size() / 2);
  // Many items on one line below a long run: the run is handed out once.
  std::string wide = std::string(hashes, 0, 1u << 20) + "roles:\n  r: {permit: [";
  for (int i = 0; i < 20000; ++i) wide += "'m/r:a', ";
  wide += "'m/r:a']}\n";
  auto w = read(wide);
  REQUIRE(w.file);
  CHECK(decl<ast::RoleDecl>(*w.file, 0).comments.size() == (1u << 20) / 2);
  CHECK(std::chrono::duration_cast<std::chrono::seconds>(clock::now() - start).count() < 60);
}

TEST_CASE("the scanner handles odd text without reading past it", "[yaml][comments][hostile]") {
  for (std::string_view text : {"", "#", "-", "- ", "'unterminated\n# x", "\"esc\\", "key: |\n", "[[[[{{", "a: b #",
                                "-\n-\n#\n", "\r\n#\r\n", "? x\n: y # z\n"}) {
    yaml::CommentMap map(text);
    for (std::size_t off = 0; off <= text.size() + 1; ++off) (void)map.item_line(off);
    for (std::uint32_t line = 0; line < 8; ++line) (void)map.take(line);
    ast::File f;
    map.place_leftovers(f, {});
    CHECK(f.trailing_comments.size() <= map.size());
  }
}
