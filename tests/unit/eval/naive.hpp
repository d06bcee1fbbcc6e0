// A deliberately naive second reading of docs/semantics.md, written for the tests: it decides a
// request from the IR's data alone, section by section, with no facts, no closures computed ahead
// and none of compiler/eval's or the condition store's evaluation code (it walks the condition
// nodes itself). Slow and obvious on purpose, so that the interpreter and this evaluator share no
// mistake: the small-world test (small_world_test.cpp) checks one against the other on every
// request of a small policy's domain, and law 5 (grant <= grantor) is checked with it.
#pragma once

#include "compiler/ir/policy.hpp"
#include "compiler/ir/request.hpp"

namespace writ::naive {

/// §2: the decision for the request's permission (unknown names deny).
bool decide(const ir::Policy& policy, const ir::Request& request);

/// §6.2 read independently: the decision for the grant's grantor as a principal of its own
/// (its kind, account type and role bindings, its automatic roles, no grants, no triggers) in the
/// same request otherwise.
bool grantor_allows(const ir::Policy& policy, const ir::Request& request, const ir::GrantInstance& grant);

}  // namespace writ::naive
