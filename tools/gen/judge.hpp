// The judge: decides what a test must expect, from the generated model alone, without the
// compiler or the interpreter. It proves an answer or gives up:
//
//   allow   when some source of the principal *surely* gives the permission - a valid binding
//           (or automatic role, live grant within its grantor's access, applying implicit grant)
//           whose role reaches the target and has an unconditional or true permit or level for
//           it, with its requirements met by levels that need nothing else - and no deny or
//           forbid anywhere in the policy names the permission;
//   deny    when a forbid rule surely applies, or (deny_overrides) a reaching source surely
//           denies it, or every source that might give it surely takes it away again - "might"
//           counting every permit whose condition is true, whatever its requirements;
//   unknown otherwise; the test builders then try another situation.
//
// Both proofs follow docs/semantics.md; they are deliberately one-sided so they stay short. A
// case where both succeed is a bug in the judge (the unit tests count them: see Judge::conflicts).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tools/gen/facts.hpp"
#include "tools/gen/model.hpp"

namespace writ::gen {

enum class Verdict : std::uint8_t { allow, deny, unknown };

/// Which sources count (semantics.md §6.2, §7: the grantor and "the grant alone" see fewer).
struct Reach {
  bool automatic = true;
  bool grants = true;
  bool implicit = true;
  bool check_grants = true;  ///< false: a grant counts without its window, kind and conditions
  bool ceiling = true;
};

struct ValidationVerdict {
  std::vector<std::string> codes;  ///< violations surely reported (semantics.md §7)
  bool ceiling_known = true;       ///< false: neither "within the grantor's access" nor "above it" proved
  [[nodiscard]] bool valid() const { return codes.empty() && ceiling_known; }
};

class Judge {
 public:
  explicit Judge(const Facts& facts) : f_(facts), m_(facts.model()) {}

  Verdict request(const Setup& s, int perm, std::string* why = nullptr) const;
  Verdict assign(const Setup& s, int role, int org, std::string* why = nullptr) const;
  ValidationVerdict validate(const Setup& s, const GrantInstance& g) const;

  /// Situations where both an allow and a deny were proved (a judge bug); should stay 0.
  [[nodiscard]] int conflicts() const { return conflicts_; }

  /// The organization relation of semantics.md §1.1; `fake_parent` >= 0 makes organization -2 a
  /// fresh child of it (the "organization below G" of the ceiling check).
  [[nodiscard]] Relation relation(int held, int target, int fake_parent = -1) const;

 private:
  struct View;
  struct Source;
  View view(const Setup& s, int target, Reach reach, int fake_parent = -1) const;
  View grantor_view(const View& of, const GrantInstance& g) const;
  bool surely_allows(const View& v, int perm, std::string* why) const;
  bool surely_denies(const View& v, int perm, std::string* why) const;
  /// Some permit or level of the closure at the scope gives perm: its `when` true and its
  /// requirements met surely (`sure`) or possibly.
  bool role_gives(const View& v, const std::vector<int>& closure, int scope, const Env& env, int perm, bool sure) const;
  bool role_surely_denies(const std::vector<int>& closure, int scope, const Env& env, int perm) const;
  bool requirements_surely(const View& v, const std::vector<Requirement>& reqs) const;
  bool requirements_maybe(const View& v, const std::vector<Requirement>& reqs) const;
  bool forbid_selects(const View& v, const Forbid& f) const;
  std::string org_name(int org) const;

  const Facts& f_;
  const Model& m_;
  mutable int conflicts_ = 0;
};

}  // namespace writ::gen
