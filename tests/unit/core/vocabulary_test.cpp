// The language's vocabularies: every enumerator has a distinct spelling that parses back to it,
// and the spellings are the ones docs/language.md uses.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "compiler/ast/names.hpp"
#include "compiler/ir/vocabulary.hpp"

using namespace writ;

namespace {
template <class E>
void round_trips() {
  std::set<std::string_view> seen;
  for (E e : ir::all_of<E>()) {
    auto n = ir::name(e);
    CHECK(seen.insert(n).second);
    auto back = ir::parse_name<E>(n);
    REQUIRE(back.has_value());
    CHECK(*back == e);
  }
  CHECK_FALSE(ir::parse_name<E>("no_such_name").has_value());
}
}  // namespace

TEST_CASE("every vocabulary round-trips through its names", "[core][vocabulary]") {
  round_trips<ir::PrincipalKind>();
  round_trips<ir::ActionClass>();
  round_trips<ir::Combining>();
  round_trips<ir::Presence>();
  round_trips<ir::OrgScope>();
  round_trips<ir::AttributeType>();
}

TEST_CASE("the spellings are the language's", "[core][vocabulary]") {
  CHECK(ir::name(ir::PrincipalKind::vendor_support) == "vendor_support");
  CHECK(ir::name(ir::Combining::deny_overrides) == "deny_overrides");
  CHECK(ir::name(ir::OrgScope::descendants) == "descendants");
  CHECK(ast::scope_name(ast::OrgScope::siblings) == "siblings");
  CHECK(ast::scope_name(ast::OrgScope::descendants) == "descendants");
  CHECK(ir::name(static_cast<ir::PrincipalKind>(200)) == "?");
}
