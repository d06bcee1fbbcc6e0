// Helpers for the analysis tests: compile a fixture of tests/fixtures/analysis/, run every check,
// and replay a finding's witness through the interpreter directly (not through analysis::confirm,
// so a bug in the analysis' own replay cannot hide one in its witnesses).
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>

#include "compiler/analysis/analyze.hpp"
#include "compiler/driver/compile.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/facts/facts.hpp"

namespace writ::analysis::testing {

struct Analyzed {
  std::unique_ptr<driver::Compilation> c;
  std::unique_ptr<facts::Facts> facts;
  Result result;

  [[nodiscard]] std::vector<const Finding*> of(Check check) const {
    std::vector<const Finding*> out;
    for (const auto& f : result.findings)
      if (f.check == check) out.push_back(&f);
    return out;
  }
};

/// Compile `name` (without `.writ`); `tweak` may edit the IR (settings the grammar lacks) first.
template <class Tweak>
Analyzed analyze_fixture(const std::string& name, Tweak&& tweak, const Options& options = {}) {
  Analyzed a;
  a.c = std::make_unique<driver::Compilation>(driver::compile_file(std::string(WRIT_TEST_DIR) + "/fixtures/analysis/" + name + ".writ"));
  INFO(name);
  for (const auto& d : a.c->diags.items()) INFO(d.message);
  REQUIRE(a.c->ok());
  tweak(*a.c->policy);
  a.facts = std::make_unique<facts::Facts>(*a.c->policy);
  a.result = analyze(*a.facts, options);
  return a;
}
inline Analyzed analyze_fixture(const std::string& name) {
  return analyze_fixture(name, [](ir::Policy&) {});
}

/// Every query of the witness answered by compiler/eval as the finding claims.
inline bool replays(const facts::Facts& f, const Finding& finding) {
  for (const auto& q : finding.witness.queries) {
    switch (q.kind) {
      case Query::Kind::decide:
        if (eval::decide(f, q.request).allow != q.expect_allow) return false;
        break;
      case Query::Kind::assign:
        if (eval::may_assign(f, q.request, q.role, "").allow != q.expect_allow) return false;
        break;
      case Query::Kind::validate: {
        if (!q.grant) return false;
        auto v = eval::validate_grant(f, q.request, *q.grant);
        if (std::any_of(v.begin(), v.end(), [&](const eval::Violation& x) { return eval::code_name(x.code) == q.absent_violation; }))
          return false;
        break;
      }
    }
  }
  return true;
}

}  // namespace writ::analysis::testing
