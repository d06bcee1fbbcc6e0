// The assignments reader (compiler/yaml/assignments_reader.hpp): what a well-formed file gives, in
// YAML and in JSON, and every error path with its code and position — wrong shapes (W060), a
// repeated id (W061), organizations outside the file's tree (W020) or in a loop (W040) — plus the
// hostile input every YAML file is guarded against (size, nesting, anchors and aliases, duplicate
// keys, tags, several documents), through the driver as `writ check --assignments` reads it.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "compiler/driver/compile.hpp"
#include "compiler/source/input_checks.hpp"
#include "compiler/yaml/assignments_reader.hpp"

using namespace writ;

namespace {

struct Loaded {
  SourceMap sources;
  Diagnostics diags;
  std::optional<ir::Assignments> data;

  /// The first diagnostic as `CODE line:col message`.
  [[nodiscard]] std::string first() const {
    if (diags.items().empty()) return "";
    const auto& d = diags.items().front();
    return std::string(d.code()) + " " + std::to_string(d.span.line) + ":" + std::to_string(d.span.col) + " " + d.message;
  }
};

Loaded load(std::string text, std::string path = "who.assignments.yaml") {
  Loaded l;
  const FileId id = l.sources.add(std::move(path), std::move(text));
  if (check_input(l.sources, id, l.diags)) l.data = yaml::read_assignments(l.sources, id, l.diags);
  // Fail closed: no data without an error, and no error with data.
  CHECK(l.data.has_value() == !l.diags.has_errors());
  return l;
}

}  // namespace

TEST_CASE("assignments: principals with kind, account type, home and bindings, defaults as in tests") {
  auto l = load("organizations:\n"
                "  partner: {}\n"
                "  client_a: {in: partner}\n"
                "principals:\n"
                "  - id: alice\n"
                "    org: partner\n"
                "    roles: [company_admin, read_only at client_a]\n"
                "  - id: 'support-team'\n"
                "    kind: vendor_support\n"
                "    named: false\n"
                "  - {id: bob}\n");
  INFO(l.first());
  REQUIRE(l.data);
  const auto& d = *l.data;
  REQUIRE(d.principals.size() == 3);
  const auto& alice = d.principals[0];
  CHECK(alice.principal.id == "alice");
  CHECK(alice.principal.kind == ir::PrincipalKind::internal);
  CHECK(alice.principal.named);
  CHECK(alice.principal.org == "partner");
  REQUIRE(alice.principal.roles.size() == 2);
  CHECK(alice.principal.roles[0] == ir::RoleBinding{"company_admin", ""});
  CHECK(alice.principal.roles[1] == ir::RoleBinding{"read_only", "client_a"});
  REQUIRE(alice.role_spans.size() == 2);
  CHECK(alice.role_spans[1].line == 7);
  CHECK(alice.role_spans[1].col == 28);
  CHECK(alice.span.line == 5);
  CHECK(ir::binding_org(alice.principal, alice.principal.roles[0]) == "partner");
  CHECK(ir::binding_org(alice.principal, alice.principal.roles[1]) == "client_a");
  const auto& team = d.principals[1].principal;
  CHECK(team.kind == ir::PrincipalKind::vendor_support);
  CHECK_FALSE(team.named);
  CHECK(team.roles.empty());
  CHECK(ir::binding_org(d.principals[2].principal, ir::RoleBinding{"x", ""}) == "root");
  REQUIRE(d.organizations);
  CHECK(d.organizations->at("client_a") == "partner");
  CHECK(d.organizations->at("root").empty());  // as in a policy, `root` is always there
}

TEST_CASE("assignments: JSON is read by the same reader, positions included") {
  auto l = load("{\n"
                "  \"principals\": [\n"
                "    {\"id\": \"eve@partner.example\", \"kind\": \"external\", \"named\": true, \"roles\": [\"partner at acme\"]}\n"
                "  ]\n"
                "}\n",
                "who.assignments.json");
  INFO(l.first());
  REQUIRE(l.data);
  const auto& eve = l.data->principals.at(0);
  CHECK(eve.principal.id == "eve@partner.example");
  CHECK(eve.principal.kind == ir::PrincipalKind::external);
  CHECK(eve.principal.roles.at(0) == ir::RoleBinding{"partner", "acme"});
  CHECK(eve.role_spans.at(0).line == 3);
  CHECK(eve.role_spans.at(0).col == 80);
  CHECK_FALSE(l.data->organizations);
  // JSON indented with tabs is refused as YAML is (docs/assignments.md): one reader, one rule.
  auto tabs = load("{\"principals\": [\n\t{\"id\": \"a\"}\n]}\n", "t.assignments.json");
  CHECK(tabs.first().rfind("W015 2:1", 0) == 0);
  CHECK(load("{\"principals\": [\n  {\"id\":\t\"a\"}\n]}\n", "t.assignments.json").data);  // a tab between tokens is fine
}

TEST_CASE("assignments: every shape error is W060 at the node, naming the place") {
  struct Bad {
    const char* text;
    const char* expected;  ///< the first diagnostic, `CODE line:col` and the start of the message
  };
  const Bad cases[] = {
      {"principals: []\npeople: []\n", "W060 2:1 unknown key `people` in the top level of an assignments file; expected one of: principals, organizations"},
      {"organizations: {}\n", "W060 1:1 the top level of an assignments file needs `principals`"},
      {"- id: a\n", "W060 1:1 expected a mapping for the top level of an assignments file, found a sequence"},
      {"principals: {alice: {}}\n", "W060 1:13 expected a sequence for `principals`, found a mapping"},
      {"principals: [alice]\n", "W060 1:14 expected a mapping for a principal, found a scalar"},
      {"principals:\n  - kind: internal\n", "W060 2:5 a principal needs an `id`"},
      {"principals:\n  - id: a\n    rolez: [x]\n", "W060 3:5 unknown key `rolez` in a principal; expected one of: id, kind, named, org, roles"},
      {"principals:\n  - id: ''\n", "W060 2:9 `id` must be a non-empty string without control characters"},
      {"principals:\n  - id: \"a\\tb\"\n", "W060 2:9 `id` must be a non-empty string without control characters"},
      {"principals:\n  - id: [a]\n", "W060 2:9 expected a string for `id`, found a sequence"},
      {"principals:\n  - id: a\n    kind: employee\n", "W060 3:11 expected one of internal, external, vendor_support, system for `kind`, found `employee`"},
      {"principals:\n  - id: a\n    named: 'true'\n", "W060 3:12 expected `true` or `false` (unquoted) for `named`"},
      {"principals:\n  - id: a\n    named: yes\n", "W060 3:12 expected `true` or `false` (unquoted) for `named`"},
      {"principals:\n  - id: a\n    org: 'acme corp'\n", "W060 3:10 `acme corp` is not a valid name for org"},
      {"principals:\n  - id: a\n    roles: admin\n", "W060 3:12 expected a sequence for `roles` in principal `a`, found a scalar"},
      {"principals:\n  - id: a\n    roles: [admin in acme]\n", "W060 3:13 `admin in acme` is not a role binding for `roles`"},
      {"principals:\n  - id: a\n    roles: [{role: admin}]\n", "W060 3:13 expected a string for `roles`, found a mapping"},
      {"organizations: [acme]\nprincipals: []\n", "W060 1:16 expected a mapping for `organizations`, found a sequence"},
      {"organizations:\n  acme: {parent: root}\nprincipals: []\n", "W060 2:10 unknown key `parent` in organization `acme`"},
  };
  for (const auto& b : cases) {
    INFO(b.text);
    auto l = load(b.text);
    CHECK_FALSE(l.data);
    CHECK(l.first().rfind(b.expected, 0) == 0);
    INFO(l.first());
  }
}

TEST_CASE("assignments: a repeated id is W061 at the second entry, naming the first line") {
  auto l = load("principals:\n  - id: alice\n  - id: bob\n  - id: alice\n    roles: [admin]\n");
  CHECK_FALSE(l.data);
  CHECK(l.first() == "W061 4:9 principal `alice` is listed more than once (first at line 2)");
  // Ids are compared exactly: case and spelling differ, the principals differ.
  CHECK(load("principals:\n  - id: alice\n  - id: Alice\n  - id: 'alice '\n").data);
}

TEST_CASE("assignments: with a tree, every organization named is in it (W020), the tree is a tree (W040)") {
  CHECK(load("organizations:\n  acme: {}\nprincipals:\n  - id: a\n    org: acne\n").first() ==
        "W020 5:10 undeclared organization `acne`");
  CHECK(load("organizations:\n  acme: {}\nprincipals:\n  - id: a\n    roles: [admin at acne]\n").first() ==
        "W020 5:22 undeclared organization `acne`");
  CHECK(load("organizations:\n  acme: {in: holding}\nprincipals: []\n").first() == "W020 2:14 undeclared organization `holding`");
  auto loop = load("organizations:\n  a: {in: b}\n  b: {in: c}\n  c: {in: a}\nprincipals: []\n");
  CHECK_FALSE(loop.data);
  CHECK(loop.first().rfind("W040", 0) == 0);
  CHECK_THAT(loop.first(), Catch::Contains("organizations form a loop: `a` in `b` in `c` in `a`"));
  CHECK_FALSE(load("organizations:\n  a: {in: a}\nprincipals: []\n").data);
  // Without a tree any organization name is taken as written; `root` needs no declaration.
  CHECK(load("principals:\n  - id: a\n    org: anywhere\n    roles: [x at elsewhere]\n").data);
  CHECK(load("organizations:\n  acme: {}\nprincipals:\n  - id: a\n    roles: [x at root]\n").data);
}

TEST_CASE("assignments: hostile input is refused with the YAML front end's codes, never a crash or a hang") {
  // Duplicate keys, in YAML and in JSON.
  CHECK(load("principals: []\nprincipals: []\n").first().rfind("W011 2:1", 0) == 0);
  CHECK(load("{\"principals\": [{\"id\": \"a\", \"id\": \"b\"}]}", "x.assignments.json").first().rfind("W011", 0) == 0);
  // Anchors and aliases stop at once, however many the file would expand to.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) bomb += std::string(1, c) + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + "]\n";
  CHECK(load(bomb + "principals: []\n").first().rfind("W013 1:4", 0) == 0);
  CHECK(load("principals:\n  - &p {id: a}\n  - *p\n").first().rfind("W013", 0) == 0);
  CHECK(load("principals:\n  - {<<: {id: a}}\n").first().rfind("W012", 0) == 0);
  CHECK(load("principals: !!seq []\n").first().rfind("W017", 0) == 0);
  CHECK(load("principals: []\n---\nprincipals: []\n").first().rfind("W014 2:1", 0) == 0);
  CHECK(load("principals:\n\t- id: a\n").first().rfind("W015 2:1", 0) == 0);
  CHECK(load("principals: [\n").first().rfind("W010", 0) == 0);
  CHECK(load("").first().rfind("W006", 0) == 0);
  CHECK(load("# nobody\n").first().rfind("W006", 0) == 0);
  CHECK(load(std::string("principals: [\0]\n", 16)).first().rfind("W004", 0) == 0);
  CHECK(load("principals: [\xff]\n").first().rfind("W003", 0) == 0);
  // Nesting deeper than the limit: W005 at the 65th opening, in both syntaxes.
  CHECK(load("principals: " + std::string(200, '[') + std::string(200, ']') + "\n").first().rfind("W005", 0) == 0);
  CHECK(load(std::string(100000, '{')).first().rfind("W005", 0) == 0);
}

TEST_CASE("assignments: a file at the size limit reads, a larger one is W002, a missing one W008") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("writ-assign-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // 4 MiB of principals, each with a binding: about 120,000 entries.
  std::string text = "principals:\n";
  for (std::size_t i = 0; text.size() < 4 * 1024 * 1024 - 64; ++i) text += "  - {id: p" + std::to_string(i) + ", roles: [r]}\n";
  {
    std::ofstream(dir / "big.assignments.yaml", std::ios::binary) << text;
    std::ofstream(dir / "huge.assignments.yaml", std::ios::binary) << text << std::string(128, '#');
  }
  SourceMap sources;
  Diagnostics diags;
  auto big = driver::load_assignments(sources, diags, dir / "big.assignments.yaml");
  for (const auto& d : diags.items()) INFO(d.message);
  REQUIRE(big);
  CHECK(big->principals.size() > 100000);
  Diagnostics diags2;
  CHECK_FALSE(driver::load_assignments(sources, diags2, dir / "huge.assignments.yaml"));
  CHECK(std::string(diags2.items().at(0).code()) == "W002");
  Diagnostics diags3;
  CHECK_FALSE(driver::load_assignments(sources, diags3, dir / "missing.assignments.yaml"));
  CHECK(std::string(diags3.items().at(0).code()) == "W008");
  fs::remove_all(dir);
}

TEST_CASE("assignments files beside a policy are not policy roots") {
  CHECK(driver::is_assignments_file("p/company.assignments.yaml"));
  CHECK(driver::is_assignments_file("company.assignments.yml"));
  CHECK(driver::is_assignments_file("x/company.assignments.json"));
  CHECK_FALSE(driver::is_assignments_file("p/assignments.yaml"));
  CHECK_FALSE(driver::is_assignments_file(".assignments.yaml"));
  CHECK_FALSE(driver::is_assignments_file("p/policy.yaml"));
  const auto roots = driver::find_roots(std::string(WRIT_TEST_DIR) + "/fixtures/assignments");
  REQUIRE(roots.size() == 1);
  CHECK(roots[0].filename() == "policy.writ");
}

TEST_CASE("docs/assignments.md: its YAML and JSON examples read, and say the same") {
  std::ifstream in(std::string(WRIT_SOURCE_DIR) + "/docs/assignments.md");
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto block = [&](const std::string& lang) {
    const auto open = doc.find("```" + lang + "\n");
    REQUIRE(open != std::string::npos);
    const auto body = open + lang.size() + 4;
    return doc.substr(body, doc.find("```", body) - body);
  };
  auto y = load(block("yaml"));
  auto j = load(block("json"), "doc.assignments.json");
  INFO(y.first() << j.first());
  REQUIRE(y.data);
  REQUIRE(j.data);
  REQUIRE(y.data->principals.size() == 3);
  REQUIRE(j.data->principals.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(y.data->principals[i].principal == j.data->principals[i].principal);
  CHECK(y.data->organizations == j.data->organizations);
  CHECK(y.data->principals[2].principal.kind == ir::PrincipalKind::system);
}
