// PermissionSet: the bitset every analysis and the table will be built on.
#include <catch2/catch.hpp>

#include "compiler/ir/permission_set.hpp"

using writ::ir::PermissionId;
using writ::ir::PermissionSet;

namespace {
PermissionSet of(std::initializer_list<std::uint32_t> ids, std::size_t universe = 130) {
  PermissionSet s(universe);
  for (auto i : ids) s.insert(PermissionId{i});
  return s;
}
}  // namespace

TEST_CASE("set algebra across word boundaries") {
  auto a = of({0, 63, 64, 129});
  auto b = of({63, 64, 100});
  CHECK((a | b).count() == 5);
  CHECK((a & b) == of({63, 64}));
  CHECK((a - b) == of({0, 129}));
  CHECK(of({63}).subset_of(a));
  CHECK_FALSE(b.subset_of(a));
  CHECK(PermissionSet(10).empty());
  CHECK(a.contains(PermissionId{129}));
  CHECK_FALSE(a.contains(PermissionId{128}));
  CHECK_FALSE(a.contains(PermissionId{5000}));
}

TEST_CASE("members are listed in increasing order and erase removes") {
  auto a = of({129, 3, 64});
  auto m = a.members();
  REQUIRE(m.size() == 3);
  CHECK(m[0].value == 3);
  CHECK(m[1].value == 64);
  CHECK(m[2].value == 129);
  a.erase(PermissionId{64});
  CHECK(a == of({3, 129}));
}

TEST_CASE("sets of different universes compare by members") {
  CHECK(of({1, 2}, 10) == of({1, 2}, 200));
  CHECK_FALSE(of({1, 2}, 10) == of({1, 150}, 200));
  auto small = of({1}, 2);
  small |= of({150}, 200);
  CHECK(small.contains(PermissionId{150}));
}
