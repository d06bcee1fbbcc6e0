// The fast path of decide(): a principal holding only plain roles (no grant, no implicit grant)
// asking for a permission no forbid covers, answered from the per-role index that load builds
// (Table::Impl::segments). Everything else, and every cell the index marks complex, goes to the
// Engine; the answer and its reason are the Engine's exactly (tests/unit/table/differential_test.cpp
// compares both with the interpreter; tests/fixtures/runtime_fast_path/ holds its edges).
#pragma once

#include "table_impl.hpp"

namespace writ::runtime {

/// Fills the fast index of a validated table. Bounded work: roles past the budget get no index.
void build_fast_index(Table::Impl& t);

/// The decision for `rq` when the fast path can give it (true); false: ask the Engine.
bool fast_decide(const Table::Impl& t, const Request& rq, Decision& d);

}  // namespace writ::runtime
