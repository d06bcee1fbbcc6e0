// The checks, one file per family, sharing what they read. Each appends findings whose witness
// the interpreter has confirmed; analyze.cpp applies severities and suppressions afterwards.
#pragma once

#include <string>
#include <vector>

#include "compiler/analysis/access.hpp"
#include "compiler/analysis/finding.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/assignments.hpp"

namespace writ::analysis {

struct CheckContext {
  const facts::Facts& facts;
  const ir::Policy& policy;
  const Access& access;
  const ir::Assignments* assignments;  ///< the assignments data, when given
  std::vector<Finding>& out;
  /// Record `f` if its witness is confirmed by the interpreter (exact or silent).
  void add(Finding f) const;
};

/// The first member's name, for messages ("e.g. `m/docs:edit`").
std::string first_name(const ir::Policy& p, const ir::PermissionSet& s);

void check_escalation(const CheckContext& c);   // check_escalation.cpp: A001, A002
void check_closure(const CheckContext& c);      // check_closure.cpp: A003
void check_grants(const CheckContext& c);       // check_grants.cpp: A004, A010-A013
void check_redundancy(const CheckContext& c);   // check_redundancy.cpp: A020-A022
void check_conflicts(const CheckContext& c);    // check_conflicts.cpp: A030, A031
void check_assignments(const CheckContext& c);  // check_assignments.cpp: A050-A052
void check_requirements(const CheckContext& c); // check_requirements.cpp: A032

}  // namespace writ::analysis
