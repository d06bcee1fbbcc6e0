// compare(): the families of questions in order. Renames are found first (access.cpp), since
// edges and limits compare roles by NEW's names.
#include "compiler/diff/engine.hpp"

namespace writ::diff {

std::string_view direction_name(Direction d) { return d == Direction::gained ? "gained" : "lost"; }

Result compare(const facts::Facts& old_facts, const facts::Facts& new_facts, const Options& options) {
  Result out;
  const Unchanged unchanged(old_facts, new_facts);
  const Pair v{old_facts, new_facts, options, out, unchanged};
  compare_access(v);
  if (options.access_only) return out;
  compare_edges(v);
  compare_limits(v);
  if (options.findings) compare_findings(v);
  compare_blast(v);
  return out;
}

}  // namespace writ::diff
