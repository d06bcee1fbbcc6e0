// The redundancy checks that are decided as "this policy change changes no decision": A023 (two
// roles that can replace each other), A024 (a permit other rules already give) and A025 (a deny
// other denies already make). Each candidate change is a policy the diff engine (compiler/diff/)
// compares with the original over every role, interacting combination of roles, scope, principal
// kind and input class; only a comparison that is complete and finds no access change counts, so
// a finding is true over the whole finite domain, and a comparison the diff cannot finish within
// its bounds stays silent. Candidates are found first by what must hold for the change to be
// equivalent (equal decisions on fixed requests for roles, a covering rule for rules), so the
// engine runs on few of them. docs/checks.md is the catalogue. Covered by tests/unit/equiv/.
#pragma once

#include <vector>

#include "compiler/analysis/finding.hpp"
#include "compiler/facts/facts.hpp"

namespace writ::equiv {

enum class Verdict : std::uint8_t { equivalent, differs, undecided };

/// Does `changed` (the policy of `original` with one change, same names) decide every request of
/// a principal holding roles exactly as `original` does? Undecided when the diff engine says it did
/// not compare something.
Verdict same_decisions(const facts::Facts& original, const ir::Policy& changed);

/// Whether condition `c` reads `principal.has_grant`, which the diff's requests never set (a
/// role's holder holds no grant): a change such a condition decides is not seen by the engine.
bool reads_grants(const ir::Policy& p, ir::CondId c);

std::vector<analysis::Finding> identical_roles(const facts::Facts& facts);  // identical_roles.cpp: A023
std::vector<analysis::Finding> redundant_rules(const facts::Facts& facts);  // redundant_rules.cpp: A024, A025

/// Every finding of this layer, each witness confirmed by the interpreter, for analysis::analyze's
/// `more` (which settles severities and suppressions).
std::vector<analysis::Finding> findings(const facts::Facts& facts);

}  // namespace writ::equiv
