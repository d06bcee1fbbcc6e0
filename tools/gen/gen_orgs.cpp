// The organization fixture (docs/language.md §11): a tree under `root` (the default target) of
// accounts, their workspaces and teams, plus a second tree that nothing below `root` relates to,
// so tests can ask at unrelated organizations.
#include <fmt/format.h>

#include "tools/gen/build.hpp"

namespace writ::gen {

void build_orgs(Model& m, Rng& rng) {
  auto add = [&](std::string name, int parent) {
    m.orgs.push_back(Org{std::move(name), parent});
    return static_cast<int>(m.orgs.size()) - 1;
  };
  const int root = add("root", -1);
  const int accounts = rng.between(2, 4);
  for (int a = 1; a <= accounts; ++a) {
    int acct = add(fmt::format("acct{}", a), root);
    const int workspaces = rng.between(1, 3);
    for (int w = 1; w <= workspaces; ++w) {
      int ws = add(fmt::format("acct{}_ws{}", a, w), acct);
      if (rng.chance(40)) add(fmt::format("acct{}_ws{}_team", a, w), ws);
    }
  }
  int vendor = add("vendor", -1);
  add("vendor_lab", vendor);
}

}  // namespace writ::gen
