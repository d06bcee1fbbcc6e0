// The only place the generator's tests touch the compiler: compile generated text, run its
// tests, and read the sizes back from the IR. The IR and the interpreter's API are being
// reshaped (issue 6); when they change, this file is what to port.
#pragma once

#include <string>
#include <vector>

#include "tools/gen/generator.hpp"

namespace writ::gen::testing {

struct Compiled {
  bool ok = false;                    ///< compiled without errors
  std::vector<std::string> messages;  ///< every diagnostic, errors and warnings
  int roles = 0, permissions = 0, edges = 0;
  int tests = 0, validate_tests = 0, passed = 0;
  std::vector<std::string> failures;  ///< `name: expected X, got Y`
};

/// Writes `out`'s files (policy.writ, tests.writ and their parts) under a fresh directory and
/// compiles tests.writ.
Compiled compile_output(const Output& out, const std::string& name);
/// Compiles the single-file form (what writ-gen prints to stdout).
Compiled compile_single(const Output& out);

}  // namespace writ::gen::testing
