// See pattern.hpp.
#include "tools/gen/pattern.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "tools/gen/model.hpp"

namespace writ::gen {

Pattern module_pattern(const Model& m, int module, Pattern::Filter f, std::uint32_t actions) {
  Pattern p;
  p.module = module;
  p.filter = f;
  p.actions = actions;
  p.lo = m.modules[module].first_perm;
  p.hi = m.modules[module].end_perm;
  return p;
}

Pattern resource_pattern(const Model& m, int resource, bool subtree, Pattern::Filter f, std::uint32_t actions) {
  const Resource& r = m.resources[resource];
  Pattern p;
  p.module = r.module;
  p.resource = resource;
  p.subtree = subtree;
  p.filter = f;
  p.actions = actions;
  p.lo = r.first_perm;
  p.hi = subtree ? r.subtree_end : r.first_perm + static_cast<int>(r.actions.size());
  return p;
}

Pattern exact_pattern(const Model& m, int permission) {
  const Permission& perm = m.permissions[permission];
  return resource_pattern(m, perm.resource, false, Pattern::Filter::named, 1u << perm.action);
}

bool contains(const Model& m, const Pattern& p, int permission) {
  if (permission < p.lo || permission >= p.hi) return false;
  const Permission& perm = m.permissions[permission];
  switch (p.filter) {
    case Pattern::Filter::all: return true;
    case Pattern::Filter::read: return !m.modules[perm.module].actions[perm.action].write;
    case Pattern::Filter::write: return m.modules[perm.module].actions[perm.action].write;
    case Pattern::Filter::named: return (p.actions >> perm.action) & 1u;
  }
  return false;
}

std::vector<int> members(const Model& m, const Pattern& p) {
  std::vector<int> out;
  for (int i = p.lo; i < p.hi; ++i)
    if (contains(m, p, i)) out.push_back(i);
  return out;
}

bool selects_any(const Model& m, const Pattern& p) {
  for (int i = p.lo; i < p.hi; ++i)
    if (contains(m, p, i)) return true;
  return false;
}

std::string pattern_text(const Model& m, const Pattern& p) {
  const Module& mod = m.modules[p.module];
  std::string out = mod.name;
  if (p.resource >= 0) out += "/" + m.resources[p.resource].path;
  if (p.subtree) out += "/**";
  out += ":";
  switch (p.filter) {
    case Pattern::Filter::all: return out + "*";
    case Pattern::Filter::read: return out + "@read";
    case Pattern::Filter::write: return out + "@write";
    case Pattern::Filter::named: break;
  }
  std::vector<std::string> names;
  for (std::size_t a = 0; a < mod.actions.size(); ++a)
    if ((p.actions >> a) & 1u) names.push_back(mod.actions[a].name);
  if (names.size() == 1) return out + names.front();
  return out + fmt::format("{{{}}}", fmt::join(names, ", "));
}

}  // namespace writ::gen
