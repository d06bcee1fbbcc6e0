// writ diff as values (compiler/diff/): one pair of policies per kind of change, each change's
// example replayed through both interpreters (diff_support.hpp), and pairs that differ only in
// form (order, formatting, `extends` restructuring, level inclusion) that must report nothing.
#include <algorithm>

#include "tests/unit/diff/diff_support.hpp"

using namespace writ;
using namespace writ::diff;
using writ::diff::testing::diff_texts;

namespace {

const std::string kHeader = R"(
policy p { combining permissive; }
attribute flag: bool;
attribute tier: {free, paid};
module m {
  action view: read;
  action edit, delete: write;
  resource docs actions view, edit, delete;
  resource keys actions view, edit;
}
)";

std::string with(const std::string& body) { return kHeader + body; }

const AccessCube* find_cube(const Result& r, const std::string& role, Direction d, const std::string& perm) {
  for (const auto& c : r.access)
    if (c.subject.role == role && c.direction == d &&
        std::find(c.permissions.begin(), c.permissions.end(), perm) != c.permissions.end())
      return &c;
  return nullptr;
}

bool has_limit(const Result& r, const std::string& name, const std::string& limit, bool loosened) {
  return std::any_of(r.limits.begin(), r.limits.end(),
                     [&](const LimitChange& l) { return l.name == name && l.limit == limit && l.loosened == loosened; });
}

}  // namespace

TEST_CASE("a policy compared with itself reports nothing") {
  const auto p = with("role viewer { assigned_by admin; permit m/docs:view; }\nrole admin { assigned_by admin; permit m/**:*; }\n");
  const auto r = diff_texts(p, p);
  CHECK(r.no_change());
  CHECK(r.access.empty());
}

TEST_CASE("a permit added is a gain of exactly its permissions, a permit removed a loss") {
  const auto o = with("role viewer { permit m/docs:view; }\n");
  const auto n = with("role viewer { permit m/docs:view; permit m/keys:{view, edit}; }\n");
  const auto r = diff_texts(o, n);
  REQUIRE(r.access.size() == 1);
  const auto& c = r.access.front();
  CHECK(c.subject.role == "viewer");
  CHECK(c.direction == Direction::gained);
  CHECK(c.scope == ir::OrgScope::self);
  CHECK(c.permissions == std::vector<std::string>{"m/keys:edit", "m/keys:view"});
  CHECK(c.region.empty());
  CHECK(c.new_rules.size() == 1);
  CHECK(c.new_rules.front().line == 11);  // the role line of the new text
  const auto back = diff_texts(n, o);
  REQUIRE(back.access.size() == 1);
  CHECK(back.access.front().direction == Direction::lost);
  CHECK(back.access.front().old_rules.size() == 1);
}

TEST_CASE("a deny or a forbid added is a loss") {
  const auto o = with("role editor { permit m/docs:*; }\n");
  SECTION("deny") {
    const auto r = diff_texts(o, with("role editor { permit m/docs:*; deny m/docs:delete; }\n"));
    REQUIRE(r.access.size() == 1);
    CHECK(r.access.front().direction == Direction::lost);
    CHECK(r.access.front().permissions == std::vector<std::string>{"m/docs:delete"});
  }
  SECTION("forbid on a kind the role's holders are") {
    const auto r = diff_texts(
        o, with("role editor { permit m/docs:*; }\nforbid f { applies_to kind internal; deny m/docs:edit; reason \"x\"; }\n"));
    REQUIRE(find_cube(r, "editor", Direction::lost, "m/docs:edit"));
    CHECK_FALSE(find_cube(r, "editor", Direction::lost, "m/docs:view"));
  }
}

TEST_CASE("a condition loosened is a gain under exactly the region it opens") {
  const auto o = with("role editor { permit m/docs:edit when context.flag; }\n");
  const auto n = with("role editor { permit m/docs:edit when context.flag or context.tier == \"paid\"; }\n");
  const auto r = diff_texts(o, n);
  REQUIRE_FALSE(r.access.empty());
  for (const auto& c : r.access) {
    CHECK(c.direction == Direction::gained);
    CHECK(c.permissions == std::vector<std::string>{"m/docs:edit"});
    // Every gain is where the tier is paid and the flag does not already allow.
    auto tier = std::find_if(c.region.begin(), c.region.end(), [](const Atom& a) { return a.input == "context.tier"; });
    REQUIRE(tier != c.region.end());
    CHECK(tier->values == std::vector<std::string>{"\"paid\""});
    auto flag = std::find_if(c.region.begin(), c.region.end(), [](const Atom& a) { return a.input == "context.flag"; });
    REQUIRE(flag != c.region.end());
    CHECK(std::find(flag->values.begin(), flag->values.end(), "true") == flag->values.end());
  }
}

TEST_CASE("holders widened to external principals is a gain for that kind only") {
  const auto o = with("role viewer { permit m/docs:view; }\n");
  const auto n = with("role viewer { holders internal, external; permit m/docs:view; }\n");
  const auto r = diff_texts(o, n);
  REQUIRE(r.access.size() == 1);
  CHECK(r.access.front().kinds == std::vector<ir::PrincipalKind>{ir::PrincipalKind::external});
  const auto ext = std::find_if(r.blast.begin(), r.blast.end(), [](const BlastRadius& b) { return b.kind == ir::PrincipalKind::external; });
  REQUIRE(ext != r.blast.end());
  CHECK(ext->direct_old == 0);
  CHECK(ext->direct_new == 1);  // m/docs:view, at self only
}

TEST_CASE("at descendants is a change at that scope only") {
  const auto o = with("role viewer { permit m/docs:view; }\n");
  const auto n = with("role viewer { permit m/docs:view; at descendants { permit m/docs:view; } }\n");
  const auto r = diff_texts(o, n);
  REQUIRE(r.access.size() == 1);
  CHECK(r.access.front().scope == ir::OrgScope::descendants);
}

TEST_CASE("an automatic role's change is reported once, for every principal") {
  const auto o = with("role base { assigned_by automatic; permit m/docs:view; }\nrole editor { permit m/docs:edit; }\n");
  const auto n = with("role base { assigned_by automatic; permit m/docs:view; permit m/keys:view; }\nrole editor { permit m/docs:edit; }\n");
  const auto r = diff_texts(o, n);
  REQUIRE(find_cube(r, "", Direction::gained, "m/keys:view"));
  CHECK_FALSE(find_cube(r, "editor", Direction::gained, "m/keys:view"));
}

TEST_CASE("assignment edges gained and lost") {
  const auto o = with("role admin { assigned_by admin; permit m/**:*; }\nrole viewer { assigned_by admin; permit m/docs:view; }\nrole lead { permit m/docs:*; }\n");
  const auto n = with("role admin { assigned_by admin; permit m/**:*; }\nrole viewer { assigned_by admin, lead; permit m/docs:view; }\nrole lead { permit m/docs:*; }\n");
  const auto r = diff_texts(o, n);
  REQUIRE_FALSE(r.edges.empty());
  for (const auto& e : r.edges) {
    CHECK(e.assigner == "lead");
    CHECK(e.role == "viewer");
    CHECK(e.direction == Direction::gained);
  }
  const auto back = diff_texts(n, o);
  REQUIRE_FALSE(back.edges.empty());
  CHECK(back.edges.front().direction == Direction::lost);
}

TEST_CASE("grant template limits loosened and tightened") {
  const std::string roles = "role admin { assigned_by admin; permit m/**:*; }\nrole viewer { holders internal, external; permit m/docs:view; }\nrole editor { holders internal, external; permit m/docs:*; }\n";
  auto tmpl = [&](const std::string& body) {
    return with(roles + "template t {\n  grantee external;\n  granted_by admin;\n  valid_to required;\n" + body + "  revocable;\n  audited;\n}\n");
  };
  const auto base = tmpl("  duration max 30d;\n  grants viewer;\n  scope self;\n  ceiling grantor;\n");
  SECTION("maximum lengthened") {
    const auto r = diff_texts(base, tmpl("  duration max 90d;\n  grants viewer;\n  scope self;\n  ceiling grantor;\n"));
    CHECK(has_limit(r, "t", "max_duration", true));
    const auto back = diff_texts(tmpl("  duration max 90d;\n  grants viewer;\n  scope self;\n  ceiling grantor;\n"), base);
    CHECK(has_limit(back, "t", "max_duration", false));
  }
  SECTION("a grantable role added") {
    const auto r = diff_texts(base, tmpl("  duration max 30d;\n  grants viewer, editor;\n  scope self;\n  ceiling grantor;\n"));
    CHECK(has_limit(r, "t", "grantable role", true));
  }
  SECTION("ceiling dropped") {
    const auto r = diff_texts(base, tmpl("  duration max 30d;\n  grants viewer;\n  scope self;\n"));
    CHECK(has_limit(r, "t", "ceiling grantor", true));
  }
  SECTION("scope widened") {
    const auto r = diff_texts(base, tmpl("  duration max 30d;\n  grants viewer;\n  scope descendants;\n  ceiling grantor;\n"));
    CHECK(has_limit(r, "t", "org_scope", true));
  }
  SECTION("a precondition added tightens; an equivalent rewrite is no change") {
    const auto pre = tmpl("  duration max 30d;\n  grants viewer;\n  scope self;\n  ceiling grantor;\n  precondition context.flag;\n");
    CHECK(has_limit(diff_texts(base, pre), "t", "preconditions", false));
    const auto same = tmpl("  duration max 30d;\n  grants viewer;\n  scope self;\n  ceiling grantor;\n  precondition not not context.flag;\n");
    CHECK(diff_texts(pre, same).limits.empty());
  }
}

TEST_CASE("a renamed role with the same access is a rename, not a loss and a gain") {
  const auto o = with("role viewer { permit m/docs:view; }\n");
  const auto n = with("role reader { permit m/docs:view; }\n");
  const auto r = diff_texts(o, n);
  REQUIRE(r.renamed.size() == 1);
  CHECK(r.renamed.front().old_name == "viewer");
  CHECK(r.renamed.front().new_name == "reader");
  CHECK(r.access.empty());
  // A rename that also changes access is not a rename.
  const auto r2 = diff_texts(o, with("role reader { permit m/docs:view; permit m/keys:view; }\n"));
  CHECK(r2.renamed.empty());
  CHECK(find_cube(r2, "viewer", Direction::lost, "m/docs:view"));
  CHECK(find_cube(r2, "reader", Direction::gained, "m/keys:view"));
}

TEST_CASE("a change of form only reports nothing") {
  const auto o = with(
      "role viewer { assigned_by admin; permit m/docs:view; }\n"
      "role editor { assigned_by admin; permit m/docs:{view, edit}; }\n"
      "role admin { assigned_by admin; permit m/**:*; }\n");
  SECTION("declarations reordered and reformatted") {
    const auto n = with(
        "role admin {\n  assigned_by admin;\n  permit m/**:*;\n}\n"
        "role editor {\n  permit m/docs:edit;\n  permit m/docs:view;\n  assigned_by admin;\n}\n"
        "role viewer { permit m/docs:view; assigned_by admin; }\n");
    CHECK(diff_texts(o, n).no_change());
  }
  SECTION("restructured with extends") {
    const auto n = with(
        "role viewer { assigned_by admin; permit m/docs:view; }\n"
        "role editor { assigned_by admin; extends viewer; permit m/docs:edit; }\n"
        "role admin { assigned_by admin; permit m/docs:*; permit m/keys:*; }\n");
    CHECK(diff_texts(o, n).no_change());
  }
}

TEST_CASE("a new finding of the analyses is reported as new, a fixed one as gone") {
  const std::string admin = "role admin { assigned_by admin; permit m/**:*; }\n";
  const auto o = with(admin + "role helper { permit m/docs:view; }\nrole viewer { assigned_by admin; permit m/docs:view; }\n");
  // helper may now assign admin, which gives far more than helper holds (A001).
  const auto n = with("role admin { assigned_by admin, helper; permit m/**:*; }\nrole helper { permit m/docs:view; }\nrole viewer { assigned_by admin; permit m/docs:view; }\n");
  const auto r = diff_texts(o, n);
  REQUIRE(std::any_of(r.findings.begin(), r.findings.end(), [](const FindingChange& f) {
    return f.direction == Direction::gained && f.finding.check == analysis::Check::assign_exceeds_assigner;
  }));
  const auto back = diff_texts(n, o);
  CHECK(std::any_of(back.findings.begin(), back.findings.end(), [](const FindingChange& f) {
    return f.direction == Direction::lost && f.finding.check == analysis::Check::assign_exceeds_assigner;
  }));
}

TEST_CASE("a subject whose inputs exceed the bound is reported as not compared, never as no change") {
  const auto o = with("role editor { permit m/docs:edit when context.flag and context.tier == \"paid\"; }\n");
  const auto n = with("role editor { permit m/docs:edit when context.flag; }\n");
  Options tiny;
  tiny.max_assignments = 2;
  const auto r = diff_texts(o, n, tiny);
  CHECK_FALSE(r.incomplete.empty());
  CHECK_FALSE(r.no_change());
}
