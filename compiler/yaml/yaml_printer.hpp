// Canonical YAML text for an AST (`writ fmt --to yaml`). Reading the output back gives an AST that
// lowers to the same IR. Comments of the DSL are emitted as YAML comments where they fit.
#pragma once

#include <string>

#include "compiler/ast/ast.hpp"

namespace writ::yaml {

std::string print_file(const ast::File& file);

}  // namespace writ::yaml
