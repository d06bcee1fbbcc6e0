// Assertions (docs/language.md §10) that are true by construction, so an analysis that proves
// them later must succeed: nothing reaches `archive`; derived read-only levels and the viewer
// role are read-only; a role surely has a permission nothing denies.
#include <fmt/format.h>

#include "tools/gen/build.hpp"
#include "tools/gen/facts.hpp"

namespace writ::gen {

void build_assertions(Model& m, const Facts& facts, Rng& rng) {
  const int archive = static_cast<int>(m.modules.size()) - 1;
  auto add = [&](std::string name, std::string title, Assertion::Kind kind, Selector subject, std::optional<Pattern> pattern) {
    m.assertions.push_back(Assertion{std::move(name), std::move(title), kind, subject, pattern});
  };
  Selector external;
  external.kind = Selector::Kind::kind;
  external.principal_kind = Kind::external;
  add("no_external_archive", "No external principal reaches the archive", Assertion::Kind::never, external,
      module_pattern(m, archive, Pattern::Filter::all));
  add("archive_read_only", "Nobody writes to the archive", Assertion::Kind::never, Selector{},
      module_pattern(m, archive, Pattern::Filter::write));
  Selector ro;
  ro.kind = Selector::Kind::level;
  ro.id = m.modules[static_cast<int>(rng.below(m.modules.size() - 1))].full_ro;
  add("full_ro_is_read_only", "A derived read-only level is read-only", Assertion::Kind::read_only, ro, std::nullopt);
  Selector viewer;
  viewer.kind = Selector::Kind::role;
  viewer.id = 0;
  add("viewer_is_read_only", "The viewer role only reads", Assertion::Kind::read_only, viewer, std::nullopt);
  // `always`: a staff role that any of its holders gets a permission from without conditions.
  for (int tries = 0; tries < 100; ++tries) {
    int r = 1 + static_cast<int>(rng.below(m.roles.size() - 1));
    const Role& role = m.roles[r];
    if (role.cls != RoleClass::staff || role.named_accounts) continue;
    const Bits& sure = facts.sure_set(r, 0);
    for (int p = 0; p < static_cast<int>(m.permissions.size()); ++p)
      if (sure.test(p) && !facts.denied_somewhere(p)) {
        Selector s;
        s.kind = Selector::Kind::role;
        s.id = r;
        add(fmt::format("{}_always_{}", role.name, m.resources[m.permissions[p].resource].name),
            fmt::format("{} always may {}", role.name, m.permission_name(p)), Assertion::Kind::always, s, exact_pattern(m, p));
        return;
      }
  }
}

}  // namespace writ::gen
