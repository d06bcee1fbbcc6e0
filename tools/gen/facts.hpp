// Facts about the generated model that do not depend on a request: `extends` closures, the
// rules a level gives (derived read-only levels resolved), level order, and every permission any
// deny or forbid names. The judge and the test builders read them. Computed from the Model only:
// nothing here uses the compiler.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "tools/gen/model.hpp"

namespace writ::gen {

/// A dense set of permissions.
class Bits {
 public:
  explicit Bits(int n = 0) : words_((static_cast<std::size_t>(n) + 63) / 64, 0) {}
  void set(int i) { words_[static_cast<std::size_t>(i) >> 6] |= 1ULL << (i & 63); }
  [[nodiscard]] bool test(int i) const { return (words_[static_cast<std::size_t>(i) >> 6] >> (i & 63)) & 1ULL; }
  void add(const Model& m, const Pattern& p, bool reads_only = false);

 private:
  std::vector<std::uint64_t> words_;
};

/// A permit of a level as a role holding the level gets it: cut to reads for derived levels.
struct LevelRule {
  const Rule* rule = nullptr;
  bool read_cut = false;
};

class Facts {
 public:
  explicit Facts(const Model& m);

  [[nodiscard]] const Model& model() const { return m_; }
  /// The reflexive-transitive `extends` closure, each role once, nearest first. Shared and
  /// cached: in the chain shape a closure holds thousands of roles and is asked for often.
  using Closure = std::shared_ptr<const std::vector<int>>;
  [[nodiscard]] Closure closure(int role) const;
  [[nodiscard]] bool extends_to(int role, int ancestor) const;
  [[nodiscard]] const std::vector<LevelRule>& level_rules(int level) const { return level_rules_[level]; }
  /// Level-wide requirements: its own, and for a derived level those of what it derives from.
  [[nodiscard]] const std::vector<Requirement>& level_requirements(int level) const { return level_reqs_[level]; }
  /// held >= required through the reflexive-transitive closure of `above`.
  [[nodiscard]] bool at_least(int held, int required) const;
  /// Some role deny, template deny or forbid rule names the permission (whatever its conditions).
  [[nodiscard]] bool denied_somewhere(int perm) const { return denied_.test(perm); }
  /// Permissions a role surely gives at a scope whatever the request: unconditional permits
  /// without requirements, and levels without requirements. Cached; for the ceiling checks.
  [[nodiscard]] const Bits& sure_set(int role, int scope) const;
  [[nodiscard]] const std::vector<int>& automatic_roles() const { return automatic_; }

 private:
  const Model& m_;
  std::vector<std::vector<LevelRule>> level_rules_;
  std::vector<std::vector<Requirement>> level_reqs_;
  Bits denied_;
  std::vector<int> automatic_;
  mutable std::map<std::pair<int, int>, Bits> sure_;
  mutable std::unordered_map<int, Closure> closures_;
  mutable std::size_t cached_ = 0;  ///< roles held by closures_; the cache is dropped past a budget
};

}  // namespace writ::gen
