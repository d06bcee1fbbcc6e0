// The AST dump (`writ check --dump=ast`), compared by golden tests. The IR's dump is
// compiler/ir/dump.hpp.
#pragma once

#include <string>

#include "compiler/ast/ast.hpp"
#include "compiler/source/source.hpp"

namespace writ::lower {

std::string dump_ast(const ast::File& file);

}  // namespace writ::lower
