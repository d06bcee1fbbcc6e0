// Modules, their actions, nested resources and levels (docs/language.md §5).
//
// Zones: the first top-level resource of every regular module is *sensitive*. Denies, template
// denies and forbid rules aim only there (and at the `archive` module), and grantable roles never
// reach it, so everything else can be reasoned about without them. `archive` is named by no
// allow rule at all: whatever it holds is denied to everyone, which `never` assertions state.
//
// Levels of each regular module: basic (reads of two sections) < standard (writes of them, one
// permit requiring a level of an earlier module) < full (everything); full_ro and sometimes
// standard_ro are derived read-only; ops (modules after the first) carries a level-wide
// requirement. Requirements only point at earlier modules, so they never form a cycle (W023).
#include <fmt/format.h>

#include <algorithm>

#include "tools/gen/build.hpp"
#include "tools/gen/names.hpp"

namespace writ::gen {

std::string numbered(std::string_view word, std::vector<int>& counts, std::size_t index) {
  if (counts.size() <= index) counts.resize(index + 1, 0);
  const int n = ++counts[index];
  if (n == 1) return std::string(word);
  // Repeats cycle through the identifier's character classes (docs/language.md §1: upper case,
  // digits, underscores, a leading underscore), the word's index shifting the cycle so that small
  // policies get every form. The number keeps each name distinct.
  std::string upper(word), capital(word);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  capital[0] = upper[0];
  switch ((static_cast<std::size_t>(n) + index) % 4) {
    case 0: return fmt::format("{}_{}", word, n);
    case 1: return fmt::format("{}{}", capital, n);
    case 2: return fmt::format("_{}_{}", word, n);
    default: return fmt::format("{}_{}", upper, n);
  }
}

namespace {

std::vector<Action> module_actions(Rng& rng) {
  std::vector<Action> out;
  const int reads = rng.between(2, 3), writes = rng.between(3, 5);
  out.push_back({"view", false});
  std::vector<std::string_view> pool(kReadActions.begin() + 1, kReadActions.end());
  for (int i = 1; i < reads; ++i) {
    std::size_t k = rng.below(pool.size());
    out.push_back({std::string(pool[k]), false});
    pool.erase(pool.begin() + static_cast<long>(k));
  }
  std::vector<std::string_view> wpool(kWriteActions.begin(), kWriteActions.end());
  for (int i = 0; i < writes; ++i) {
    std::size_t k = rng.below(wpool.size());
    out.push_back({std::string(wpool[k]), true});
    wpool.erase(wpool.begin() + static_cast<long>(k));
  }
  return out;
}

/// Appends resource `name` (and, in pre-order, what `children` says) to module `mi`.
class ResourceMaker {
 public:
  ResourceMaker(Model& m, int mi, Rng& rng) : m_(m), mi_(mi), rng_(rng) {}

  int add(const std::string& name, int parent, bool sensitive) {
    Resource r;
    r.module = mi_;
    r.parent = parent;
    r.name = name;
    r.path = parent < 0 ? name : m_.resources[parent].path + "/" + name;
    r.sensitive = sensitive;
    const auto& actions = m_.modules[mi_].actions;
    // Every resource can be viewed; each other action with even odds, and every section has a
    // write so `@write` patterns on it select something.
    r.actions.push_back(0);
    for (int a = 1; a < static_cast<int>(actions.size()); ++a)
      if (rng_.chance(45)) r.actions.push_back(a);
    if (parent < 0 && std::none_of(r.actions.begin(), r.actions.end(), [&](int a) { return actions[a].write; }))
      r.actions.push_back(static_cast<int>(actions.size()) - 1);
    r.first_perm = static_cast<int>(m_.permissions.size());
    const int id = static_cast<int>(m_.resources.size());
    for (int a : r.actions) m_.permissions.push_back(Permission{mi_, id, a});
    m_.resources.push_back(std::move(r));
    m_.modules[mi_].resources.push_back(id);
    if (parent >= 0) m_.resources[parent].children.push_back(id);
    return id;
  }

  void close(int id) { m_.resources[id].subtree_end = static_cast<int>(m_.permissions.size()); }

 private:
  Model& m_;
  int mi_;
  Rng& rng_;
};

void add_resources(Model& m, int mi, int target, int min_sections, Rng& rng) {
  ResourceMaker maker(m, mi, rng);
  std::vector<int> section_counts;
  int sections = 0;
  while (sections < min_sections || static_cast<int>(m.permissions.size()) - m.modules[mi].first_perm < target) {
    const bool sensitive = sections == 0 && !m.modules[mi].dead;
    std::string name = numbered(kSectionWords[sections % kSectionWords.size()], section_counts, sections % kSectionWords.size());
    int sec = maker.add(name, -1, sensitive);
    m.modules[mi].top.push_back(sec);
    const int children = rng.between(1, 4);
    std::vector<int> item_counts;  // per section, so siblings get distinct names
    for (int c = 0; c < children; ++c) {
      std::size_t w = rng.below(kItemWords.size());
      int child = maker.add(numbered(kItemWords[w], item_counts, w), sec, sensitive);
      const int grandchildren = rng.between(0, 2);
      std::vector<int> sub_counts;
      for (int g = 0; g < grandchildren; ++g) {
        std::size_t w2 = rng.below(kItemWords.size());
        maker.close(maker.add(numbered(kItemWords[w2], sub_counts, w2), child, sensitive));
      }
      maker.close(child);
    }
    maker.close(sec);
    ++sections;
  }
}

int add_level(Model& m, int mi, std::string name, std::string title) {
  Level l;
  l.module = mi;
  l.name = std::move(name);
  l.title = std::move(title);
  m.levels.push_back(std::move(l));
  int id = static_cast<int>(m.levels.size()) - 1;
  m.modules[mi].levels.push_back(id);
  return id;
}

Rule permit(Pattern p) { return Rule{p, std::nullopt, {}}; }

void add_levels(Model& m, int mi, Rng& rng) {
  Module& mod = m.modules[mi];
  const std::vector<int> general(mod.top.begin() + 1, mod.top.end());
  auto section = [&](std::size_t k) { return general[k % general.size()]; };
  const std::size_t a = rng.below(general.size()), b = a + 1 + rng.below(std::max<std::size_t>(1, general.size() - 1));

  int basic = add_level(m, mi, "basic", "Basic");
  m.levels[basic].permits.push_back(permit(resource_pattern(m, section(a), true, Pattern::Filter::read)));
  m.levels[basic].permits.push_back(permit(resource_pattern(m, section(b), true, Pattern::Filter::read)));

  int standard = add_level(m, mi, "standard", "Standard");
  m.levels[standard].above.push_back(basic);
  m.levels[standard].permits.push_back(permit(resource_pattern(m, section(a), true, Pattern::Filter::all)));
  m.levels[standard].permits.push_back(permit(resource_pattern(m, section(b), true, Pattern::Filter::read)));
  if (mi > 0) {
    // A permit that counts only with a level of an earlier module: the ⭐ cells of a matrix.
    Rule r = permit(resource_pattern(m, section(b), true, Pattern::Filter::write));
    int other = static_cast<int>(rng.below(static_cast<std::uint64_t>(mi)));
    r.requires_.push_back(Requirement{other, m.modules[other].basic});
    m.levels[standard].permits.push_back(r);
  }

  int full = add_level(m, mi, "full", "Full access");
  m.levels[full].above.push_back(standard);
  m.levels[full].permits.push_back(permit(module_pattern(m, mi, Pattern::Filter::all)));

  int full_ro = add_level(m, mi, "full_ro", "Full access, read-only");
  m.levels[full_ro].readonly_of = full;

  Module& mod2 = m.modules[mi];
  mod2.basic = basic;
  mod2.standard = standard;
  mod2.full = full;
  mod2.full_ro = full_ro;
  if (rng.chance(50)) {
    mod2.standard_ro = add_level(m, mi, "standard_ro", "Standard, read-only");
    m.levels[m.modules[mi].standard_ro].readonly_of = standard;
    m.levels[m.modules[mi].standard_ro].above.push_back(basic);
  }
  if (mi > 0 && rng.chance(60)) {
    int ops = add_level(m, mi, "ops", "Operations");
    m.levels[ops].above.push_back(basic);
    int other = static_cast<int>(rng.below(static_cast<std::uint64_t>(mi)));
    m.levels[ops].requirements.push_back(Requirement{other, m.modules[other].basic});
    m.levels[ops].permits.push_back(permit(resource_pattern(m, section(a + 2), true, Pattern::Filter::write)));
    m.levels[ops].permits.push_back(permit(resource_pattern(m, section(a + 2), true, Pattern::Filter::read)));
    m.modules[mi].ops = ops;
  }
}

}  // namespace

void build_modules(Model& m, const Plan& plan, Rng& rng) {
  std::vector<int> counts;
  for (int i = 0; i <= plan.modules; ++i) {
    const bool dead = i == plan.modules;
    Module mod;
    std::size_t w = static_cast<std::size_t>(i) % kModuleWords.size();
    mod.name = dead ? "archive" : numbered(kModuleWords[w], counts, w);
    mod.title = dead ? "Archive (no role reaches it)" : fmt::format("Module {}", mod.name);
    mod.dead = dead;
    mod.actions = module_actions(rng);
    mod.first_perm = static_cast<int>(m.permissions.size());
    m.modules.push_back(std::move(mod));
    add_resources(m, i, dead ? plan.archive_permissions : plan.module_permissions, dead ? 1 : 3, rng);
    m.modules[i].end_perm = static_cast<int>(m.permissions.size());
    if (!dead) add_levels(m, i, rng);
  }
}

}  // namespace writ::gen
