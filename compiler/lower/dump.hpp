// Stable text dumps of each phase (`writ check --dump=ast|ir`), compared by golden tests.
// With `spans` off the IR dump is identical for a policy written in either syntax, which is how
// the round-trip tests compare IRs.
#pragma once

#include <string>

#include "compiler/ast/ast.hpp"
#include "compiler/ir/ir.hpp"
#include "compiler/source/source.hpp"

namespace writ::lower {

std::string dump_ast(const ast::File& file);
/// `sources` null: no spans (the syntax-independent form).
std::string dump_ir(const ir::Policy& policy, const SourceMap* sources);

}  // namespace writ::lower
