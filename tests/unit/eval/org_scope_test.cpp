// Places and relations (compiler/eval/org_tree.hpp, docs/semantics.md §1.1): self, strict
// ancestors as descendant, everything else unrelated — including sideways, upward, unknown names
// and any organization whose upward walk meets a cycle.
#include <catch2/catch.hpp>

#include "compiler/eval/org_tree.hpp"

using writ::eval::Place;
using writ::eval::Relation;

namespace {
const writ::ir::OrgTree kTree{{"root", ""}, {"partner", "root"}, {"client", "partner"}, {"sub", "client"}, {"other", "root"}};
}

TEST_CASE("relations of a named target", "[eval][org]") {
  Place client(kTree, "client");
  CHECK(client.of("client") == Relation::self);
  CHECK(client.of("partner") == Relation::descendant);
  CHECK(client.of("root") == Relation::descendant);
  CHECK(client.of("sub") == Relation::unrelated);    // below: nothing flows upward
  CHECK(client.of("other") == Relation::unrelated);  // sideways
  CHECK(client.of("ghost") == Relation::unrelated);
  CHECK(Place(kTree, "ghost").of("ghost") == Relation::self);  // equality needs no tree
  CHECK(Place(kTree, "ghost").of("root") == Relation::unrelated);
}

TEST_CASE("a cycle on the way up relates nothing but the target", "[eval][org][fail-closed]") {
  writ::ir::OrgTree loop{{"a", "b"}, {"b", "c"}, {"c", "a"}, {"x", "a"}};
  CHECK(Place(loop, "a").of("b") == Relation::unrelated);
  CHECK(Place(loop, "x").of("a") == Relation::unrelated);
  CHECK(Place(loop, "a").of("a") == Relation::self);
  CHECK(Place({}, "a").of("b") == Relation::unrelated);  // an empty tree is a tree: it relates nothing
}

TEST_CASE("a fresh organization below a parent", "[eval][org]") {
  Place below = Place::below(kTree, "client");
  CHECK(below.name().empty());
  CHECK(below.of("client") == Relation::descendant);
  CHECK(below.of("partner") == Relation::descendant);
  CHECK(below.of("sub") == Relation::unrelated);
  // What resolves to the fresh place's (empty) name — a binding without an organization — is held
  // there, as at decision time it is held at the target (docs/semantics.md §7).
  CHECK(below.of("") == Relation::self);
  CHECK(Place(kTree, "client").of("") == Relation::unrelated);  // a named place: the empty name is nothing
}
