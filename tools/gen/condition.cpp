// See condition.hpp. Kleene logic as in docs/semantics.md §5.1: a missing attribute, a value of
// the wrong type and `target.relation` where nothing is held are unknown; unknown propagates
// through comparisons and `not`, and `and`/`or` are decided by a false/true operand.
#include "tools/gen/condition.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace writ::gen {
namespace {

std::optional<Value> input_value(const Cond& c, const Env& env) {
  switch (c.input) {
    case Cond::Input::attribute: {
      const Attribute& a = (*env.attributes)[c.attribute];
      std::optional<Value> v;
      if (auto it = env.context->find(c.attribute); it != env.context->end()) v = it->second;
      else v = a.default_value;
      if (!v) return std::nullopt;
      bool ok = false;
      switch (a.type) {
        case Attribute::Type::boolean: ok = std::holds_alternative<bool>(*v); break;
        case Attribute::Type::integer: ok = std::holds_alternative<std::int64_t>(*v); break;
        case Attribute::Type::string: ok = std::holds_alternative<std::string>(*v); break;
        case Attribute::Type::enumeration:
          ok = std::holds_alternative<std::string>(*v) &&
               std::find(a.enum_values.begin(), a.enum_values.end(), std::get<std::string>(*v)) != a.enum_values.end();
          break;
      }
      return ok ? v : std::nullopt;
    }
    case Cond::Input::principal_kind: return Value{std::string(env.kind)};
    case Cond::Input::principal_named: return Value{env.named};
    case Cond::Input::principal_has_grant: return Value{env.has_grant};
    case Cond::Input::principal_is_owner:
      if (!env.is_owner) return std::nullopt;
      return Value{*env.is_owner};
    case Cond::Input::target_relation:
      if (!env.relation || *env.relation == Relation::unrelated) return std::nullopt;
      return Value{std::string(*env.relation == Relation::self ? "self" : "descendant")};
  }
  return std::nullopt;
}

Truth from_bool(bool b) { return b ? Truth::true_ : Truth::false_; }

Truth negate(Truth t) { return t == Truth::unknown ? t : from_bool(t == Truth::false_); }

Truth evaluate_atom(const Cond& c, const Env& env) {
  auto v = input_value(c, env);
  if (!v) return Truth::unknown;
  switch (c.cmp) {
    case Cond::Cmp::truthy:
      if (const bool* b = std::get_if<bool>(&*v)) return from_bool(*b);
      return Truth::unknown;
    case Cond::Cmp::eq: return from_bool(*v == c.literals.front());
    case Cond::Cmp::ne: return from_bool(*v != c.literals.front());
    case Cond::Cmp::in: return from_bool(std::find(c.literals.begin(), c.literals.end(), *v) != c.literals.end());
    case Cond::Cmp::not_in: return from_bool(std::find(c.literals.begin(), c.literals.end(), *v) == c.literals.end());
  }
  return Truth::unknown;
}

std::string input_text(const Cond& c, const std::vector<Attribute>& attributes) {
  switch (c.input) {
    case Cond::Input::attribute: return "context." + attributes[c.attribute].name;
    case Cond::Input::principal_kind: return "principal.kind";
    case Cond::Input::principal_named: return "principal.named";
    case Cond::Input::principal_has_grant: return "principal.has_grant";
    case Cond::Input::principal_is_owner: return "principal.is_owner";
    case Cond::Input::target_relation: return "target.relation";
  }
  return "?";
}

/// A kid of `and`/`or`/`not` gets parentheses unless it is an atom, so the printed text parses
/// back to the same tree whatever the precedence rules.
std::string operand_text(const Cond& c, const std::vector<Attribute>& attributes) {
  std::string t = condition_text(c, attributes);
  return c.op == Cond::Op::atom ? t : "(" + t + ")";
}

}  // namespace

Cond atom(Cond::Input input, Cond::Cmp cmp, std::vector<Value> literals, int attribute) {
  Cond c;
  c.input = input;
  c.cmp = cmp;
  c.literals = std::move(literals);
  c.attribute = attribute;
  return c;
}

Cond compound(Cond::Op op, std::vector<Cond> kids) {
  Cond n;
  n.op = op;
  n.kids = std::move(kids);
  return n;
}

Cond and_of(std::vector<Cond> kids) { return compound(Cond::Op::and_, std::move(kids)); }
Cond or_of(std::vector<Cond> kids) { return compound(Cond::Op::or_, std::move(kids)); }

Cond not_of(Cond c) {
  std::vector<Cond> kid;
  kid.push_back(std::move(c));
  return compound(Cond::Op::not_, std::move(kid));
}

Truth evaluate(const Cond& c, const Env& env) {
  switch (c.op) {
    case Cond::Op::atom: return evaluate_atom(c, env);
    case Cond::Op::not_: return negate(evaluate(c.kids.front(), env));
    case Cond::Op::and_:
    case Cond::Op::or_: {
      // `and` is decided by a false operand, `or` by a true one; else unknown wins over the rest.
      const Truth decides = c.op == Cond::Op::and_ ? Truth::false_ : Truth::true_;
      bool unknown = false;
      for (const auto& k : c.kids) {
        Truth t = evaluate(k, env);
        if (t == decides) return t;
        unknown |= t == Truth::unknown;
      }
      return unknown ? Truth::unknown : negate(decides);
    }
  }
  return Truth::unknown;
}

std::string value_text(const Value& v) {
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const std::int64_t* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return "\"" + std::get<std::string>(v) + "\"";  // generated strings never need escapes
}

std::string condition_text(const Cond& c, const std::vector<Attribute>& attributes) {
  switch (c.op) {
    case Cond::Op::atom: {
      std::string in = input_text(c, attributes);
      auto list = [&] {
        std::vector<std::string> items;
        for (const auto& v : c.literals) items.push_back(value_text(v));
        return fmt::format("[{}]", fmt::join(items, ", "));
      };
      switch (c.cmp) {
        case Cond::Cmp::truthy: return in;
        case Cond::Cmp::eq: return in + " == " + value_text(c.literals.front());
        case Cond::Cmp::ne: return in + " != " + value_text(c.literals.front());
        case Cond::Cmp::in: return in + " in " + list();
        case Cond::Cmp::not_in: return in + " not in " + list();
      }
      return in;
    }
    case Cond::Op::not_: return "not " + operand_text(c.kids.front(), attributes);
    case Cond::Op::and_:
    case Cond::Op::or_: {
      std::vector<std::string> parts;
      for (const auto& k : c.kids) parts.push_back(operand_text(k, attributes));
      return fmt::format("{}", fmt::join(parts, c.op == Cond::Op::and_ ? " and " : " or "));
    }
  }
  return "?";
}

void attributes_read(const Cond& c, std::map<int, std::vector<Value>>& out) {
  if (c.op != Cond::Op::atom) {
    for (const auto& k : c.kids) attributes_read(k, out);
    return;
  }
  if (c.input != Cond::Input::attribute) return;
  auto& lits = out[c.attribute];
  lits.insert(lits.end(), c.literals.begin(), c.literals.end());
}

}  // namespace writ::gen
