// The decision engine's working state for one principal and one request: its sources of access,
// the levels they assign, which are effective, and the live grants (docs/semantics.md §2-§6). All
// in fixed-size arrays, built in the constructor, read-only afterwards. Internal to runtime/src.
#pragma once

#include "table_impl.hpp"

namespace writ::runtime {

inline constexpr std::uint8_t kSelf = 0, kDescendant = 1, kUnrelated = 2;
/// A target id with this bit set names a fresh organization directly below the organization in
/// the low bits, which no one holds anything at (OrgTree::relation understands it): grant
/// validation asks what a `scope descendants` grant gives below its organization (§7), as the
/// interpreter's Place::below does. Organization ids stay below this bit.
inline constexpr std::uint32_t kFreshBelow = 0x80000000u;
/// Bounds of one decision's scratch (a request beyond them is an error deny).
inline constexpr std::uint32_t kMaxSources = 256, kMaxHeldLevels = 256, kMaxGrants = 64;

std::uint8_t relation_of(const Request& rq, std::uint32_t held);

class Engine {
 public:
  /// `with_grants` false: bindings and automatic roles only (a grantor, §6.2). `grant_alone`:
  /// the request's grants trusted as made (no instance checks, conditions or ceiling) and nothing
  /// else held — what a proposed grant alone gives, for validate_grant's ceiling (§7).
  Engine(const Table::Impl& t, const Request& rq, bool with_grants, bool grant_alone = false);
  [[nodiscard]] Decision judge(std::uint32_t p) const;
  [[nodiscard]] Tri eval(std::uint32_t cond, std::uint8_t relation) const;
  [[nodiscard]] bool holds_role(std::uint32_t role, bool assigned_only) const;
  [[nodiscard]] bool overflow() const { return overflow_; }
  [[nodiscard]] bool has_grant() const { return has_grant_; }

  struct Source {
    enum Kind : std::uint8_t { binding, automatic, grant_role, grant_custom, implicit } kind;
    std::uint32_t role;      // kNone for grant_custom
    std::uint32_t org;
    std::uint8_t relation;
    std::uint32_t grant;     // index into the request's grants, or kNone
    std::uint32_t template_id;
  };
  [[nodiscard]] std::uint32_t source_count() const { return n_sources_; }
  [[nodiscard]] const Source& source(std::uint32_t i) const { return sources_[i]; }
  [[nodiscard]] bool reaches(std::uint32_t held, std::uint32_t role) const;

 private:
  bool holder_ok(std::uint32_t role) const;
  // Fields as scalars, not a Source by value: the by-value copy stalled on its own stores.
  void add_source(Source::Kind kind, std::uint32_t role, std::uint32_t org, std::uint8_t relation, std::uint32_t grant,
                  std::uint32_t template_id);
  void collect_bindings();
  void collect_automatic();
  void collect_grants();
  void collect_implicit();
  bool grant_status(const Grant& g, std::uint8_t& rel, bool& live_but_scope) const;
  bool any_role_held(std::uint32_t off, std::uint32_t n) const;
  bool read(std::uint32_t atom, std::uint8_t relation, std::int64_t& v) const;
  void compute_effective();
  bool at_least(std::uint32_t held, std::uint32_t required) const;
  bool requirement_holds(std::uint32_t req) const;
  bool level_effective(std::uint32_t level) const;
  bool forbid_selects(std::uint32_t f) const;
  bool grantor_allows(const Grant& g, std::uint32_t p) const;
  static bool custom_contains(const Grant& g, std::uint32_t p);

  const Table::Impl& t_;
  const Request& rq_;
  bool grant_alone_ = false;
  bool overflow_ = false;
  bool has_grant_ = false;
  Source sources_[kMaxSources];
  std::uint32_t n_sources_ = 0;
  std::uint32_t held_[kMaxHeldLevels];
  bool effective_[kMaxHeldLevels];
  std::uint32_t n_held_ = 0;
  bool grant_live_[kMaxGrants] = {};
  bool grant_live_but_scope_[kMaxGrants] = {};
  std::uint8_t grant_rel_[kMaxGrants] = {};
};

}  // namespace writ::runtime
