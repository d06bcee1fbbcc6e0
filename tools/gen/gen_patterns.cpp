// See gen_patterns.hpp.
#include "tools/gen/gen_patterns.hpp"

namespace writ::gen {
namespace {

int resource_in(const Model& m, int module, bool sensitive, Rng& rng) {
  const Module& mod = m.modules[module];
  // Pre-order: the sensitive section is a prefix of the module's resources.
  int first_general = 0;
  while (first_general < static_cast<int>(mod.resources.size()) && m.resources[mod.resources[first_general]].sensitive) ++first_general;
  if (sensitive) return mod.resources[rng.below(static_cast<std::uint64_t>(first_general))];
  return mod.resources[first_general + static_cast<int>(rng.below(mod.resources.size() - first_general))];
}

std::uint32_t bits_of(const std::vector<int>& actions) {
  std::uint32_t b = 0;
  for (int a : actions) b |= 1u << a;
  return b;
}

}  // namespace

int random_module(const Model& m, Rng& rng) {
  return static_cast<int>(rng.below(m.modules.size() - 1));  // `archive` is last
}

int random_general_resource(const Model& m, int module, Rng& rng) { return resource_in(m, module, false, rng); }
int random_sensitive_resource(const Model& m, int module, Rng& rng) { return resource_in(m, module, true, rng); }

Pattern random_pattern(const Model& m, int resource, Rng& rng, bool reads_only) {
  using F = Pattern::Filter;
  const Resource& r = m.resources[resource];
  const Module& mod = m.modules[r.module];
  std::vector<int> reads, all = r.actions;
  for (int a : r.actions)
    if (!mod.actions[a].write) reads.push_back(a);
  const std::vector<int>& usable = reads_only ? reads : all;
  for (;;) {
    Pattern p;
    switch (rng.below(6)) {
      case 0: p = resource_pattern(m, resource, false, F::named, 1u << usable[rng.below(usable.size())]); break;
      case 1:
        if (usable.size() < 2) continue;
        {
          std::size_t i = rng.below(usable.size()), j = rng.below(usable.size() - 1);
          if (j >= i) ++j;
          p = resource_pattern(m, resource, false, F::named, (1u << usable[i]) | (1u << usable[j]));
        }
        break;
      case 2: p = reads_only ? resource_pattern(m, resource, false, F::named, bits_of(reads)) : resource_pattern(m, resource, false, F::all); break;
      case 3: p = resource_pattern(m, resource, true, reads_only ? F::read : F::all); break;
      case 4: p = resource_pattern(m, resource, true, F::read); break;
      default: p = resource_pattern(m, resource, true, reads_only ? F::read : F::write); break;
    }
    if (selects_any(m, p)) return p;
  }
}

Pattern random_deny_pattern(const Model& m, int module, Rng& rng) {
  using F = Pattern::Filter;
  const int resource = random_sensitive_resource(m, module, rng);
  const Resource& r = m.resources[resource];
  for (;;) {
    Pattern p;
    switch (rng.below(4)) {
      case 0: p = resource_pattern(m, resource, false, F::named, 1u << r.actions[rng.below(r.actions.size())]); break;
      case 1: p = resource_pattern(m, resource, true, F::write); break;
      case 2: p = resource_pattern(m, resource, false, F::all); break;
      default: p = resource_pattern(m, resource, true, F::all); break;
    }
    if (selects_any(m, p)) return p;
  }
}

}  // namespace writ::gen
