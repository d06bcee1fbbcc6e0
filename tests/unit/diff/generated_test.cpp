// writ diff on generated policies (tools/gen) and one-line mutants of them: every reported change
// is true (its example is decided differently by the two interpreters, diff_support.hpp) and every
// change is reported — a brute-force sweep over every role, permission, scope and principal kind,
// with no context attribute set (the "missing" case conditions must survive), finds each request
// OLD and NEW decide differently inside some cube of that role or of "every principal", and each
// request holding two roles inside a cube of one of them or of the pair. (Generated policies
// rarely hold three or four roles that change together; combinations_test.cpp sweeps those.)
#include <algorithm>
#include <random>
#include <sstream>

#include "compiler/diff/engine.hpp"
#include "tests/unit/diff/diff_support.hpp"
#include "tools/gen/generator.hpp"

using namespace writ;
using namespace writ::diff;

namespace {

bool covered(const Result& r, const std::string& role, const std::string& perm, ir::OrgScope scope, ir::PrincipalKind kind,
             Direction d) {
  return std::any_of(r.access.begin(), r.access.end(), [&](const AccessCube& c) {
    if (!(c.subject.role == role || c.subject.role.empty()) || !c.subject.with.empty()) return false;
    if (c.direction != d || c.scope != scope) return false;
    if (std::find(c.kinds.begin(), c.kinds.end(), kind) == c.kinds.end()) return false;
    if (!std::binary_search(c.permissions.begin(), c.permissions.end(), perm)) return false;
    return testing::admits_defaults(c.region, kind);
  });
}

bool covered_pair(const Result& r, const std::string& a, const std::string& b, const std::string& perm, ir::OrgScope scope,
                  ir::PrincipalKind kind, Direction d) {
  return std::any_of(r.access.begin(), r.access.end(), [&](const AccessCube& c) {
    const std::vector<std::string> wa{a}, wb{b};
    const bool same = (c.subject.role == a && c.subject.with == wb) || (c.subject.role == b && c.subject.with == wa);
    if (!same || c.direction != d || c.scope != scope) return false;
    if (std::find(c.kinds.begin(), c.kinds.end(), kind) == c.kinds.end()) return false;
    return std::binary_search(c.permissions.begin(), c.permissions.end(), perm) && testing::admits_defaults(c.region, kind);
  });
}

/// Deletes one statement line (a `permit`, `deny`, `assigned_by`, ... ending in `;`).
std::string mutate(const std::string& text, std::mt19937_64& rng) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    const auto first = l.find_first_not_of(' ');
    if (first == std::string::npos || first == 0 || l.back() != ';') continue;
    for (const char* kw : {"permit ", "deny ", "assigned_by ", "holders ", "extends ", "level ", "grants ", "ceiling",
                           "precondition ", "duration ", "scope ", "grantee ", "applies_to ", "named_accounts"})
      if (l.compare(first, std::string(kw).size(), kw) == 0) candidates.push_back(i);
  }
  if (candidates.empty()) return text;
  lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(candidates[rng() % candidates.size()]));
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

void sweep(const testing::Version& o, const testing::Version& n, const Result& r) {
  std::set<std::string> roles, perms;
  for (const auto* v : {&o, &n}) {
    for (const auto& role : v->c.policy->roles) roles.insert(role.name);
    for (std::uint32_t p = 0; p < v->c.policy->permission_count(); ++p) perms.insert(v->c.policy->permission_name(ir::PermissionId{p}));
  }
  for (const auto& rn : r.renamed) roles.erase(rn.old_name), roles.erase(rn.new_name);
  roles.insert("");  // no role: automatic roles only
  for (const auto& role : roles)
    for (const auto& perm : perms)
      for (auto scope : ir::all_of<ir::OrgScope>())
        for (auto kind : ir::all_of<ir::PrincipalKind>()) {
          auto req = base_request(role.empty() ? std::vector<std::string>{} : std::vector<std::string>{role}, scope, perm);
          req.principal.kind = kind;
          const bool od = eval::decide(*o.facts, req).allow, nd = eval::decide(*n.facts, req).allow;
          if (od == nd) continue;
          INFO("role `" << role << "` " << perm << " at " << ir::name(scope) << " for " << ir::name(kind) << ": " << od << " -> " << nd);
          CHECK(covered(r, role, perm, scope, kind, nd ? Direction::gained : Direction::lost));
        }
  // Two roles held together: a change is either one a single role (or every principal) shows,
  // or one the pair's own cubes cover.
  roles.erase("");
  const std::vector<std::string> list(roles.begin(), roles.end());
  for (std::size_t i = 0; i < list.size(); ++i)
    for (std::size_t j = i + 1; j < list.size(); ++j)
      for (const auto& perm : perms)
        for (auto scope : ir::all_of<ir::OrgScope>())
          for (auto kind : ir::all_of<ir::PrincipalKind>()) {
            auto req = base_request({list[i], list[j]}, scope, perm);
            req.principal.kind = kind;
            const bool od = eval::decide(*o.facts, req).allow, nd = eval::decide(*n.facts, req).allow;
            if (od == nd) continue;
            const auto d = nd ? Direction::gained : Direction::lost;
            INFO("roles `" << list[i] << "` + `" << list[j] << "` " << perm << " at " << ir::name(scope) << " for "
                           << ir::name(kind) << ": " << od << " -> " << nd);
            CHECK((covered(r, list[i], perm, scope, kind, d) || covered(r, list[j], perm, scope, kind, d) ||
                   covered_pair(r, list[i], list[j], perm, scope, kind, d)));
          }
}

}  // namespace

TEST_CASE("diffs of generated policies and their mutants are true and complete") {
  const auto seeds = testing::seed_range(60);
  int compared = 0, changed = 0, incomplete = 0;
  for (std::uint64_t seed = seeds.first; seed < seeds.end; ++seed) {
    const auto out = gen::generate(gen::policy_of(seed, gen::kMinRoles, gen::kMinPermissions, 30));
    std::mt19937_64 rng(seed);
    const std::string mutant = mutate(out.policy, rng);
    INFO("writ-gen seed " << seed << " (WRIT_DIFF_SEED=" << seed << " WRIT_DIFF_POLICIES=1 reproduces)");
    auto o = driver::compile_text("old.writ", out.policy);
    auto m = driver::compile_text("new.writ", mutant);
    if (!o.ok() || !m.ok()) continue;  // a deletion that breaks a reference is not a policy
    auto ov = std::make_unique<testing::Version>(testing::Version{std::move(o), nullptr});
    auto nv = std::make_unique<testing::Version>(testing::Version{std::move(m), nullptr});
    ov->facts = std::make_unique<facts::Facts>(*ov->c.policy);
    nv->facts = std::make_unique<facts::Facts>(*nv->c.policy);
    Options fast;
    fast.findings = false;
    for (int dir = 0; dir < 2; ++dir) {
      const auto& a = dir == 0 ? *ov : *nv;
      const auto& b = dir == 0 ? *nv : *ov;
      const auto r = compare(*a.facts, *b.facts, fast);
      testing::require_examples_confirmed(a, b, r);
      ++compared;
      if (!r.incomplete.empty()) {
        // Said, never passed over: no claim of "no change", and no sweep of what was not compared.
        INFO(r.incomplete.front());
        CHECK_FALSE(r.no_change());
        ++incomplete;
        continue;
      }
      sweep(a, b, r);
      changed += !r.no_change();
    }
    // And against itself: nothing.
    CHECK(compare(*ov->facts, *ov->facts, fast).no_change());
  }
  CHECK(compared >= static_cast<int>(seeds.end - seeds.first));  // most mutants compile
  CHECK(changed > 0);
  CHECK(incomplete * 5 < compared);  // the sweep covers most of them
}
