// See equiv.hpp: one policy change asked of the diff engine, and the findings of the layer.
#include <algorithm>

#include "compiler/analysis/analyze.hpp"
#include "compiler/diff/diff.hpp"
#include "compiler/equiv/equiv.hpp"

namespace writ::equiv {

Verdict same_decisions(const facts::Facts& original, const ir::Policy& changed) {
  const facts::Facts other(changed);
  diff::Options o;
  o.findings = false;  // decisions only: the findings of both versions are not what is asked
  o.access_only = true;
  const auto d = diff::compare(original, other, o);
  // Edges and grant limits are not decisions of a role's holder: a change of who may assign
  // what is not an access change, and the checks of this layer say so in their rule.
  if (!d.access.empty() || !d.renamed.empty()) return Verdict::differs;
  return d.incomplete.empty() ? Verdict::equivalent : Verdict::undecided;
}

bool reads_grants(const ir::Policy& p, ir::CondId c) {
  if (c == ir::kTrue) return false;
  const auto in = p.conditions.inputs(c);
  return std::any_of(in.begin(), in.end(), [](const ir::Input& i) { return i.kind == ir::InputKind::principal_has_grant; });
}

std::vector<analysis::Finding> findings(const facts::Facts& facts) {
  std::vector<analysis::Finding> out;
  auto keep = [&](std::vector<analysis::Finding> fs) {
    for (auto& f : fs)
      if (analysis::confirm(facts, f.witness)) out.push_back(std::move(f));  // exact or silent
  };
  keep(identical_roles(facts));
  keep(redundant_rules(facts));
  return out;
}

}  // namespace writ::equiv
