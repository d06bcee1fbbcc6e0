// The tests of a generated policy (docs/language.md §11): request, assign and validate tests and
// matrices, in the numbers the plan says. Each test comes from a scenario (scenarios.hpp) that
// builds it to have one answer; it is kept only when the judge (judge.hpp) proves that answer, so
// an expectation rests on two independent derivations and never on the interpreter. When no
// scenario of a kind succeeds within a few attempts, a fallback that cannot fail fills the slot,
// so the counts are exact.
#include <fmt/format.h>

#include <algorithm>

#include "tools/gen/build.hpp"
#include "tools/gen/judge.hpp"
#include "tools/gen/scenarios.hpp"

namespace writ::gen {
namespace {

struct Entry {
  const char* name;
  Scenario make;
  int weight;
};

const std::vector<Entry> kRequestScenarios = {
    {"permit", scene_permit, 16},          {"descendants", scene_descendants, 8}, {"conditional", scene_conditional, 8},
    {"requirement", scene_requirement, 5}, {"no_rule", scene_no_rule, 8},         {"role_deny", scene_role_deny, 6},
    {"forbid", scene_forbid, 7},           {"unrelated", scene_unrelated, 4},     {"self_only", scene_self_only, 3},
    {"shared", scene_shared_account, 2},   {"automatic", scene_automatic, 2},     {"grant", scene_grant, 8},
    {"grant_custom", scene_grant_custom, 3}, {"grant_dead", scene_grant_dead, 5}, {"ceiling", scene_grant_ceiling, 3},
    {"implicit", scene_implicit, 4},
};
const std::vector<Entry> kAssignScenarios = {
    {"assign", scene_assign, 5}, {"assign_other", scene_assign_other, 3}, {"assign_unrelated", scene_assign_unrelated, 2},
    {"assign_automatic", scene_assign_automatic, 1}};
const std::vector<Entry> kValidateScenarios = {{"valid", scene_validate_valid, 4}, {"invalid", scene_validate_invalid, 6}};

const Entry& weighted(Rng& rng, const std::vector<Entry>& entries) {
  int total = 0;
  for (const auto& e : entries) total += e.weight;
  int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
  for (const auto& e : entries)
    if ((r -= e.weight) < 0) return e;
  return entries.back();
}

class Maker {
 public:
  Maker(Model& m, const Facts& f, Rng& rng, TestStats& stats) : m_(m), judge_(f), scenes_(m, f, rng), rng_(rng), stats_(stats) {}

  /// One test from the scenarios, or from the fallback.
  void make(const std::vector<Entry>& entries, const Entry& fallback) {
    for (int attempt = 0; attempt < 40; ++attempt) {
      const Entry& e = weighted(rng_, entries);
      if (try_one(e)) return;
    }
    if (!try_one(fallback)) throw std::logic_error(std::string("writ-gen: fallback scenario failed: ") + fallback.name);
  }

  /// Matrices until `cells` cells are made (or no more fit); returns how many were made.
  int matrices(int cells) {
    int made = 0, misses = 0;
    while (cells - made >= 6 && misses < 10) {
      int n = matrix(cells - made);
      if (n == 0) ++misses;
      made += n;
    }
    return made;
  }

  Judge& judge() { return judge_; }

 private:
  bool try_one(const Entry& e) {
    auto c = e.make(scenes_);
    if (!c) return false;
    scenes_.ownership(c->test.setup);
    std::string why;
    if (!confirmed(c->test, why)) {
      ++stats_.rejected;
      return false;
    }
    Test t = std::move(c->test);
    t.name = fmt::format("t{:04}_{}", m_.tests.size() + 1, e.name);
    t.comment = c->story + ".\nJudge: " + why + ".";
    m_.tests.push_back(std::move(t));
    ++stats_.by_scenario[e.name];
    return true;
  }

  bool confirmed(const Test& t, std::string& why) {
    switch (t.query) {
      case Test::Query::request: {
        Verdict v = judge_.request(t.setup, t.permission, &why);
        return v == (t.expect == Test::Expect::allow ? Verdict::allow : Verdict::deny);
      }
      case Test::Query::assign: {
        Verdict v = judge_.assign(t.setup, t.assign_role, t.assign_org, &why);
        return v == (t.expect == Test::Expect::allow ? Verdict::allow : Verdict::deny);
      }
      case Test::Query::validate: {
        ValidationVerdict v = judge_.validate(t.setup, t.validate);
        if (t.expect == Test::Expect::valid) {
          why = "the judge finds no violation";
          return v.valid();
        }
        why = "the judge finds " + t.codes.front();
        return std::find(v.codes.begin(), v.codes.end(), t.codes.front()) != v.codes.end();
      }
    }
    return false;
  }

  /// One matrix of up to `limit` cells: 3-5 staff roles held at the target, rows drawn from what
  /// they give plus a few other permissions; a row stays only if the judge decides every cell.
  int matrix(int limit) {
    Matrix mx;
    mx.setup.kind = Kind::internal;
    mx.setup.target = scenes_.any_org();
    mx.setup.at = kDefaultInstant;
    if (rng_.chance(50)) mx.setup.context = scenes_.context();
    scenes_.ownership(mx.setup);
    const int k = std::min(limit / 2, rng_.between(3, 5));
    for (int tries = 0; tries < 50 && static_cast<int>(mx.roles.size()) < k; ++tries) {
      int r = scenes_.staff_role();
      if (has(m_.roles[r].holders, Kind::internal) && std::find(mx.roles.begin(), mx.roles.end(), r) == mx.roles.end()) mx.roles.push_back(r);
    }
    if (mx.roles.size() < 2) return 0;
    const int width = static_cast<int>(mx.roles.size());
    const int max_rows = std::min(6, limit / width);
    for (int tries = 0; tries < 3 * max_rows && static_cast<int>(mx.rows.size()) < max_rows; ++tries) {
      int perm;
      if (rng_.chance(75)) {
        auto d = scenes_.draw(mx.roles[rng_.below(mx.roles.size())], 0, true);
        if (!d) continue;
        perm = d->perm;
      } else {
        perm = scenes_.any_permission();
      }
      if (std::any_of(mx.rows.begin(), mx.rows.end(), [&](const auto& row) { return row.first == perm; })) continue;
      std::vector<bool> cells;
      bool decided = true;
      for (int r : mx.roles) {
        Setup st = mx.setup;
        st.roles.push_back(Binding{r, -1});
        Verdict v = judge_.request(st, perm);
        if (v == Verdict::unknown) decided = false;
        cells.push_back(v == Verdict::allow);
      }
      if (decided) mx.rows.emplace_back(perm, std::move(cells));
    }
    if (mx.rows.size() < 2) return 0;
    mx.name = fmt::format("m{:03}", m_.matrices.size() + 1);
    mx.comment = "Each cell: a principal holding only the column's role, at the target.\n"
                 "Judge: every cell proved allow or deny; rows it could not prove were left out.";
    const int n = width * static_cast<int>(mx.rows.size());
    m_.matrices.push_back(std::move(mx));
    return n;
  }

  Model& m_;
  Judge judge_;
  Scenes scenes_;
  Rng& rng_;
  TestStats& stats_;
};

}  // namespace

TestStats build_tests(Model& m, const Facts& f, const Plan& plan, Rng& rng) {
  TestStats stats;
  Maker maker(m, f, rng, stats);
  for (int i = 0; i < plan.validate; ++i) maker.make(kValidateScenarios, {"invalid", scene_validate_nothing, 1});
  for (int i = 0; i < plan.assign; ++i) maker.make(kAssignScenarios, {"assign_automatic", scene_assign_automatic, 1});
  stats.matrix_cells = maker.matrices(plan.matrix_cells);
  const int requests = plan.request + (plan.matrix_cells - stats.matrix_cells);
  for (int i = 0; i < requests; ++i) maker.make(kRequestScenarios, {"archive", scene_archive, 1});
  stats.judge_conflicts = maker.judge().conflicts();
  return stats;
}

}  // namespace writ::gen
