// The request space of one diff question (compiler/diff/space.hpp): one value per class each
// input can tell apart (named values, one unnamed value of an open domain, "missing"), the kinds
// asked, and a mixed-radix enumeration that visits every combination exactly once.
#include <algorithm>
#include <set>

#include "compiler/diff/space.hpp"
#include "compiler/ir/print.hpp"
#include "tests/unit/diff/diff_support.hpp"

using namespace writ;
using namespace writ::diff;
using writ::diff::testing::compile;

namespace {

const std::string kPolicy = R"(
policy p { combining permissive; }
attribute flag: bool;
attribute tier: {free, paid, gold};
attribute region: string;
module m {
  action view: read;
  action edit: write;
  resource docs actions view, edit;
}
role editor {
  permit m/docs:view when context.flag;
  permit m/docs:edit when context.tier == "paid" and context.region == "eu";
}
)";

Reads reads_of_rules(const ir::Policy& p) {
  Reads r;
  for (const auto& rule : p.rules) r.conditions.push_back(rule.when.id);
  return r;
}

const Dim* dim(const Space& s, const std::string& input) {
  for (const auto& d : s.dims)
    if (d.input() == input) return &d;
  return nullptr;
}

std::vector<std::string> labels(const Dim& d) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < d.size(); ++i) out.push_back(d.label(i));
  return out;
}

}  // namespace

TEST_CASE("each input has one value per class: named values, an unnamed one where the domain is open, missing") {
  const auto v = compile("p.writ", kPolicy);
  const auto& p = *v->c.policy;
  const auto s = space_for(p, reads_of_rules(p), p, reads_of_rules(p));
  const Dim* flag = dim(s, "context.flag");
  const Dim* tier = dim(s, "context.tier");
  const Dim* region = dim(s, "context.region");
  REQUIRE(flag);
  REQUIRE(tier);
  REQUIRE(region);
  CHECK(labels(*flag) == std::vector<std::string>{"false", "true", "missing"});
  // An enum is closed: all its values, and no invented one.
  CHECK(labels(*tier).size() == 4);
  CHECK(labels(*tier).back() == "missing");
  // A string is open: "eu", a value no condition names, missing.
  REQUIRE(region->size() == 3);
  CHECK(region->label(0) == "\"eu\"");
  CHECK(region->label(1) != "\"eu\"");
  CHECK(region->label(2) == "missing");
  // No condition reads the account type or ownership: no dimension for them.
  CHECK_FALSE(dim(s, "principal.named"));
  CHECK_FALSE(dim(s, "principal.is_owner"));
}

TEST_CASE("kinds are those the holders have, or every kind when a version does not restrict them") {
  const auto v = compile("p.writ", kPolicy);
  const auto& p = *v->c.policy;
  Reads internal_only;
  internal_only.kinds = {ir::PrincipalKind::internal};
  Reads external_only;
  external_only.kinds = {ir::PrincipalKind::external};
  auto s = space_for(p, internal_only, p, external_only);
  REQUIRE(dim(s, "principal.kind"));
  CHECK(dim(s, "principal.kind")->kinds == std::vector<ir::PrincipalKind>{ir::PrincipalKind::internal, ir::PrincipalKind::external});
  s = space_for(p, internal_only, p, Reads{});
  CHECK(dim(s, "principal.kind")->size() == ir::all_of<ir::PrincipalKind>().size());
}

TEST_CASE("the enumeration visits every combination once and digits round-trip") {
  const auto v = compile("p.writ", kPolicy);
  const auto& p = *v->c.policy;
  const auto s = space_for(p, reads_of_rules(p), p, reads_of_rules(p));
  std::size_t product = 1;
  for (const auto& d : s.dims) product *= d.size();
  REQUIRE(s.size(1'000'000) == product);
  CHECK(s.size(product - 1) == product);  // saturates just above the cap
  std::set<std::vector<std::size_t>> seen;
  std::set<std::string> requests;
  for (std::size_t a = 0; a < product; ++a) {
    std::vector<std::size_t> digits;
    for (std::size_t d = 0; d < s.dims.size(); ++d) {
      digits.push_back(s.digit(a, d));
      CHECK(s.with(a, d, s.digit(a, d)) == a);
      const std::size_t other = (s.digit(a, d) + 1) % s.dims[d].size();
      CHECK(s.digit(s.with(a, d, other), d) == other);
    }
    seen.insert(digits);
    ir::Request r;
    r.context["region"] = ir::Value{std::string("stale")};  // overwritten or erased by apply
    s.apply(a, r);
    std::string key = std::string(ir::name(r.principal.kind));
    for (const auto& [name, value] : r.context) key += " " + name + "=" + ir::value_text(value);
    requests.insert(key);
  }
  CHECK(seen.size() == product);
  CHECK(requests.size() == product);  // apply is one-to-one: no two assignments ask the same
}

TEST_CASE("missing erases the attribute from the request") {
  const auto v = compile("p.writ", kPolicy);
  const auto& p = *v->c.policy;
  const auto s = space_for(p, reads_of_rules(p), p, reads_of_rules(p));
  std::size_t a = 0;
  for (std::size_t d = 0; d < s.dims.size(); ++d)
    if (s.dims[d].kind == Dim::Kind::attribute) a = s.with(a, d, s.dims[d].size() - 1);
  ir::Request r;
  r.context["flag"] = ir::Value{true};
  r.context["tier"] = ir::Value{std::string("paid")};
  s.apply(a, r);
  CHECK(r.context.empty());
}
