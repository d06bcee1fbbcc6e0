// writ diff is complete for roles held together: small random policies built to make roles
// interact (permits under requirements, levels that meet them, levels under level-wide
// requirements, denies under both combining rules, forbids selecting roles and levels), each
// against a one-line mutant, and every subset of their five roles decided by both interpreters
// for every permission, scope and principal kind. A request OLD and NEW decide differently must
// lie in a cube of some part of its role set (the subset itself, a smaller combination, a single
// role or every principal) changed the same way, unless the diff said it did not compare.
// Every example the diff gives is replayed too (diff_support.hpp).
#include <algorithm>
#include <random>
#include <sstream>

#include "compiler/diff/engine.hpp"
#include "tests/unit/diff/diff_support.hpp"

using namespace writ;
using namespace writ::diff;

namespace {

constexpr int kRoles = 5;

std::string role_name(int i) { return "r" + std::to_string(i); }

/// One random policy, as lines (the mutant deletes or adds one of them).
std::vector<std::string> random_policy(std::mt19937_64& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  std::vector<std::string> l;
  l.push_back(std::string("policy p { combining ") + (pick(2) ? "deny_overrides" : "permissive") + "; }");
  l.push_back("module m { action view: read; action edit: write; resource docs actions view, edit; }");
  l.push_back("module z { action view: read; resource board actions view; level member { permit z/board:view; } }");
  l.push_back(std::string("module a { action view: read; resource panel actions view; level user { ") +
              (pick(3) ? "requires z >= member; " : "") + "permit a/panel:view; } }");
  const char* perms[] = {"m/docs:view", "m/docs:edit", "m/docs:{view, edit}"};
  for (int i = 0; i < kRoles; ++i) {
    l.push_back("role " + role_name(i) + " {");
    const int n = 1 + pick(3);
    for (int k = 0; k < n; ++k) {
      switch (pick(6)) {
        case 0: l.push_back(std::string("  permit ") + perms[pick(3)] + ";"); break;
        case 1: l.push_back(std::string("  permit ") + perms[pick(3)] + " requires a >= user;"); break;
        case 2: l.push_back(std::string("  permit ") + perms[pick(3)] + " requires z >= member;"); break;
        case 3: l.push_back("  level a = user;"); break;
        case 4: l.push_back("  level z = member;"); break;
        default: l.push_back(std::string("  deny ") + perms[pick(3)] + ";"); break;
      }
    }
    l.push_back("  permit z/board:view;");  // never empty (W050)
    l.push_back("}");
  }
  const int forbids = pick(3);
  for (int k = 0; k < forbids; ++k) {
    const std::string who = pick(3) ? "role " + role_name(pick(kRoles)) : (pick(2) ? "level a.user" : "level z.member");
    l.push_back("forbid f" + std::to_string(k) + " { applies_to " + who + "; deny " + perms[pick(3)] + "; reason \"x\"; }");
  }
  return l;
}

/// Deletes one statement inside a role or one forbid, or adds a statement to a role or a forbid.
std::vector<std::string> mutant(std::vector<std::string> l, std::mt19937_64& rng) {
  std::vector<std::size_t> statements, role_heads;
  for (std::size_t i = 0; i < l.size(); ++i) {
    if (l[i].rfind("  ", 0) == 0 || l[i].rfind("forbid ", 0) == 0) statements.push_back(i);
    if (l[i].rfind("role ", 0) == 0) role_heads.push_back(i);
  }
  const auto choice = rng() % 3;
  if (choice == 0 && !statements.empty()) {
    l.erase(l.begin() + static_cast<std::ptrdiff_t>(statements[rng() % statements.size()]));
    return l;
  }
  if (choice == 1) {
    l.push_back("forbid added { applies_to role " + role_name(static_cast<int>(rng() % kRoles)) +
                "; deny m/docs:edit; reason \"x\"; }");
    return l;
  }
  const char* added[] = {"  permit m/docs:edit requires a >= user;", "  level a = user;", "  level z = member;",
                         "  deny m/docs:edit;", "  permit m/docs:edit;"};
  const auto at = role_heads[rng() % role_heads.size()] + 1;
  l.insert(l.begin() + static_cast<std::ptrdiff_t>(at), added[rng() % 5]);
  return l;
}

std::string text(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& x : lines) out += x + "\n";
  return out;
}

/// Some cube of a part of `held` (by name; empty: every principal) covers the cell.
bool covered(const Result& r, const std::set<std::string>& held, const std::string& perm, ir::OrgScope scope,
             ir::PrincipalKind kind, Direction d) {
  return std::any_of(r.access.begin(), r.access.end(), [&](const AccessCube& c) {
    if (c.direction != d || c.scope != scope) return false;
    if (!c.subject.role.empty() && !held.count(c.subject.role)) return false;
    for (const auto& w : c.subject.with)
      if (!held.count(w)) return false;
    if (std::find(c.kinds.begin(), c.kinds.end(), kind) == c.kinds.end()) return false;
    return std::binary_search(c.permissions.begin(), c.permissions.end(), perm) && testing::admits_defaults(c.region, kind);
  });
}

}  // namespace

TEST_CASE("diffs of policies whose roles interact cover every combination of roles held together") {
  const auto seeds = testing::seed_range(600);
  int compared = 0, incomplete = 0, combined = 0, quads = 0;
  for (std::uint64_t seed = seeds.first; seed < seeds.end; ++seed) {
    std::mt19937_64 rng(seed);
    const auto lines = random_policy(rng);
    const auto mutated = mutant(lines, rng);
    INFO("seed " << seed << " (WRIT_DIFF_SEED=" << seed << " WRIT_DIFF_POLICIES=1 reproduces)\nOLD:\n"
                 << text(lines) << "NEW:\n" << text(mutated));
    auto oc = driver::compile_text("old.writ", text(lines));
    auto nc = driver::compile_text("new.writ", text(mutated));
    if (!oc.ok() || !nc.ok()) continue;  // e.g. a requirement cycle
    testing::Version o{std::move(oc), nullptr}, n{std::move(nc), nullptr};
    o.facts = std::make_unique<facts::Facts>(*o.c.policy);
    n.facts = std::make_unique<facts::Facts>(*n.c.policy);
    Options fast;
    fast.findings = false;
    const auto r = compare(*o.facts, *n.facts, fast);
    testing::require_examples_confirmed(o, n, r);
    ++compared;
    for (const auto& cube : r.access) quads += cube.subject.with.size() == 3;
    if (!r.incomplete.empty()) {
      ++incomplete;
      CHECK_FALSE(r.no_change());  // said, never a silent "no change"
      continue;
    }
    for (std::uint32_t mask = 1; mask < (1u << kRoles); ++mask) {
      std::vector<std::string> held;
      for (int i = 0; i < kRoles; ++i)
        if (mask >> i & 1u) held.push_back(role_name(i));
      const std::set<std::string> held_set(held.begin(), held.end());
      for (const char* perm : {"m/docs:view", "m/docs:edit", "a/panel:view", "z/board:view"})
        for (auto scope : ir::all_of<ir::OrgScope>())
          for (auto kind : ir::all_of<ir::PrincipalKind>()) {
            auto req = base_request(held, scope, perm);
            req.principal.kind = kind;
            const bool od = eval::decide(*o.facts, req).allow, nd = eval::decide(*n.facts, req).allow;
            if (od == nd) continue;
            combined += held.size() > 2;
            INFO("roles " << held.size() << " (mask " << mask << ") " << perm << " at " << ir::name(scope) << " for "
                          << ir::name(kind) << ": " << od << " -> " << nd);
            CHECK(covered(r, held_set, perm, scope, kind, nd ? Direction::gained : Direction::lost));
          }
    }
  }
  // The family must exercise what it is for: compiled policies, and changes of three or more roles.
  CHECK(compared > static_cast<int>(seeds.end - seeds.first) / 2);
  CHECK(combined > 0);
  WARN(compared << " compared, " << incomplete << " said not compared, " << combined
                << " changed cells of three or more roles held together, " << quads << " cubes of four roles");
}
