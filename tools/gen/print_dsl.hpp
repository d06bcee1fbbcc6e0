// Writes the model as DSL text (docs/language.md): the policy file and the tests file. The
// layout follows the canonical form of `writ fmt` where it is cheap to do so; `writ fmt` is the
// authority on layout, the generator only promises text that compiles to what it means.
#pragma once

#include <string>
#include <vector>

#include "tools/gen/model.hpp"

namespace writ::gen {

struct File {
  std::string name;
  std::string text;
};

/// `policy.writ` (header, policy, attributes, ...) and `policy_2.writ`, `policy_3.writ`, ...
/// (at least `min_files` files; more past `part_bytes`), which it imports and which import it
/// back. `header` goes first in each, as comments.
std::vector<File> print_policy(const Model& m, const std::string& header, std::size_t part_bytes, std::size_t min_files);
/// `tests.writ` importing the first and the last of the `policy` files: the organization fixture,
/// tests and matrices (split past `part_bytes` into `tests_2.writ`, ...).
std::vector<File> print_tests(const Model& m, const std::string& header, std::size_t part_bytes, const std::vector<File>& policy);
/// The policy in one text, without tests and imports (may exceed what writ reads from one file).
std::string print_policy_text(const Model& m, const std::string& header);
/// Everything in one text, for stdout (no imports; may exceed what writ reads from one file).
std::string print_single(const Model& m, const std::string& header);

}  // namespace writ::gen
