// See org_tree.hpp.
#include "compiler/eval/org_tree.hpp"

#include <set>

namespace writ::eval {

Relation relation(const std::map<std::string, std::string>& parents, std::string_view held_at, std::string_view target) {
  if (held_at == target) return Relation::self;
  // Walk up from the target; a cycle means the tree is malformed, and a malformed tree relates
  // nothing (fail closed) rather than everything.
  std::set<std::string, std::less<>> seen{std::string(target)};
  std::string_view cur = target;
  bool found = false;
  while (true) {
    auto it = parents.find(std::string(cur));
    if (it == parents.end() || it->second.empty()) break;
    if (!seen.insert(it->second).second) return Relation::unrelated;
    if (it->second == held_at) found = true;
    cur = it->second;
  }
  return found ? Relation::descendant : Relation::unrelated;
}

std::string_view relation_name(Relation r) {
  switch (r) {
    case Relation::self: return "self";
    case Relation::descendant: return "descendant";
    case Relation::unrelated: return "unrelated";
  }
  return "unrelated";
}

}  // namespace writ::eval
