// PermissionSet (compiler/ir/permission_set.hpp): the run-list set every rule, analysis and table
// is built on. Checked against std::set on random sets, plus the invariant that equal sets have
// equal run lists (so == and hashing by runs are exact).
#include <catch2/catch.hpp>

#include <set>

#include "compiler/ir/permission_set.hpp"

#ifdef WRIT_HAVE_RAPIDCHECK
#include <rapidcheck.h>
#endif

using writ::ir::PermissionId;
using writ::ir::PermissionSet;

namespace {
PermissionSet of(std::initializer_list<std::uint32_t> ids) {
  PermissionSet s;
  for (auto i : ids) s.insert(PermissionId{i});
  return s;
}

std::set<std::uint32_t> members(const PermissionSet& s) {
  std::set<std::uint32_t> out;
  for (auto p : s.members()) out.insert(p.value);
  return out;
}

// INVARIANT of the representation: sorted, non-empty, disjoint, not touching.
bool canonical(const PermissionSet& s) {
  const auto& r = s.runs();
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (r[i].first >= r[i].last) return false;
    if (i && r[i - 1].last >= r[i].first) return false;
  }
  return true;
}
}  // namespace

TEST_CASE("set algebra on runs", "[core][permission_set]") {
  auto a = of({0, 63, 64, 129});
  auto b = of({63, 64, 100});
  CHECK(a.runs().size() == 3);  // 63 and 64 merge into one run
  CHECK((a | b).count() == 5);
  CHECK((a & b) == of({63, 64}));
  CHECK((a - b) == of({0, 129}));
  CHECK(of({63}).subset_of(a));
  CHECK_FALSE(b.subset_of(a));
  CHECK(PermissionSet().empty());
  CHECK(a.contains(PermissionId{129}));
  CHECK_FALSE(a.contains(PermissionId{128}));
  CHECK_FALSE(a.contains(PermissionId{5000}));
  CHECK(a.intersects(b));
  CHECK_FALSE(of({1, 2}).intersects(of({3, 4})));
  CHECK(PermissionSet::range(10, 20) - PermissionSet::range(12, 14) == (PermissionSet::range(10, 12) | PermissionSet::range(14, 20)));
  CHECK(PermissionSet::range(5, 5).empty());
}

TEST_CASE("members are listed in increasing order", "[core][permission_set]") {
  auto m = of({129, 3, 64}).members();
  REQUIRE(m.size() == 3);
  CHECK(m[0].value == 3);
  CHECK(m[1].value == 64);
  CHECK(m[2].value == 129);
}

#ifdef WRIT_HAVE_RAPIDCHECK
TEST_CASE("run lists behave as std::set and stay canonical", "[core][permission_set][property]") {
  REQUIRE(rc::check("union, intersection, difference, subset, contains", [](const std::vector<std::uint8_t>& xs, const std::vector<std::uint8_t>& ys) {
    PermissionSet a, b;
    std::set<std::uint32_t> sa, sb;
    // Small values so runs touch, overlap and merge often.
    for (auto x : xs) {
      a.insert(PermissionId{x % 40u});
      sa.insert(x % 40u);
    }
    for (auto y : ys) {
      b.insert(PermissionId{y % 40u});
      sb.insert(y % 40u);
    }
    RC_ASSERT(canonical(a));
    RC_ASSERT(members(a) == sa);
    std::set<std::uint32_t> u = sa, i, d;
    u.insert(sb.begin(), sb.end());
    for (auto x : sa) (sb.count(x) ? i : d).insert(x);
    RC_ASSERT(members(a | b) == u);
    RC_ASSERT(members(a & b) == i);
    RC_ASSERT(members(a - b) == d);
    RC_ASSERT(canonical(a | b) && canonical(a & b) && canonical(a - b));
    RC_ASSERT(a.subset_of(b) == (d.empty()));
    RC_ASSERT(a.intersects(b) == !i.empty());
    RC_ASSERT(a.count() == sa.size());
    for (std::uint32_t k = 0; k < 42; ++k) RC_ASSERT(a.contains(PermissionId{k}) == (sa.count(k) == 1));
    // Equal sets have equal run lists, however they were built.
    PermissionSet rebuilt;
    for (auto it = sa.rbegin(); it != sa.rend(); ++it) rebuilt.insert(PermissionId{*it});
    RC_ASSERT(rebuilt == a);
  }));
}
#endif
