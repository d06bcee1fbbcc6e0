// The condition store (compiler/ir/condition.hpp): normal form (equal conditions, equal ids),
// Kleene evaluation, value classes for enumeration, and the one printer (compiler/ir/print.hpp).
// Conditions are built by lowering real DSL text, so the test reads as a policy author writes.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "compiler/driver/compile.hpp"
#include "compiler/ir/print.hpp"

using namespace writ;

namespace {

/// Compiles one role per condition and returns the policy; `when(i)` is the i-th condition.
struct Conds {
  driver::Compilation c;
  explicit Conds(const std::vector<std::string>& conditions) {
    std::string text = R"(policy p { }
attribute flag: bool;
attribute other: bool;
attribute env: {production, sandbox, staging};
attribute seats: int;
attribute region: string;
module m { action view: read; resource r actions view; }
)";
    for (std::size_t i = 0; i < conditions.size(); ++i)
      text += "role r" + std::to_string(i) + " { permit m/r:view when " + conditions[i] + "; }\n";
    c = driver::compile_text("c.writ", text);
    std::string diags;
    for (const auto& d : c.diags.items()) diags += d.message + "\n";
    INFO(diags);
    REQUIRE(c.ok());
  }
  const ir::Policy& p() const { return *c.policy; }
  ir::CondId when(std::size_t i) const { return p()[p()[p().role_by_name.at("r" + std::to_string(i))].at[0].permits[0]].when.id; }
  std::string text(std::size_t i) const { return ir::condition_text(p(), when(i)); }
  ir::Input attr(const std::string& name) const { return ir::Input{ir::InputKind::attribute, p().attribute_by_name.at(name)}; }
  ir::Truth eval(std::size_t i, const std::map<std::string, std::optional<ir::Value>>& values) const {
    return p().conditions.evaluate(when(i), [&](const ir::Input& in) -> std::optional<ir::Value> {
      if (in.kind != ir::InputKind::attribute) return std::nullopt;
      auto it = values.find(p()[in.attribute].name);
      return it == values.end() ? std::nullopt : it->second;
    });
  }
};

using T = ir::Truth;

}  // namespace

TEST_CASE("equal conditions have equal ids, however they are written", "[core][condition]") {
  Conds c({"context.flag and context.env == \"sandbox\"", "context.env == \"sandbox\" and context.flag", "not (not context.flag) and context.env in [\"sandbox\"]",
           "context.env != \"production\" and context.env != \"staging\" and context.flag", "context.flag and context.flag and context.env == \"sandbox\"",
           "context.flag or context.env == \"sandbox\""});
  CHECK(c.when(0) == c.when(1));
  CHECK(c.when(0) == c.when(2));
  CHECK(c.when(0) == c.when(3));  // closed domain: the complement of {production, staging}
  CHECK(c.when(0) == c.when(4));
  CHECK(c.when(0) != c.when(5));
}

TEST_CASE("atoms on one input merge: sets for and/or, negations included", "[core][condition]") {
  Conds c({"context.seats != 1 and context.seats != 2", "context.seats not in [1, 2]", "context.seats in [1, 2, 3] and context.seats != 2",
           "context.seats in [1, 3]", "context.seats == 1 or context.seats != 2", "context.seats != 2", "context.region == \"a\" and context.region == \"b\"",
           "context.region in []"});
  CHECK(c.when(0) == c.when(1));
  CHECK(c.when(2) == c.when(3));
  CHECK(c.when(4) == c.when(5));
  CHECK(c.when(6) == c.when(7));  // never true, but unknown when missing: not the constant false
  CHECK(c.when(7) != ir::kFalse);
  CHECK(c.eval(7, {}) == T::unknown);
  CHECK(c.eval(7, {{"region", ir::Value{std::string("a")}}}) == T::false_);
}

TEST_CASE("negation is pushed into atoms, De Morgan keeps three-valued meaning", "[core][condition]") {
  Conds c({"not (context.flag and context.seats == 3)", "not context.flag or context.seats != 3", "not (context.region in [\"eu\", \"us\"])",
           "context.region not in [\"us\", \"eu\"]"});
  CHECK(c.when(0) == c.when(1));
  CHECK(c.when(2) == c.when(3));
  // The negation lives in the atoms: `not flag` is flag in {false}; `seats != 3` is negated {3}.
  const auto& cs = c.p().conditions;
  const auto& n = cs.node(c.when(0));
  REQUIRE(n.op == ir::CondNode::Op::or_);
  REQUIRE(n.kids.size() == 2);
  for (auto k : n.kids) {
    REQUIRE(cs.node(k).op == ir::CondNode::Op::atom);
    const ir::Atom& a = cs.atom_of(cs.node(k).atom);
    if (a.input == c.attr("flag")) {
      CHECK(a.values == std::vector<ir::Value>{ir::Value{false}});
      CHECK_FALSE(a.negated);  // closed domain: folded into the complement
    } else {
      CHECK(a.input == c.attr("seats"));
      CHECK(a.values == std::vector<ir::Value>{ir::Value{std::int64_t{3}}});
      CHECK(a.negated);  // open domain: the negation stays on the atom
    }
  }
}

TEST_CASE("Kleene evaluation: missing values are unknown and propagate", "[core][condition]") {
  Conds c({"context.flag and context.other", "context.flag or context.other", "not context.flag", "context.env == \"sandbox\"", "context.seats in [1, 2]"});
  const ir::Value t{true}, f{false};
  // and: false wins, then unknown
  CHECK(c.eval(0, {{"flag", t}, {"other", t}}) == T::true_);
  CHECK(c.eval(0, {{"flag", f}}) == T::false_);
  CHECK(c.eval(0, {{"other", f}}) == T::false_);
  CHECK(c.eval(0, {{"flag", t}}) == T::unknown);
  CHECK(c.eval(0, {}) == T::unknown);
  // or: true wins, then unknown
  CHECK(c.eval(1, {{"flag", f}, {"other", f}}) == T::false_);
  CHECK(c.eval(1, {{"flag", t}}) == T::true_);
  CHECK(c.eval(1, {{"other", t}}) == T::true_);
  CHECK(c.eval(1, {{"flag", f}}) == T::unknown);
  // not unknown is unknown
  CHECK(c.eval(2, {}) == T::unknown);
  CHECK(c.eval(2, {{"flag", f}}) == T::true_);
  CHECK(c.eval(3, {{"env", ir::Value{std::string("sandbox")}}}) == T::true_);
  CHECK(c.eval(3, {{"env", ir::Value{std::string("production")}}}) == T::false_);
  CHECK(c.eval(3, {}) == T::unknown);
  CHECK(c.eval(4, {{"seats", ir::Value{std::int64_t{2}}}}) == T::true_);
  CHECK(c.eval(4, {{"seats", ir::Value{std::int64_t{7}}}}) == T::false_);
}

TEST_CASE("value classes: every value a condition names, one for the rest, and missing", "[core][condition]") {
  Conds c({"context.seats in [1, 2] and context.env == \"sandbox\"", "context.region == \"eu\" or context.flag"});
  const auto& cs = c.p().conditions;
  auto seats = cs.classes(c.attr("seats"), c.when(0));
  REQUIRE(seats.size() == 4);  // 1, 2, another int, missing
  CHECK(seats[0] == ir::Value{std::int64_t{1}});
  CHECK(seats[1] == ir::Value{std::int64_t{2}});
  REQUIRE(seats[2].has_value());
  CHECK((*seats[2] != ir::Value{std::int64_t{1}} && *seats[2] != ir::Value{std::int64_t{2}}));
  CHECK_FALSE(seats[3].has_value());
  auto env = cs.classes(c.attr("env"), c.when(0));
  REQUIRE(env.size() == 3);  // sandbox, one unnamed enum value, missing
  CHECK(env[0] == ir::Value{std::string("sandbox")});
  CHECK(env[1] != ir::Value{std::string("sandbox")});
  CHECK(cs.assignment_count(c.when(0)) == 12);
  CHECK(cs.assignment_count(c.when(1)) == 3 * 3);  // region: eu/other/missing; flag: true/false/missing
  // Every assignment of the classes gives each distinct truth value the condition can take.
  std::set<ir::Truth> seen;
  for (const auto& s : seats)
    for (const auto& e : env)
      seen.insert(cs.evaluate(c.when(0), [&](const ir::Input& in) { return in == c.attr("seats") ? s : e; }));
  CHECK(seen == std::set<ir::Truth>{T::true_, T::false_, T::unknown});
}

TEST_CASE("the printer prints the normal form as DSL text", "[core][condition][print]") {
  Conds c({"not (context.flag and context.seats == 3)", "context.env != \"production\"", "context.region not in [\"us\", \"eu\"]",
           "(context.flag or context.other) and context.seats == 1", "context.flag == false"});
  CHECK(c.text(0) == "context.seats != 3 or not context.flag");  // operands in text order
  CHECK(c.text(1) == "context.env != \"production\"");  // the shorter of a set and its complement
  CHECK(c.text(2) == "context.region not in [\"eu\", \"us\"]");
  CHECK(c.text(3) == "(context.flag or context.other) and context.seats == 1");
  CHECK(c.text(4) == "not context.flag");
}

TEST_CASE("comparisons of two inputs are rejected: an atom reads one input", "[core][condition]") {
  auto c = driver::compile_text("c.writ", R"(policy p { }
attribute a: bool;
attribute b: bool;
module m { action view: read; resource r actions view; }
role r { permit m/r:view when context.a == context.b; }
)");
  REQUIRE(c.diags.items().size() == 1);
  CHECK(c.diags.items()[0].code() == "W034");
  CHECK(c.diags.items()[0].message.find("compare a value with a literal") != std::string::npos);
}

TEST_CASE("`false` absorbs an `and` and `true` an `or`, the other constant is the unit (mutation M10)", "[core][condition]") {
  ir::Conditions cs;
  const ir::CondId named = cs.atom(ir::Atom{ir::Input{ir::InputKind::principal_named, {}}, {ir::Value{true}}, false});
  CHECK(cs.all({named, ir::kFalse}) == ir::kFalse);
  CHECK(cs.all({ir::kFalse, named}) == ir::kFalse);
  CHECK(cs.any({named, ir::kTrue}) == ir::kTrue);
  CHECK(cs.any({ir::kTrue, named}) == ir::kTrue);
  CHECK(cs.all({named, ir::kTrue}) == named);
  CHECK(cs.any({named, ir::kFalse}) == named);
  // Evaluated, a named principal: `named and false` is false, `not named or true` is true.
  auto read = [](const ir::Input&) -> std::optional<ir::Value> { return ir::Value{true}; };
  CHECK(cs.evaluate(cs.all({named, ir::kFalse}), read) == T::false_);
  CHECK(cs.evaluate(cs.any({cs.negate(named), ir::kTrue}), read) == T::true_);
}
