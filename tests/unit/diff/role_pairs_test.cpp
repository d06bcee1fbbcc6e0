// Changes only two roles held together show (compiler/diff/role_pairs.cpp): each interaction —
// a requirement one meets for the other, a deny under deny_overrides, a forbid selecting one —
// changed so that neither role alone is decided differently; and pairs whose change a single
// role already shows are not reported again.
#include <algorithm>

#include "tests/unit/diff/diff_support.hpp"

using namespace writ;
using namespace writ::diff;
using writ::diff::testing::diff_texts;

namespace {

std::string policy(const std::string& combining, const std::string& body) {
  return "policy p { combining " + combining + "; }\n" + R"(
attribute flag: bool;
module m {
  action view: read;
  action edit: write;
  resource docs actions view, edit;
}
module a {
  action view: read;
  resource panel actions view;
  level user { permit a/panel:view; }
}
module z {
  action view: read;
  resource board actions view;
  level member { permit z/board:view; }
}
)" + body;
}

const AccessCube* pair_cube(const Result& r, Direction d, const std::string& perm) {
  for (const auto& c : r.access)
    if (!c.subject.with.empty() && c.direction == d &&
        std::find(c.permissions.begin(), c.permissions.end(), perm) != c.permissions.end())
      return &c;
  return nullptr;
}

std::size_t pair_cubes(const Result& r) {
  return static_cast<std::size_t>(std::count_if(r.access.begin(), r.access.end(), [](const AccessCube& c) { return !c.subject.with.empty(); }));
}

}  // namespace

TEST_CASE("a level of one role that meets the other's requirement: the pair gains, neither role alone") {
  const std::string editor = "role editor { permit m/docs:edit requires a >= user; }\n";
  const auto o = policy("permissive", editor + "role panel_user { permit m/docs:view; }\n");
  const auto n = policy("permissive", editor + "role panel_user { permit m/docs:view; level a = user; }\n");
  const auto r = diff_texts(o, n);
  const auto* c = pair_cube(r, Direction::gained, "m/docs:edit");
  REQUIRE(c);
  CHECK(((c->subject.role == "editor" && c->subject.with == std::vector<std::string>{"panel_user"}) ||
         (c->subject.role == "panel_user" && c->subject.with == std::vector<std::string>{"editor"})));
  // panel_user alone gains the level's permission: that is its own change, not the pair's.
  CHECK_FALSE(pair_cube(r, Direction::gained, "a/panel:view"));
  CHECK(pair_cubes(r) == 1);
}

TEST_CASE("a deny added to one role removes the other's permit under deny_overrides only") {
  const std::string viewer = "role viewer { permit m/docs:view; }\n";
  const auto o = policy("deny_overrides", viewer + "role auditor { permit a/panel:view; }\n");
  const auto n = policy("deny_overrides", viewer + "role auditor { permit a/panel:view; deny m/docs:view; }\n");
  const auto r = diff_texts(o, n);
  REQUIRE(pair_cube(r, Direction::lost, "m/docs:view"));
  // Under permissive a role's deny subtracts from that role only: no change at all.
  const auto permissive = diff_texts(policy("permissive", viewer + "role auditor { permit a/panel:view; }\n"),
                                     policy("permissive", viewer + "role auditor { permit a/panel:view; deny m/docs:view; }\n"));
  CHECK(permissive.no_change());
}

TEST_CASE("a forbid selecting one role, changed, shows on the other's permission held together") {
  const std::string roles = "role viewer { permit m/docs:view; }\nrole contractor { permit a/panel:view; }\n";
  const auto o = policy("permissive", roles + "forbid f { applies_to role contractor; deny m/docs:view when context.flag; reason \"x\"; }\n");
  const auto n = policy("permissive", roles + "forbid f { applies_to role contractor; deny m/docs:view; reason \"x\"; }\n");
  const auto r = diff_texts(o, n);
  const auto* c = pair_cube(r, Direction::lost, "m/docs:view");
  REQUIRE(c);
  // Lost only where the old condition did not already forbid.
  auto flag = std::find_if(c->region.begin(), c->region.end(), [](const Atom& a) { return a.input == "context.flag"; });
  REQUIRE(flag != c->region.end());
  CHECK(std::find(flag->values.begin(), flag->values.end(), "true") == flag->values.end());
}

TEST_CASE("a pair whose change one role already shows is not reported again") {
  const auto o = policy("permissive", "role editor { permit m/docs:edit requires a >= user; }\nrole panel_user { level a = user; }\n");
  const auto n = policy("permissive", "role editor { permit m/docs:{view, edit} requires a >= user; }\nrole panel_user { level a = user; permit m/docs:view; }\n");
  const auto r = diff_texts(o, n);
  // panel_user alone gains m/docs:view; the pair gains m/docs:view too, but that is panel_user's.
  CHECK_FALSE(pair_cube(r, Direction::gained, "m/docs:view"));
}

TEST_CASE("above the bound no pair is compared and the diff says so") {
  const std::string editor = "role editor { permit m/docs:edit requires a >= user; }\n";
  Options tiny;
  tiny.max_pairs = 0;
  const auto r = diff_texts(policy("permissive", editor + "role panel_user { permit m/docs:view; }\n"),
                            policy("permissive", editor + "role panel_user { permit m/docs:view; level a = user; }\n"), tiny);
  CHECK(pair_cubes(r) == 0);
  CHECK(std::any_of(r.incomplete.begin(), r.incomplete.end(), [](const std::string& s) { return s.find("pairs of roles") != std::string::npos; }));
  CHECK_FALSE(r.no_change());
}

TEST_CASE("a rule under two requirements that two other roles' levels may meet is said not compared") {
  const std::string roles = "role editor { permit m/docs:edit requires a >= user, z >= member; }\n"
                            "role z_member { level z = member; }\n";
  const auto o = policy("permissive", roles + "role a_user { permit m/docs:view; }\n");
  const auto n = policy("permissive", roles + "role a_user { permit m/docs:view; level a = user; }\n");
  const auto r = diff_texts(o, n);
  // editor + z_member + a_user now gain m/docs:edit, which no pair shows.
  CHECK(std::any_of(r.incomplete.begin(), r.incomplete.end(),
                    [](const std::string& s) { return s.find("three or more roles") != std::string::npos; }));
  CHECK_FALSE(r.no_change());
  // One requirement: pairs are complete, nothing is said.
  const auto single = diff_texts(policy("permissive", "role editor { permit m/docs:edit requires a >= user; }\nrole a_user { permit m/docs:view; }\n"),
                                 policy("permissive", "role editor { permit m/docs:edit requires a >= user; }\nrole a_user { permit m/docs:view; level a = user; }\n"));
  CHECK(single.incomplete.empty());
}

TEST_CASE("an automatic role's level completes a pair's requirements that neither role meets alone") {
  // editor's permit needs both levels; panel_user gives z, and the automatic role now gives a.
  const std::string roles = "role editor { permit m/docs:edit requires a >= user, z >= member; }\n"
                            "role panel_user { level z = member; }\n";
  const auto o = policy("permissive", roles + "role everyone { assigned_by automatic; permit m/docs:view; }\n");
  const auto n = policy("permissive", roles + "role everyone { assigned_by automatic; permit m/docs:view; level a = user; }\n");
  const auto r = diff_texts(o, n);
  REQUIRE(pair_cube(r, Direction::gained, "m/docs:edit"));
}

namespace {

const AccessCube* triple_cube(const Result& r, Direction d, const std::string& perm) {
  for (const auto& c : r.access)
    if (c.subject.with.size() == 2 && c.direction == d &&
        std::find(c.permissions.begin(), c.permissions.end(), perm) != c.permissions.end())
      return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("a forbid on a third role stops what a requirement met by a second gives: three roles, no pair") {
  const std::string roles = "role editor { permit m/docs:edit requires a >= user; }\n"
                            "role a_user { level a = user; }\n"
                            "role contractor { permit z/board:view; }\n";
  const auto o = policy("permissive", roles);
  const auto n = policy("permissive", roles + "forbid f { applies_to role contractor; deny m/docs:edit; reason \"x\"; }\n");
  const auto r = diff_texts(o, n);
  CHECK(r.incomplete.empty());
  const auto* c = triple_cube(r, Direction::lost, "m/docs:edit");
  REQUIRE(c);
  std::vector<std::string> held{c->subject.role, c->subject.with[0], c->subject.with[1]};
  std::sort(held.begin(), held.end());
  CHECK(held == std::vector<std::string>{"a_user", "contractor", "editor"});
  // No pair shows it (each pair is decided alike by both versions).
  CHECK(std::none_of(r.access.begin(), r.access.end(), [](const AccessCube& x) { return x.subject.with.size() == 1; }));
}

TEST_CASE("a deny added to a third role under deny_overrides stops a permit met by a second role") {
  const std::string roles = "role editor { permit m/docs:edit requires a >= user; }\nrole a_user { level a = user; }\n";
  const auto o = policy("deny_overrides", roles + "role auditor { permit z/board:view; }\n");
  const auto n = policy("deny_overrides", roles + "role auditor { permit z/board:view; deny m/docs:edit; }\n");
  const auto r = diff_texts(o, n);
  CHECK(r.incomplete.empty());
  REQUIRE(triple_cube(r, Direction::lost, "m/docs:edit"));
  // Under permissive the auditor's deny is its own: nothing changes for the three together.
  const auto p = diff_texts(policy("permissive", roles + "role auditor { permit z/board:view; }\n"),
                            policy("permissive", roles + "role auditor { permit z/board:view; deny m/docs:edit; }\n"));
  CHECK_FALSE(triple_cube(p, Direction::lost, "m/docs:edit"));
}

TEST_CASE("a level that counts only under a level-wide requirement a third role meets: three roles") {
  // a.user counts only while z >= member holds; editor's permit needs a >= user.
  const std::string head = R"(policy p { combining permissive; }
module m { action view: read; action edit: write; resource docs actions view, edit; }
module z { action view: read; resource board actions view; level member { permit z/board:view; } }
module a { action view: read; resource panel actions view; level user { requires z >= member; permit a/panel:view; } }
role a_user { level a = user; }
role z_member { level z = member; }
)";
  const auto o = head + "role editor { permit m/docs:view requires a >= user; }\n";
  const auto n = head + "role editor { permit m/docs:{view, edit} requires a >= user; }\n";
  const auto r = diff_texts(o, n);
  CHECK(r.incomplete.empty());
  REQUIRE(triple_cube(r, Direction::gained, "m/docs:edit"));
  // A forbid on a fourth role, added, stops what only the three give: four roles held together.
  const std::string contractor = "role contractor { permit m/docs:view; }\n";
  const auto r4 = diff_texts(n + contractor,
                             n + contractor + "forbid f { applies_to role contractor; deny m/docs:edit; reason \"x\"; }\n");
  CHECK(r4.incomplete.empty());
  CHECK(std::any_of(r4.access.begin(), r4.access.end(), [](const AccessCube& c) {
    return c.subject.with.size() == 3 && c.direction == Direction::lost &&
           std::find(c.permissions.begin(), c.permissions.end(), "m/docs:edit") != c.permissions.end();
  }));
  // A level under level-wide requirements met by a level that has its own: five or more, said.
  const std::string deep = R"(policy p { combining permissive; }
module m { action view: read; action edit: write; resource docs actions view, edit; }
module y { action view: read; resource y actions view; level top { permit y/y:view; } }
module z { action view: read; resource board actions view; level member { requires y >= top; permit z/board:view; } }
module a { action view: read; resource panel actions view; level user { requires z >= member; permit a/panel:view; } }
role a_user { level a = user; }
role z_member { level z = member; }
role y_top { level y = top; }
)";
  const auto r5 = diff_texts(deep + "role editor { permit m/docs:view requires a >= user; }\n",
                             deep + "role editor { permit m/docs:{view, edit} requires a >= user; }\n");
  CHECK(std::any_of(r5.incomplete.begin(), r5.incomplete.end(),
                    [](const std::string& s) { return s.find("five or more roles") != std::string::npos; }));
}
