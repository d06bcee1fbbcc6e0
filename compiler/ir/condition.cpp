// See condition.hpp.
#include "compiler/ir/condition.hpp"

#include <algorithm>
#include <iterator>
#include <set>

#include "compiler/ir/vocabulary.hpp"

namespace writ::ir {

Truth atom_truth(const Atom& a, const std::optional<Value>& v) {
  if (!v) return Truth::unknown;
  const bool in = std::binary_search(a.values.begin(), a.values.end(), *v);
  return in != a.negated ? Truth::true_ : Truth::false_;
}

Conditions::Conditions() {
  nodes_.push_back(CondNode{CondNode::Op::true_, {}, {}});
  nodes_.push_back(CondNode{CondNode::Op::false_, {}, {}});
  std::vector<Value> kinds;
  for (auto k : all_of<PrincipalKind>()) kinds.emplace_back(std::string(name(k)));
  declare_domain(Input{InputKind::principal_kind, {}}, kinds);
  const std::vector<Value> bools{Value{false}, Value{true}};
  declare_domain(Input{InputKind::principal_named, {}}, bools);
  declare_domain(Input{InputKind::principal_has_grant, {}}, bools);
  declare_domain(Input{InputKind::principal_is_owner, {}}, bools);
  declare_domain(Input{InputKind::target_relation, {}}, {Value{std::string("descendant")}, Value{std::string("self")}});
}

void Conditions::declare_domain(Input input, std::vector<Value> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  domains_[input] = std::move(values);
}

const std::vector<Value>* Conditions::closed_domain(const Input& input) const {
  auto it = domains_.find(input);
  return it == domains_.end() ? nullptr : &it->second;
}

bool Conditions::can_be_missing(InputKind kind) {
  switch (kind) {
    case InputKind::principal_kind:
    case InputKind::principal_named:
    case InputKind::principal_has_grant: return false;
    case InputKind::attribute:
    case InputKind::principal_is_owner:
    case InputKind::target_relation: return true;
  }
  return true;
}

CondId Conditions::intern(CondNode n) {
  std::vector<std::uint32_t> key;
  if (n.op == CondNode::Op::atom) key.push_back(n.atom.value);
  for (CondId k : n.kids) key.push_back(k.value);
  auto [it, inserted] = node_ids_.try_emplace({n.op, std::move(key)}, CondId{static_cast<std::uint32_t>(nodes_.size())});
  if (inserted) nodes_.push_back(std::move(n));
  return it->second;
}

CondId Conditions::atom(Atom a) {
  std::sort(a.values.begin(), a.values.end());
  a.values.erase(std::unique(a.values.begin(), a.values.end()), a.values.end());
  if (const auto* domain = closed_domain(a.input)) {
    // Closed domain: keep only real values, and fold a negation into the complement, so that
    // `x != "a"` and `x in [every other value]` are one atom.
    std::vector<Value> in;
    for (const Value& v : *domain)
      if (std::binary_search(a.values.begin(), a.values.end(), v) != a.negated) in.push_back(v);
    a.values = std::move(in);
    a.negated = false;
  }
  auto [it, inserted] = atom_ids_.try_emplace(a, AtomId{static_cast<std::uint32_t>(atoms_.size())});
  if (inserted) atoms_.push_back(a);
  return intern(CondNode{CondNode::Op::atom, it->second, {}});
}

namespace {

std::vector<Value> set_op(const std::vector<Value>& a, const std::vector<Value>& b, bool intersect, bool minus) {
  std::vector<Value> out;
  if (minus) std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  else if (intersect) std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  else std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

/// Two atoms on one input as one, exactly (Kleene-sound: both are unknown when the input is
/// missing, and for a present value it is set algebra on "value in S, possibly negated").
Atom merge(const Atom& x, const Atom& y, bool is_and) {
  Atom out{x.input, {}, false};
  if (x.negated == y.negated) {
    // and of two positives / or of two negatives intersects; the other two unite.
    const bool intersect = is_and != x.negated;
    out.values = set_op(x.values, y.values, intersect, false);
    out.negated = x.negated;
    return out;
  }
  const Atom& pos = x.negated ? y : x;
  const Atom& neg = x.negated ? x : y;
  if (is_and) {
    out.values = set_op(pos.values, neg.values, false, true);  // in P and not in N: P \ N
  } else {
    out.values = set_op(neg.values, pos.values, false, true);  // in P or not in N: not in N \ P
    out.negated = true;
  }
  return out;
}

}  // namespace

CondId Conditions::combine(CondNode::Op op, std::vector<CondId> operands) {
  // `and`: true is the unit, false absorbs; `or` the other way round.
  const CondId unit = op == CondNode::Op::and_ ? kTrue : kFalse;
  const CondId absorbing = op == CondNode::Op::and_ ? kFalse : kTrue;
  std::vector<CondId> flat;
  for (CondId c : operands) {
    const CondNode& n = node(c);
    if (n.op == op) flat.insert(flat.end(), n.kids.begin(), n.kids.end());
    else flat.push_back(c);
  }
  // Atoms on one input merge into one atom, so `x != "a" and x != "b"` and `x not in ["a", "b"]`
  // are the same entry.
  std::map<Input, Atom> by_input;
  std::vector<CondId> kept;
  for (CondId c : flat) {
    if (c == absorbing) return absorbing;
    if (c == unit) continue;
    const CondNode& n = node(c);
    if (n.op != CondNode::Op::atom) {
      kept.push_back(c);
      continue;
    }
    const Atom& a = atom_of(n.atom);
    auto [it, inserted] = by_input.try_emplace(a.input, a);
    if (!inserted) it->second = merge(it->second, a, op == CondNode::Op::and_);
  }
  for (auto& [input, a] : by_input) kept.push_back(atom(a));
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  if (kept.empty()) return unit;
  if (kept.size() == 1) return kept.front();
  return intern(CondNode{op, {}, std::move(kept)});
}

CondId Conditions::all(std::vector<CondId> operands) { return combine(CondNode::Op::and_, std::move(operands)); }
CondId Conditions::any(std::vector<CondId> operands) { return combine(CondNode::Op::or_, std::move(operands)); }

CondId Conditions::negate(CondId c) {
  const CondNode n = node(c);  // a copy: interning below may grow nodes_
  switch (n.op) {
    case CondNode::Op::true_: return kFalse;
    case CondNode::Op::false_: return kTrue;
    case CondNode::Op::atom: {
      Atom a = atom_of(n.atom);
      a.negated = !a.negated;
      return atom(std::move(a));
    }
    case CondNode::Op::and_:
    case CondNode::Op::or_: {
      std::vector<CondId> kids;
      for (CondId k : n.kids) kids.push_back(negate(k));
      return n.op == CondNode::Op::and_ ? any(std::move(kids)) : all(std::move(kids));
    }
  }
  return c;
}

namespace {

template <class Visit>
void walk(const Conditions& cs, CondId c, std::set<std::uint32_t>& seen, Visit&& visit) {
  if (!seen.insert(c.value).second) return;
  const CondNode& n = cs.node(c);
  visit(n);
  for (CondId k : n.kids) walk(cs, k, seen, visit);
}

}  // namespace

std::vector<AtomId> Conditions::atoms(CondId c) const {
  std::set<std::uint32_t> seen;
  std::set<AtomId> out;
  walk(*this, c, seen, [&](const CondNode& n) {
    if (n.op == CondNode::Op::atom) out.insert(n.atom);
  });
  return {out.begin(), out.end()};
}

std::vector<Input> Conditions::inputs(CondId c) const {
  std::set<Input> out;
  for (AtomId a : atoms(c)) out.insert(atom_of(a).input);
  return {out.begin(), out.end()};
}

std::size_t Conditions::size(CondId c) const {
  std::set<std::uint32_t> seen;
  walk(*this, c, seen, [](const CondNode&) {});
  return seen.size();
}

namespace {

/// A value of the same type as `named` that is none of them: the representative of "other".
Value other_than(const std::vector<Value>& named) {
  if (!named.empty() && std::holds_alternative<std::int64_t>(named.front())) {
    std::int64_t v = 0;
    while (std::binary_search(named.begin(), named.end(), Value{v})) ++v;
    return Value{v};
  }
  std::string s = "\x01other";
  while (std::binary_search(named.begin(), named.end(), Value{s})) s += '_';
  return Value{s};
}

}  // namespace

std::vector<std::optional<Value>> Conditions::classes(const Input& input, CondId c) const {
  // Values no atom of `c` names behave alike for `c`: one of them stands for all.
  std::vector<Value> named;
  for (AtomId a : atoms(c))
    if (atom_of(a).input == input) named.insert(named.end(), atom_of(a).values.begin(), atom_of(a).values.end());
  std::sort(named.begin(), named.end());
  named.erase(std::unique(named.begin(), named.end()), named.end());
  std::vector<std::optional<Value>> out;
  for (const Value& v : named) out.emplace_back(v);
  if (const auto* domain = closed_domain(input)) {
    for (const Value& v : *domain)
      if (!std::binary_search(named.begin(), named.end(), v)) {
        out.emplace_back(v);
        break;
      }
  } else {
    out.emplace_back(other_than(named));
  }
  if (can_be_missing(input.kind)) out.emplace_back(std::nullopt);
  return out;
}

std::size_t Conditions::assignment_count(CondId c) const {
  std::size_t n = 1;
  for (const Input& in : inputs(c)) {
    n *= classes(in, c).size();
    if (n > kMaxAssignments) return kMaxAssignments + 1;
  }
  return n;
}

}  // namespace writ::ir
