// How a diff reads (compiler/report/diff_report.hpp): the region and subject phrases, the text
// grouped by subject with the rules and the example, and the counts the gates read. The formats
// end to end (JSON, Markdown, SARIF, GitHub) are in tests/unit/cli/diff_command_test.cpp.
#include <sstream>

#include "compiler/report/diff_report.hpp"
#include "tests/unit/diff/diff_support.hpp"

using namespace writ;
using namespace writ::diff;
using writ::diff::testing::compile;

namespace {

const std::string kHeader = R"(
policy p { combining permissive; }
attribute flag: bool;
module m {
  action view: read;
  action edit: write;
  resource docs actions view, edit;
}
)";

}  // namespace

TEST_CASE("a region reads as its atoms, the empty region as any request") {
  CHECK(report::region_text({}) == "any request");
  CHECK(report::region_text({Atom{"context.flag", {"true"}}}) == "context.flag = true");
  CHECK(report::region_text({Atom{"principal.kind", {"external"}}, Atom{"context.tier", {"\"gold\"", "missing"}}}) ==
        "principal.kind = external, context.tier in {\"gold\", missing}");
}

TEST_CASE("a subject reads as its role, a renamed role with its old name, or every principal") {
  CHECK(report::subject_text(Subject{"viewer", "viewer", {}}) == "role `viewer`");
  CHECK(report::subject_text(Subject{"reader", "viewer", {}}) == "role `reader` (was `viewer`)");
  CHECK(report::subject_text(Subject{"a", "a", {"b"}}) == "roles `a` + `b` held together");
  CHECK(report::subject_text(Subject{"a", "a", {"b", "c"}}) == "roles `a` + `b` + `c` held together");
  CHECK(report::subject_text(Subject{"", "", {}}) == "every principal (automatic roles)");
}

TEST_CASE("the text groups changes by subject, with rules and an example, and counts them") {
  const auto o = compile("old.writ", kHeader + "role editor { permit m/docs:view; }\nrole viewer { permit m/docs:view; }\n");
  const auto n = compile("new.writ", kHeader + "role editor { permit m/docs:*; }\nrole viewer { }\n");
  const auto r = compare(*o->facts, *n->facts);
  const report::DiffSide os{"old.writ", o->c.sources, *o->c.policy};
  const report::DiffSide ns{"new.writ", n->c.sources, *n->c.policy};
  std::ostringstream out;
  report::print_diff_text(out, os, ns, r, false);
  const std::string t = out.str();
  INFO(t);
  const auto editor = t.find("role `editor`");
  const auto viewer = t.find("role `viewer`");
  REQUIRE(editor != std::string::npos);
  REQUIRE(viewer != std::string::npos);
  CHECK(t.find("+ m/docs:edit") > editor);
  CHECK(t.find("- m/docs:view") > viewer);
  CHECK(t.find("new: new.writ:") != std::string::npos);  // the gain cites NEW's rule
  CHECK(t.find("old: old.writ:") != std::string::npos);  // the loss cites OLD's
  CHECK(t.find("e.g. {") != std::string::npos);
  CHECK(t.find("\x1b[") == std::string::npos);  // no colour asked
  const auto counts = report::diff_counts(r);
  CHECK(counts.gained == 1);
  CHECK(counts.lost == 1);
  CHECK(counts.loosened == 0);
}
