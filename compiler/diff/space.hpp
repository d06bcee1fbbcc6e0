// The finite request space one diff question ranges over: the inputs the rules concerned read
// (principal kind and account type, resource ownership, context attributes), each with one value
// per class that either version can tell apart — every value a condition of OLD or NEW names, one
// value neither names, and "missing" — so two requests in one class are decided alike by both
// versions (condition.hpp's classes(), taken over the union of the two versions). The product of
// the classes is enumerated by index (mixed radix); `apply` writes one assignment into a request.
// Covered by tests/unit/diff/space_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diff/diff.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/ir/request.hpp"

namespace writ::diff {

struct Dim {
  enum class Kind : std::uint8_t { principal_kind, named, owner, attribute };
  Kind kind = Kind::attribute;
  std::string attribute;                        ///< Kind::attribute: its name
  std::vector<std::optional<ir::Value>> values; ///< attribute: nullopt is "missing"
  std::vector<ir::PrincipalKind> kinds;         ///< principal_kind
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] std::string input() const;      ///< `principal.kind`, `context.flag`
  [[nodiscard]] std::string label(std::size_t i) const;
};

/// The owner id a request names for `principal.is_owner = true` (the principal's own id).
inline constexpr const char* kPrincipalId = "diff-principal";
inline constexpr const char* kOtherOwner = "diff-someone-else";

class Space {
 public:
  std::vector<Dim> dims;
  /// The number of assignments (saturates above `cap`).
  [[nodiscard]] std::size_t size(std::size_t cap) const;
  /// The value index of dimension `d` in assignment `a`.
  [[nodiscard]] std::size_t digit(std::size_t a, std::size_t d) const;
  /// Assignment `a` with dimension `d` set to `v`.
  [[nodiscard]] std::size_t with(std::size_t a, std::size_t d, std::size_t v) const;
  void apply(std::size_t a, ir::Request& r) const;
};

/// What a question reads in one version: conditions, and whether holders' kinds and account
/// types matter.
struct Reads {
  std::vector<ir::CondId> conditions;
  std::vector<ir::PrincipalKind> kinds;  ///< kinds to try; empty: every kind
  bool named = false;                    ///< shared accounts behave differently somewhere
};

/// The space over what either version reads.
Space space_for(const ir::Policy& old_p, const Reads& old_r, const ir::Policy& new_p, const Reads& new_r);

}  // namespace writ::diff
