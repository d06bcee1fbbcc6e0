// Private to the DSL parser: every action of the grammar, one file per layer — actions_common.hpp
// (control, helpers, tokens), actions_expr.hpp (§3 expressions, §4 patterns), actions_decls.hpp
// (§2, §5–§10 declarations), actions_tests.hpp (§11 tests). dsl_parser.cpp includes this.
#pragma once

#include "compiler/dsl/actions_tests.hpp"
