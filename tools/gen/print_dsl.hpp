// Writes the model as DSL text (docs/language.md): the policy file and the tests file. The
// layout follows the canonical form of `writ fmt` where it is cheap to do so; `writ fmt` is the
// authority on layout, the generator only promises text that compiles to what it means.
#pragma once

#include <string>

#include "tools/gen/model.hpp"

namespace writ::gen {

/// `header` goes first, as comment lines (each line gets `# `).
std::string print_policy(const Model& m, const std::string& header);
/// The organization fixture, tests and matrices; `import_policy` adds `import "policy.writ";`
/// (off when everything goes to one stream).
std::string print_tests(const Model& m, const std::string& header, bool import_policy);

}  // namespace writ::gen
