// The file rule (docs/language.md §2): declarations in any order, separated by whitespace and
// comments, up to the end of the input. Covered by tests/unit/dsl/grammar_test.cpp.
#pragma once

#include "grammar/declaration.hpp"

namespace writ::grammar {

struct file_end : eof {};
struct file : seq<sp, star<declaration, sp>, must<file_end>> {};

}  // namespace writ::grammar
