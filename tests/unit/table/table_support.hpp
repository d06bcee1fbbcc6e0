// What the table tests share: compile a policy, write and load its table, and ask one question of
// both the reference interpreter and the runtime, reporting any disagreement (decision, first
// reason code, deciding rule) as text so a failure prints the request that shows it.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compiler/driver/compile.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/request.hpp"
#include "runtime/include/writ/runtime.hpp"

namespace writ::table_testing {

struct Compiled {
  driver::Compilation compilation;
  std::unique_ptr<facts::Facts> facts;
  std::vector<std::uint8_t> bytes;
  std::shared_ptr<const runtime::Table> table;
  std::string load_error;
};

/// Compiles, writes the table and loads it. `ok()` false when the policy does not compile.
std::unique_ptr<Compiled> build(driver::Compilation c);
inline bool ok(const Compiled& c) { return c.table != nullptr; }

/// A sweep over one compiled policy: the number of questions asked; disagreements appended.
using Sweep = std::function<std::size_t(const Compiled&, std::vector<std::string>& failures)>;
/// Compiles the policy at `root` and checks (Catch2) that `sweep` asks something and finds no
/// disagreement; a policy that does not compile fails only when `must_compile`.
void check_policy(const std::filesystem::path& root, bool must_compile, const Sweep& sweep);

/// The seeds of one run over generated policies: WRIT_TABLE_SEED the first (default 1), the
/// environment variable `count_variable` how many (default `count`).
std::vector<std::uint64_t> seeds(const char* count_variable, int count);
/// The policy writ-gen makes from `seed` with the table tests' options, compiled, loaded and
/// swept; requires (Catch2) that it compiles and `sweep` finds no disagreement, printing the seed
/// and the writ-gen command that reproduces the policy. Returns the compiled policy.
std::unique_ptr<Compiled> check_generated(std::uint64_t seed, const Sweep& sweep);

/// Empty when both agree on `r` (decide); else what differs.
std::string compare_decide(const Compiled& c, const ir::Request& r);
/// Empty when both agree on may_assign(r, role, org).
std::string compare_assign(const Compiled& c, const ir::Request& r, const std::string& role, const std::string& org);

/// Every question of the exhaustive domain of one policy (docs in differential_test.cpp).
/// Returns the number of questions asked; disagreements are appended to `failures` (at most 20).
std::size_t sweep(const Compiled& c, std::vector<std::string>& failures);

/// The smaller sweep for generated policies: the policy's tests, every single role at the target
/// and above it, every permission, the context classes on one role, and each template's grants.
std::size_t quick_sweep(const Compiled& c, std::vector<std::string>& failures);

}  // namespace writ::table_testing
