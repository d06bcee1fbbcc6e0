// The skip set of writ diff (compiler/diff/unchanged.hpp): which permissions may be decided
// differently, found without deciding. Each case changes one thing a decision reads and checks
// both that the permission is marked and that the diff, which only decides marked permissions,
// reports the change (its example replayed through both interpreters by diff_texts).
#include <algorithm>

#include "compiler/diff/unchanged.hpp"
#include "tests/unit/diff/diff_support.hpp"

using namespace writ;
using namespace writ::diff;
using writ::diff::testing::compile;
using writ::diff::testing::diff_texts;

namespace {

const std::string kHeader = R"(
policy p { combining permissive; }
attribute flag: bool;
module m {
  action view: read;
  action edit, delete: write;
  resource docs actions view, edit, delete;
  resource keys actions view, edit;
}
module a {
  action view: read;
  resource panel actions view;
  level user { permit a/panel:view; }
}
)";

std::string with(const std::string& body) { return kHeader + body; }

/// The names of the permissions may_differ marks for a holder of `role` at self.
std::vector<std::string> marked(const std::string& old_text, const std::string& new_text, const std::string& role) {
  const auto o = compile("old.writ", with(old_text));
  const auto n = compile("new.writ", with(new_text));
  const Unchanged u(*o->facts, *n->facts);
  const auto set = u.may_differ(role, role, ir::OrgScope::self);
  REQUIRE(set);
  std::vector<std::string> out;
  for (auto id : set->members()) out.push_back(n->c.policy->permission_name(id));
  std::sort(out.begin(), out.end());
  return out;
}

bool has_gain(const Result& r, const std::string& perm) {
  return std::any_of(r.access.begin(), r.access.end(), [&](const AccessCube& c) {
    return c.direction == Direction::gained && std::find(c.permissions.begin(), c.permissions.end(), perm) != c.permissions.end();
  });
}

}  // namespace

TEST_CASE("nothing is marked when nothing changed") {
  const std::string p = "role editor { permit m/docs:*; deny m/docs:delete when context.flag; }\n";
  CHECK(marked(p, p, "editor").empty());
}

TEST_CASE("a changed rule marks its own permissions only") {
  const auto m = marked("role editor { permit m/docs:view; permit m/keys:view; }\n",
                        "role editor { permit m/docs:view; permit m/keys:{view, edit}; }\n", "editor");
  // The old rule's set and the new rule's: nothing of m/docs.
  CHECK(m == std::vector<std::string>{"m/keys:edit", "m/keys:view"});
}

TEST_CASE("a named rule whose condition changes is marked although its key does not change") {
  // `as NAME` makes the name the rule's key, so only the condition text tells the versions apart.
  const std::string o = "role editor { permit m/docs:edit when context.flag as editors_edit; }\n";
  const std::string n = "role editor { permit m/docs:edit when not context.flag as editors_edit; }\n";
  CHECK(marked(o, n, "editor") == std::vector<std::string>{"m/docs:edit"});
  const auto r = diff_texts(with(o), with(n));
  CHECK(has_gain(r, "m/docs:edit"));
}

TEST_CASE("a level assigned in one version only marks what requires it elsewhere") {
  // The permit of m/docs:edit is the same rule in both; only the requirement it reads is met now.
  const std::string o = "role editor { permit m/docs:edit requires a >= user; }\n";
  const std::string n = "role editor { level a = user; permit m/docs:edit requires a >= user; }\n";
  const auto m = marked(o, n, "editor");
  CHECK(std::find(m.begin(), m.end(), "m/docs:edit") != m.end());
  CHECK(std::find(m.begin(), m.end(), "a/panel:view") != m.end());
  const auto r = diff_texts(with(o), with(n));
  CHECK(has_gain(r, "m/docs:edit"));
  CHECK(has_gain(r, "a/panel:view"));
}

TEST_CASE("a level given by an automatic role meets the requirement of the held role") {
  const std::string o = "role editor { permit m/docs:edit requires a >= user; }\n"
                        "role everyone { assigned_by automatic; permit m/keys:view; }\n";
  const std::string n = "role editor { permit m/docs:edit requires a >= user; }\n"
                        "role everyone { assigned_by automatic; permit m/keys:view; level a = user; }\n";
  const auto r = diff_texts(with(o), with(n));
  CHECK(has_gain(r, "m/docs:edit"));
}

TEST_CASE("a forbid selecting a role marks its permissions for a role whose closure gains or loses it") {
  const std::string forbid = "forbid no_delete { applies_to role base; deny m/docs:delete; reason \"x\"; }\n";
  const std::string o = "role base { permit m/keys:view; }\nrole editor { permit m/docs:*; }\n" + forbid;
  const std::string n = "role base { permit m/keys:view; }\nrole editor { extends base; permit m/docs:*; }\n" + forbid;
  const auto m = marked(o, n, "editor");
  CHECK(std::find(m.begin(), m.end(), "m/docs:delete") != m.end());
  const auto r = diff_texts(with(o), with(n));
  CHECK(std::any_of(r.access.begin(), r.access.end(), [](const AccessCube& c) {
    return c.direction == Direction::lost && c.permissions == std::vector<std::string>{"m/docs:delete"};
  }));
}

TEST_CASE("holders changed marks everything the role decides") {
  const auto m = marked("role editor { permit m/docs:view; permit m/keys:view; }\n",
                        "role editor { holders internal, external; permit m/docs:view; permit m/keys:view; }\n", "editor");
  CHECK(m == std::vector<std::string>{"m/docs:view", "m/keys:view"});
}

TEST_CASE("a change every decision reads leaves nothing to skip") {
  const auto o = compile("old.writ", with("role editor { permit m/docs:view; }\n"));
  auto text = with("role editor { permit m/docs:view; }\n");
  text.replace(text.find("permissive"), std::string("permissive").size(), "deny_overrides");
  const auto n = compile("new.writ", text);
  const Unchanged u(*o->facts, *n->facts);
  CHECK_FALSE(u.may_differ("editor", "editor", ir::OrgScope::self));
  // A role missing from one version cannot be compared rule by rule either.
  const Unchanged same(*o->facts, *o->facts);
  CHECK_FALSE(same.may_differ("editor", "nobody", ir::OrgScope::self));
}
