// The canonical printer: exact layout on a sample, print(parse(x)) is a fixpoint on every `.writ`
// file in the tree and every docs example, comments survive, fragments print canonically.
#include <catch2/catch.hpp>

#include <type_traits>

#include "dsl_test_support.hpp"

using namespace writ;

namespace {

std::string canonical(const std::string& text) {
  auto p = test::parse_text(text);
  for (const auto& d : p.diags.items()) UNSCOPED_INFO(d.code() << " " << d.span.line << ":" << d.span.col << " " << d.message);
  REQUIRE(p.ok());
  return dsl::print_file(*p.file);
}

void check_fixpoint(const std::string& text) {
  std::string once = canonical(text);
  INFO(once);
  std::string twice = canonical(once);
  CHECK(twice == once);
}

}  // namespace

TEST_CASE("canonical layout", "[dsl][printer]") {
  std::string in = R"(# header
policy p{combining   permissive;}
module billing "Billing" {
  level l1 { permit billing/**:@read; }   # eol
  action view, edit "Edit": write;
  resource services actions view,edit;
  resource accounts { resource managed actions view; actions edit; }
}
role admin { permit billing/services:{view,edit} requires portal>=user when context.a=="x" and not (context.b or context.c);
  at descendants { level billing = l1; }
  holders vendor_support;
  description "Admins\tand \"friends\"";
}
)";
  std::string expected = R"(# header
policy p {
  combining permissive;
}

module billing "Billing" {
  action view: write;
  action edit "Edit": write;
  resource services actions view, edit;
  resource accounts {
    actions edit;
    resource managed actions view;
  }

  # eol
  level l1 {
    permit billing/**:@read;
  }
}

role admin {
  description "Admins\tand \"friends\"";
  holders vendor_support;
  permit billing/services:{view, edit} requires portal >= user when context.a == "x" and not (context.b or context.c);
  at descendants {
    level billing = l1;
  }
}
)";
  CHECK(canonical(in) == expected);
  check_fixpoint(in);
}

TEST_CASE("print(parse(x)) is a fixpoint on every .writ file in the tree", "[dsl][printer][roundtrip]") {
  auto files = test::writ_files();
  REQUIRE(files.size() >= 5);
  for (const auto& path : files) {
    std::string text = test::read_text(path);
    auto p = test::parse_text(text);
    if (!p.ok()) continue;  // deliberately broken fixtures
    INFO(path.string());
    check_fixpoint(text);
  }
}

TEST_CASE("printing keeps the AST: parse(print(parse(x))) equals parse(x) in content", "[dsl][printer][roundtrip]") {
  std::string text = test::read_text(std::filesystem::path(WRIT_SOURCE_DIR) / "tests/fuzz/corpus/dsl_fuzz/all_constructs.writ");
  auto a = test::parse_text(text);
  REQUIRE(a.ok());
  auto b = test::parse_text(dsl::print_file(*a.file));
  REQUIRE(b.ok());
  REQUIRE(a.file->decls.size() == b.file->decls.size());
  // Spot checks on content that the printer must carry over exactly, found by name (not by
  // position in the corpus file, which changes whenever the corpus grows).
  auto find = [](const auto& file, auto tag, std::string_view name) {
    using Decl = typename decltype(tag)::type;
    const Decl* out = nullptr;
    for (const auto& d : file->decls)
      if (const auto* x = std::get_if<Decl>(&d); x && x->name.text == name) out = x;
    return out;
  };
  const auto* ta = find(a.file, std::type_identity<ast::TestDecl>{}, "ca_creates_managed");
  const auto* tb = find(b.file, std::type_identity<ast::TestDecl>{}, "ca_creates_managed");
  REQUIRE(ta);
  REQUIRE(tb);
  REQUIRE(ta->setup.principal_id);
  REQUIRE(tb->setup.principal_id);
  CHECK(ta->setup.principal_id->value == tb->setup.principal_id->value);
  CHECK(tb->setup.principal_id->value == "alice \"the admin\"");
  const auto* fa = find(a.file, std::type_identity<ast::ForbidDecl>{}, "support_never_edits");
  const auto* fb = find(b.file, std::type_identity<ast::ForbidDecl>{}, "support_never_edits");
  REQUIRE(fa);
  REQUIRE(fb);
  CHECK(dsl::print_expression(fa->when.value()) ==
        "context.environment != \"sandbox\" or context.seats == 3 and not context.ticket_open");
  CHECK(dsl::print_expression(fb->when.value()) == dsl::print_expression(fa->when.value()));
  // Every comment survives.
  auto count = [](const std::string& s) { return std::count(s.begin(), s.end(), '#'); };
  CHECK(count(dsl::print_file(*a.file)) == count(text));
}

TEST_CASE("comments stay with their declarations and members", "[dsl][printer][comments]") {
  std::string out = canonical("role r {\n  # why\n  permit a/b:c;  # also\n  at descendants {\n    # below\n    deny a/b:d;\n  }\n}\n# end\n");
  CHECK(out ==
        "role r {\n  # why\n  # also\n  permit a/b:c;\n  at descendants {\n    # below\n    deny a/b:d;\n  }\n}\n\n# end\n");
}

TEST_CASE("a commented member starts a group: one blank line before it, not at a block's start", "[dsl][printer][layout]") {
  // The blank lines of the input are not in the AST; the output's come from the comments alone.
  std::string in = R"(# the module
module m {
  description "M";


  # reads
  action view: read;
  action list: read;
  # writes
  action edit: write;
  resource a {
    # first child: no blank line after `{`
    resource b actions view;
    # second child
    resource c actions view;
  }
  level l1 { permit m/a:view; # why view
    permit m/a:list;
    # why edit
    permit m/a:edit;
  }
}
role r {
  holders internal;
  # who assigns
  assigned_by r;
  permit m/a:view;

  deny m/a:edit;
  # at the children
  at descendants {
    # the children read
    permit m/a:view;
    permit m/a:list;
    # and nothing else
    deny m/**:@write;
  }
}
)";
  std::string expected = R"(# the module
module m {
  description "M";

  # reads
  action view: read;
  action list: read;

  # writes
  action edit: write;
  resource a {
    # first child: no blank line after `{`
    resource b actions view;

    # second child
    resource c actions view;
  }
  level l1 {
    # why view
    permit m/a:view;
    permit m/a:list;

    # why edit
    permit m/a:edit;
  }
}

role r {
  holders internal;

  # who assigns
  assigned_by r;
  permit m/a:view;
  deny m/a:edit;

  # at the children
  at descendants {
    # the children read
    permit m/a:view;
    permit m/a:list;

    # and nothing else
    deny m/**:@write;
  }
}
)";
  CHECK(canonical(in) == expected);
  CHECK(canonical(expected) == expected);
}

TEST_CASE("blank lines before commented members of templates, tests and matrices", "[dsl][printer][layout]") {
  std::string in = R"(template t {
  grantee internal;
  # who grants
  granted_by r;
  # the ticket
  field ticket required;
  field note optional;
  # and the reason
  field reason optional;
}
test x {
  role r;
  grant t { roles r; }
  request m/a:view;
  expect allow;
}
matrix mx {
  roles r, s;
  # reads
  row m/a:view = allow, deny;
  row m/a:list = allow, allow;
  # writes
  row m/a:edit = deny, deny;
}
)";
  std::string expected = R"(template t {
  grantee internal;

  # who grants
  granted_by r;

  # the ticket
  field ticket required;
  field note optional;

  # and the reason
  field reason optional;
}

test x {
  role r;
  grant t {
    roles r;
  }
  request m/a:view;
  expect allow;
}

matrix mx {
  roles r, s;

  # reads
  row m/a:view = allow, deny;
  row m/a:list = allow, allow;

  # writes
  row m/a:edit = deny, deny;
}
)";
  CHECK(canonical(in) == expected);
  CHECK(canonical(expected) == expected);
}

TEST_CASE("matrix rows line up their `=`, an over-long pattern does not widen the column", "[dsl][printer][matrix]") {
  const std::string long_pattern = "m/" + std::string(60, 'x') + ":view";  // 67 characters
  std::string in = "matrix mx {\n  roles r, s;\n"
                   "  row m/a:view=allow,deny;\n"
                   "  row m/abc/**:{view, edit} = deny , deny ;\n"
                   "  row " + long_pattern + " = allow, allow;\n"
                   "  # commented\n"
                   "  row m/ab:*                                     = deny, allow;\n"
                   "}\n";
  std::string expected = "matrix mx {\n  roles r, s;\n"
                         "  row m/a:view              = allow, deny;\n"
                         "  row m/abc/**:{view, edit} = deny, deny;\n"
                         "  row " + long_pattern + " = allow, allow;\n"
                         "\n"
                         "  # commented\n"
                         "  row m/ab:*                = deny, allow;\n"
                         "}\n";
  CHECK(canonical(in) == expected);
  CHECK(canonical(expected) == expected);

  // Every row commented: the comments are row labels and the matrix stays packed.
  std::string labelled = "matrix mx {\n  roles r;\n"
                         "  # \"Read\"\n  row m/a:view   = allow;\n"
                         "  # \"Delete\"\n  # (two lines)\n  row m/a:delete = deny;\n"
                         "}\n";
  CHECK(canonical(labelled) == labelled);

  // Each matrix has its own column.
  std::string two = canonical("matrix a { roles r; row m/a:v = allow; row m/abcdef:v = deny; }\n"
                              "matrix b { roles r; row m/a:v = allow; }\n");
  CHECK(two ==
        "matrix a {\n  roles r;\n  row m/a:v      = allow;\n  row m/abcdef:v = deny;\n}\n\n"
        "matrix b {\n  roles r;\n  row m/a:v = allow;\n}\n");
}

TEST_CASE("docs examples print to a fixpoint", "[dsl][printer][docs]") {
  std::string doc = test::read_text(std::filesystem::path(WRIT_SOURCE_DIR) / "docs" / "language.md");
  for (const auto& block : test::writ_blocks(doc)) {
    auto p = test::parse_text(block);
    if (!p.ok()) continue;  // fragments; covered by docs_examples_test
    check_fixpoint(block);
  }
}

TEST_CASE("fragment printers", "[dsl][printer][fragment]") {
  Diagnostics d;
  auto round = [&](std::string_view in) {
    auto e = dsl::parse_expression(in, Span{}, d);
    REQUIRE(e);
    return dsl::print_expression(*e);
  };
  CHECK(round("a.b   and(c.d or e.f)") == "a.b and (c.d or e.f)");
  CHECK(round("(a.b and c.d) and e.f") == "a.b and c.d and e.f");
  CHECK(round("a.b and (c.d and e.f)") == "a.b and (c.d and e.f)");
  CHECK(round("not (a.b == 1)") == "not a.b == 1");
  CHECK(round("not (a.b and c.d)") == "not (a.b and c.d)");
  CHECK(round("x.y not in [ \"a\",1,false ]") == "x.y not in [\"a\", 1, false]");
  CHECK(round("(x.y == 1) == true") == "(x.y == 1) == true");
  CHECK(round("(((a.b)))") == "a.b");
  auto pat = dsl::parse_pattern("portal/reports/**:{ a,b }", Span{}, d);
  CHECK(dsl::print_pattern(*pat) == "portal/reports/**:{a, b}");
  CHECK(dsl::print_pattern(*dsl::parse_pattern("m/**:@write", Span{}, d)) == "m/**:@write");
  CHECK(dsl::print_pattern(*dsl::parse_pattern("m/r:*", Span{}, d)) == "m/r:*");
  CHECK(dsl::print_requirement(*dsl::parse_requirement("m>=l", Span{}, d)) == "m >= l");
  CHECK(dsl::quote("a\"b\\c\nd\te") == R"("a\"b\\c\nd\te")");
  CHECK(d.empty());
}
