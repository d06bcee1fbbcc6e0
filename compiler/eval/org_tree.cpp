// See org_tree.hpp.
#include "compiler/eval/org_tree.hpp"

namespace writ::eval {
namespace {

std::set<std::string, std::less<>> ancestors_of(const ir::OrgTree& tree, const std::string& start, bool include_start) {
  std::set<std::string, std::less<>> out;
  std::set<std::string, std::less<>> seen{start};
  if (include_start) out.insert(start);
  std::string cur = start;
  while (true) {
    auto it = tree.find(cur);
    if (it == tree.end() || it->second.empty()) return out;
    if (!seen.insert(it->second).second) return {};  // a cycle: the tree is malformed
    out.insert(it->second);
    cur = it->second;
  }
}

}  // namespace

Place::Place(const ir::OrgTree& tree, std::string target) : target_(std::move(target)), ancestors_(ancestors_of(tree, target_, false)) {}

Place Place::below(const ir::OrgTree& tree, const std::string& parent) {
  Place p;
  p.fresh_ = true;
  p.ancestors_ = ancestors_of(tree, parent, true);
  if (p.ancestors_.empty()) p.ancestors_.insert(parent);  // even in a malformed tree, the parent is above
  return p;
}

Relation Place::of(std::string_view held_at) const {
  if (held_at == target_ && (fresh_ || !target_.empty())) return Relation::self;
  return ancestors_.count(held_at) ? Relation::descendant : Relation::unrelated;
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
