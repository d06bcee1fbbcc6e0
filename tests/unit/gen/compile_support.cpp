// See compile_support.hpp.
#include "tests/unit/gen/compile_support.hpp"

#include <filesystem>
#include <fstream>

#include "compiler/driver/compile.hpp"
#include "compiler/eval/test_runner.hpp"
#include "compiler/facts/facts.hpp"

namespace writ::gen::testing {
namespace {

Compiled measure(const driver::Compilation& c) {
  Compiled out;
  for (const auto& d : c.diags.items()) out.messages.push_back(d.message);
  out.ok = c.ok();
  if (!out.ok) return out;
  const ir::Policy& p = *c.policy;
  out.roles = static_cast<int>(p.roles.size());
  out.permissions = static_cast<int>(p.permission_count());
  for (const auto& r : p.roles)
    for (auto a : r.assigned_by) out.edges += static_cast<int>(p[a].roles.size());
  for (const auto& t : p.templates) {
    for (auto a : t.granted_by) out.edges += static_cast<int>(p[a].roles.size());
    out.edges += static_cast<int>(t.grantable_roles.size());
  }
  for (const auto& ig : p.implicit_grants) out.edges += static_cast<int>(ig.grantee_roles.size() + ig.grants_roles.size());
  out.tests = static_cast<int>(c.suite.tests.size());
  for (const auto& t : c.suite.tests)
    if (t.query == ir::TestCase::Query::validate) ++out.validate_tests;
  const facts::Facts facts(p);
  eval::TestRun run = eval::run_tests(facts, c.suite);
  out.passed = static_cast<int>(run.passed);
  for (const auto& r : run.results)
    if (!r.passed) out.failures.push_back(r.test->name + ": expected " + r.expected + ", got " + r.actual);
  return out;
}

}  // namespace

Compiled compile_output(const Output& out, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("writ_gen_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& [file, text] : out.files) std::ofstream(dir / file, std::ios::binary) << text;
  return measure(driver::compile_file(dir / "tests.writ"));
}

Compiled compile_single(const Output& out) { return measure(driver::compile_text("generated.writ", out.single)); }

}  // namespace writ::gen::testing
