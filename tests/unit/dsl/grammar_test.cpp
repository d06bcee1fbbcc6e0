// The grammar itself: PEGTL's analyzer finds no rule that can loop without consuming input, and
// ordinary policies stay far below the parser's step budget (W007 is for pathological input only).
#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "compiler/dsl/dsl_actions.hpp"
#include "dsl_test_support.hpp"

using namespace writ;

TEST_CASE("grammar has no infinite loops or left recursion", "[dsl][grammar]") {
  CHECK(tao::pegtl::analyze<grammar::file>() == 0);
  CHECK(tao::pegtl::analyze<grammar::expression_fragment>() == 0);
  CHECK(tao::pegtl::analyze<grammar::pattern_fragment>() == 0);
  CHECK(tao::pegtl::analyze<grammar::requirement_fragment>() == 0);
}

namespace {

std::size_t steps_for(const std::string& text, std::size_t budget) {
  dsl::detail::State state(text, Span{1, 0, 0, 1, 1}, budget);
  tao::pegtl::memory_input<> in(text.data(), text.size(), "steps");
  tao::pegtl::parse<grammar::file, dsl::detail::action, dsl::detail::control>(in, state);
  return state.steps;
}

}  // namespace

TEST_CASE("real policies use a small fraction of the step budget", "[dsl][grammar][budget]") {
  for (const auto& path : test::writ_files()) {
    std::string text = test::read_text(path);
    auto p = test::parse_text(text);
    if (!p.ok()) continue;  // fixtures with deliberate errors
    INFO(path.string());
    std::size_t steps = steps_for(text, limits::parse_step_budget(text.size()));
    CHECK(steps < 20 * text.size() + 10000);
  }
}

TEST_CASE("the step budget stops the parser", "[dsl][grammar][budget]") {
  std::string text = "role r { permit a/b:c; permit a/b:c; permit a/b:c; }";
  CHECK_THROWS_AS(steps_for(text, 20), dsl::detail::BudgetExhausted);
  CHECK_NOTHROW(steps_for(text, limits::parse_step_budget(text.size())));
}
