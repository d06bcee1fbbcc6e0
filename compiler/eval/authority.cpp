// See authority.hpp.
#include "compiler/eval/authority.hpp"

namespace writ::eval {

std::vector<Authority> authority(const View& actor, const std::vector<ir::AuthorizerId>& authorizers) {
  const ir::Policy& p = actor.facts().policy();
  std::vector<Authority> out;
  for (ir::AuthorizerId id : authorizers) {
    const ir::Authorizer& a = p[id];
    if (a.automatic) continue;
    if (a.anyone) {
      out.push_back(Authority{id, std::nullopt, std::nullopt, actor.evaluate(a.when.id, std::nullopt)});
      continue;
    }
    const auto& sources = actor.sources();
    for (std::size_t i = 0; i < sources.size(); ++i) {
      const SourceRef& s = sources[i];
      if (!s.role || s.relation == Relation::unrelated) continue;
      for (ir::RoleId r : a.roles)
        if (actor.facts().reaches(*s.role, r)) out.push_back(Authority{id, i, r, actor.evaluate(a.when.id, s.relation)});
    }
  }
  return out;
}

}  // namespace writ::eval
