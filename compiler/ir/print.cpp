// See print.hpp.
#include "compiler/ir/print.hpp"

#include <algorithm>

#include "compiler/core/quote.hpp"

namespace writ::ir {

std::string value_text(const Value& v) {
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return core::quote(std::get<std::string>(v));
}

std::string input_text(const Policy& p, const Input& in) {
  switch (in.kind) {
    case InputKind::attribute:
      return "context." + (in.attribute.value < p.attributes.size() ? p[in.attribute].name : std::string("?"));
    case InputKind::principal_kind: return "principal.kind";
    case InputKind::principal_named: return "principal.named";
    case InputKind::principal_has_grant: return "principal.has_grant";
    case InputKind::principal_is_owner: return "principal.is_owner";
    case InputKind::target_relation: return "target.relation";
  }
  return "?";
}

std::string pattern_text(const Policy& p, const Pattern& pat) {
  std::string out = pat.module.value < p.modules.size() ? p[pat.module].name : "?";
  for (const auto& seg : pat.path) out += "/" + seg;
  if (pat.subtree) out += "/**";
  out += ':';
  switch (pat.actions) {
    case Pattern::Actions::all: return out + "*";
    case Pattern::Actions::read_class: return out + "@read";
    case Pattern::Actions::write_class: return out + "@write";
    case Pattern::Actions::named: break;
  }
  if (pat.named.size() == 1) return out + p[pat.named.front()].name;
  out += '{';
  for (std::size_t i = 0; i < pat.named.size(); ++i) out += (i ? ", " : "") + p[pat.named[i]].name;
  return out + '}';
}

namespace {

std::string list_text(const std::vector<Value>& vs) {
  std::string out = "[";
  for (std::size_t i = 0; i < vs.size(); ++i) out += (i ? ", " : "") + value_text(vs[i]);
  return out + "]";
}

std::string atom_text(const Policy& p, const Atom& a) {
  const std::string path = input_text(p, a.input);
  std::vector<Value> values = a.values;
  bool negated = a.negated;
  const auto* domain = p.conditions.closed_domain(a.input);
  // A bool input holding one value reads as the path itself or its negation.
  if (domain && domain->size() == 2 && std::holds_alternative<bool>(domain->front()) && values.size() == 1)
    return std::get<bool>(values.front()) ? path : "not " + path;
  // A closed-domain atom prints through the shorter of its set and its complement.
  if (domain && !negated) {
    std::vector<Value> rest;
    for (const Value& v : *domain)
      if (!std::binary_search(values.begin(), values.end(), v)) rest.push_back(v);
    if (!values.empty() && !rest.empty() && rest.size() < values.size()) {
      values = std::move(rest);
      negated = true;
    }
  }
  if (values.size() == 1) return path + (negated ? " != " : " == ") + value_text(values.front());
  return path + (negated ? " not in " : " in ") + list_text(values);
}

std::string node_text(const Policy& p, CondId c, bool in_and) {
  const CondNode& n = p.conditions.node(c);
  switch (n.op) {
    case CondNode::Op::true_: return "true";
    case CondNode::Op::false_: return "false";
    case CondNode::Op::atom: return atom_text(p, p.conditions.atom_of(n.atom));
    case CondNode::Op::and_:
    case CondNode::Op::or_: {
      const bool is_and = n.op == CondNode::Op::and_;
      // Operands print in text order, not id order: ids depend on the order conditions were
      // lowered in, and the text (which keys are made of) must not.
      std::vector<std::string> parts;
      for (CondId k : n.kids) parts.push_back(node_text(p, k, is_and));
      std::sort(parts.begin(), parts.end());
      std::string out;
      for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? (is_and ? " and " : " or ") : "") + parts[i];
      // `and` binds tighter than `or`: only an `or` inside an `and` needs parentheses.
      return !is_and && in_and ? "(" + out + ")" : out;
    }
  }
  return "?";
}

}  // namespace

std::string condition_text(const Policy& p, CondId c) { return node_text(p, c, false); }

std::string level_name(const Policy& p, LevelId l) {
  if (l.value >= p.levels.size()) return "?";
  return p[p[l].module].name + "." + p[l].name;
}

std::string requirement_text(const Policy& p, RequirementId r) {
  const Requirement& req = p[r];
  return p[req.module].name + " >= " + p[req.level].name;
}

std::string kinds_text(const std::vector<PrincipalKind>& kinds) {
  if (kinds.empty()) return "any kind";
  std::string out;
  for (auto k : kinds) out += (out.empty() ? "" : ", ") + std::string(name(k));
  return out;
}

}  // namespace writ::ir
