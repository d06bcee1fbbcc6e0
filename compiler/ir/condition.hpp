// Conditions as data: every `when`, precondition, scope condition and authorizer condition of a
// policy is an entry in one store, normalized so that equal conditions have equal ids. Each atom
// reads one finite-domain input (a bool or enum attribute, `principal.kind`, `principal.named`,
// `principal.has_grant`, `principal.is_owner`, `target.relation`, or an int/string attribute seen
// through the literals it is compared with plus "other"), and every input but the principal's own
// kind/named/has_grant can also be *missing*. So an analysis can enumerate every assignment of a
// condition's inputs (classes()), and the table can carry a condition as a flat postfix program.
//
// Normal form: negation normal form with the negation folded into atoms (`x != "a"` is the atom
// "x not in {a}"; for closed domains the complement set), `and`/`or` flattened with sorted,
// distinct operands, constants folded. Kleene three-valued logic is preserved by every rewrite:
// De Morgan and double negation hold in it, and a missing input makes an atom unknown whatever
// its set. Size is bounded (kMaxNodes, kMaxAssignments); lowering reports conditions beyond it.
// docs/semantics.md §5 is the meaning; docs/limits.md the bounds.
// Covered by tests/unit/core/condition_test.cpp.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ids.hpp"
#include "compiler/ir/value.hpp"

namespace writ::ir {

enum class Truth : std::uint8_t { false_, true_, unknown };

/// What one atom reads.
enum class InputKind : std::uint8_t {
  attribute,            ///< `context.NAME`: bool, int, string or enum; missing when absent or ill-typed
  principal_kind,       ///< `principal.kind`: the kind names; never missing
  principal_named,      ///< `principal.named`: bool; never missing
  principal_has_grant,  ///< `principal.has_grant`: bool; never missing
  principal_is_owner,   ///< `principal.is_owner`: bool; missing when the request names no owner
  target_relation,      ///< `target.relation`: self | descendant; missing where nothing is held
};

struct Input {
  InputKind kind = InputKind::attribute;
  AttributeId attribute{};  ///< for InputKind::attribute
  friend auto operator<=>(const Input&, const Input&) = default;
};

/// Holds when the input is present and its value is (or, negated, is not) among `values`;
/// unknown when the input is missing.
struct Atom {
  Input input;
  std::vector<Value> values;  ///< sorted, distinct
  bool negated = false;       ///< only for open domains (int and string attributes)
  friend auto operator<=>(const Atom&, const Atom&) = default;
};

struct CondNode {
  enum class Op : std::uint8_t { true_, false_, atom, and_, or_ };
  Op op = Op::true_;
  AtomId atom{};              ///< Op::atom
  std::vector<CondId> kids;   ///< and/or: at least two, sorted by id, distinct
};

/// The condition that always holds (an absent `when`) and the one that never does.
inline constexpr CondId kTrue{0};
inline constexpr CondId kFalse{1};

class Conditions {
 public:
  /// Distinct nodes one condition may have, and assignments of its inputs (the product over the
  /// inputs it reads of their value classes, missing included) an analysis may have to visit.
  static constexpr std::size_t kMaxNodes = 256;
  static constexpr std::size_t kMaxAssignments = 4096;

  Conditions();

  /// Declare the whole domain of a closed input (bool and enum attributes); builtins are
  /// declared by the constructor. Must precede atoms on that input.
  void declare_domain(Input input, std::vector<Value> values);
  [[nodiscard]] const std::vector<Value>* closed_domain(const Input& input) const;
  /// Whether a request can leave this input without a value.
  [[nodiscard]] static bool can_be_missing(InputKind kind);

  CondId atom(Atom a);
  CondId all(std::vector<CondId> operands);  ///< and
  CondId any(std::vector<CondId> operands);  ///< or
  CondId negate(CondId c);

  [[nodiscard]] const CondNode& node(CondId c) const { return nodes_.at(c.value); }
  [[nodiscard]] const Atom& atom_of(AtomId a) const { return atoms_.at(a.value); }
  [[nodiscard]] std::size_t node_count() const { return nodes_.size(); }
  [[nodiscard]] std::size_t atom_count() const { return atoms_.size(); }

  /// Distinct atoms and inputs `c` reads, in id / input order.
  [[nodiscard]] std::vector<AtomId> atoms(CondId c) const;
  [[nodiscard]] std::vector<Input> inputs(CondId c) const;
  /// Distinct nodes reachable from `c`.
  [[nodiscard]] std::size_t size(CondId c) const;

  /// One representative per value class of `input` as `c` sees it: each value `c` compares it
  /// with, one value no atom of `c` names (if the domain has one), and nullopt for "missing"
  /// where the input can be missing. Values `c` never names cannot be told apart by `c`.
  [[nodiscard]] std::vector<std::optional<Value>> classes(const Input& input, CondId c) const;
  /// The product of classes() over inputs(c); saturates at kMaxAssignments + 1.
  [[nodiscard]] std::size_t assignment_count(CondId c) const;

  /// Three-valued evaluation with `read(input)` giving the input's value (nullopt: missing).
  template <class Read>
  [[nodiscard]] Truth evaluate(CondId c, Read&& read) const;

 private:
  CondId intern(CondNode n);
  CondId combine(CondNode::Op op, std::vector<CondId> operands);

  std::vector<CondNode> nodes_;
  std::vector<Atom> atoms_;
  std::map<Atom, AtomId> atom_ids_;
  std::map<std::pair<CondNode::Op, std::vector<std::uint32_t>>, CondId> node_ids_;
  std::map<Input, std::vector<Value>> domains_;
};

/// An atom's truth for a value (nullopt: missing).
Truth atom_truth(const Atom& a, const std::optional<Value>& v);

template <class Read>
Truth Conditions::evaluate(CondId c, Read&& read) const {
  const CondNode& n = node(c);
  switch (n.op) {
    case CondNode::Op::true_: return Truth::true_;
    case CondNode::Op::false_: return Truth::false_;
    case CondNode::Op::atom: {
      const Atom& a = atom_of(n.atom);
      return atom_truth(a, read(a.input));
    }
    case CondNode::Op::and_: {
      // Kleene: false wins, then unknown.
      Truth out = Truth::true_;
      for (CondId k : n.kids) {
        Truth t = evaluate(k, read);
        if (t == Truth::false_) return t;
        if (t == Truth::unknown) out = t;
      }
      return out;
    }
    case CondNode::Op::or_: {
      Truth out = Truth::false_;
      for (CondId k : n.kids) {
        Truth t = evaluate(k, read);
        if (t == Truth::true_) return t;
        if (t == Truth::unknown) out = t;
      }
      return out;
    }
  }
  return Truth::unknown;
}

}  // namespace writ::ir
