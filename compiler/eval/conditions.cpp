// See conditions.hpp.
#include "compiler/eval/conditions.hpp"

#include "compiler/dsl/dsl_printer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <variant>

namespace writ::eval {
namespace {

// A value or unknown. Lists are only ever the right operand of `in` and are read directly.
using Val = std::optional<ir::Value>;

Val value_of(const ir::Expr& e, const ConditionInput& in);

Truth to_truth(const Val& v) {
  if (!v) return Truth::unknown;
  if (const bool* b = std::get_if<bool>(&*v)) return *b ? Truth::true_ : Truth::false_;
  return Truth::unknown;  // a non-boolean where a condition is expected: a type error, fail closed
}

Val from_truth(Truth t) {
  if (t == Truth::unknown) return std::nullopt;
  return ir::Value{t == Truth::true_};
}

Truth not_(Truth t) {
  if (t == Truth::unknown) return t;
  return t == Truth::true_ ? Truth::false_ : Truth::true_;
}

Val attribute_value(const ir::Attribute& attr, const ConditionInput& in) {
  auto it = in.request.context.find(attr.name);
  std::optional<ir::Value> v;
  if (it != in.request.context.end()) v = it->second;
  else if (attr.default_value) v = attr.default_value;
  if (!v) return std::nullopt;
  // A value of the wrong type from outside is as good as missing.
  using T = ast::AttributeDecl::Type;
  bool ok = false;
  switch (attr.type) {
    case T::boolean: ok = std::holds_alternative<bool>(*v); break;
    case T::integer: ok = std::holds_alternative<std::int64_t>(*v); break;
    case T::string: ok = std::holds_alternative<std::string>(*v); break;
    case T::enumeration:
      ok = std::holds_alternative<std::string>(*v) &&
           std::find(attr.enum_values.begin(), attr.enum_values.end(), std::get<std::string>(*v)) != attr.enum_values.end();
      break;
  }
  return ok ? v : std::nullopt;
}

Val builtin_value(ir::Builtin b, const ConditionInput& in) {
  switch (b) {
    case ir::Builtin::principal_kind: return ir::Value{std::string(kind_name(in.principal.kind))};
    case ir::Builtin::principal_named: return ir::Value{in.principal.named};
    case ir::Builtin::principal_has_grant: return ir::Value{in.has_grant};
    case ir::Builtin::target_relation:
      if (!in.relation || *in.relation == Relation::unrelated) return std::nullopt;
      return ir::Value{std::string(relation_name(*in.relation))};
  }
  return std::nullopt;
}

Truth equal(const Val& a, const Val& b) {
  if (!a || !b) return Truth::unknown;
  return *a == *b ? Truth::true_ : Truth::false_;
}

Truth member(const ir::Expr& value, const ir::Expr& list, const ConditionInput& in) {
  Val v = value_of(value, in);
  if (!v) return Truth::unknown;
  bool unknown = false;
  for (const auto& item : list.kids) {
    Truth t = equal(v, value_of(item, in));
    if (t == Truth::true_) return Truth::true_;
    if (t == Truth::unknown) unknown = true;
  }
  return unknown ? Truth::unknown : Truth::false_;
}

Val value_of(const ir::Expr& e, const ConditionInput& in) {
  using K = ir::Expr::Kind;
  switch (e.kind) {
    case K::boolean: return ir::Value{e.bool_value};
    case K::integer: return ir::Value{e.int_value};
    case K::string: return ir::Value{e.text};
    case K::attribute:
      if (e.attribute.value >= in.policy.attributes.size()) return std::nullopt;
      return attribute_value(in.policy[e.attribute], in);
    case K::builtin: return builtin_value(e.builtin, in);
    case K::list: return std::nullopt;
    default: return from_truth(evaluate(e, in));
  }
}

}  // namespace

Truth evaluate(const ir::Expr& e, const ConditionInput& in) {
  using K = ir::Expr::Kind;
  switch (e.kind) {
    case K::not_: return e.kids.empty() ? Truth::unknown : not_(evaluate(e.kids[0], in));
    case K::and_: {
      // Kleene: false wins, then unknown.
      Truth out = Truth::true_;
      for (const auto& k : e.kids) {
        Truth t = evaluate(k, in);
        if (t == Truth::false_) return t;
        if (t == Truth::unknown) out = t;
      }
      return out;
    }
    case K::or_: {
      Truth out = Truth::false_;
      for (const auto& k : e.kids) {
        Truth t = evaluate(k, in);
        if (t == Truth::true_) return t;
        if (t == Truth::unknown) out = t;
      }
      return out;
    }
    case K::eq:
      if (e.kids.size() != 2) return Truth::unknown;
      return equal(value_of(e.kids[0], in), value_of(e.kids[1], in));
    case K::ne:
      if (e.kids.size() != 2) return Truth::unknown;
      return not_(equal(value_of(e.kids[0], in), value_of(e.kids[1], in)));
    case K::in:
      if (e.kids.size() != 2) return Truth::unknown;
      return member(e.kids[0], e.kids[1], in);
    case K::not_in:
      if (e.kids.size() != 2) return Truth::unknown;
      return not_(member(e.kids[0], e.kids[1], in));
    default: return to_truth(value_of(e, in));
  }
}

bool holds(const std::optional<ir::Expr>& e, const ConditionInput& in) { return !e || evaluate(*e, in) == Truth::true_; }
bool may_apply(const std::optional<ir::Expr>& e, const ConditionInput& in) { return !e || evaluate(*e, in) != Truth::false_; }

std::string_view truth_name(Truth t) {
  switch (t) {
    case Truth::true_: return "true";
    case Truth::false_: return "false";
    case Truth::unknown: return "unknown";
  }
  return "unknown";
}

namespace {
std::string operand(const ir::Policy& p, const ir::Expr& e) {
  using K = ir::Expr::Kind;
  bool compound = e.kind == K::and_ || e.kind == K::or_;
  return compound ? "(" + to_text(p, e) + ")" : to_text(p, e);
}
}  // namespace

std::string to_text(const ir::Policy& p, const ir::Expr& e) {
  using K = ir::Expr::Kind;
  auto join = [&](std::string_view op) {
    std::string out;
    for (std::size_t i = 0; i < e.kids.size(); ++i) out += (i ? fmt::format(" {} ", op) : "") + operand(p, e.kids[i]);
    return out;
  };
  auto kid = [&](std::size_t i) { return i < e.kids.size() ? operand(p, e.kids[i]) : std::string("?"); };
  switch (e.kind) {
    case K::boolean: return e.bool_value ? "true" : "false";
    case K::integer: return std::to_string(e.int_value);
    case K::string: return dsl::quote(e.text);
    case K::attribute:
      return "context." + (e.attribute.value < p.attributes.size() ? p[e.attribute].name : std::string("?"));
    case K::builtin:
      return std::string(ir::builtin_path(e.builtin));
    case K::list: {
      std::string out = "[";
      for (std::size_t i = 0; i < e.kids.size(); ++i) out += (i ? ", " : "") + to_text(p, e.kids[i]);
      return out + "]";
    }
    case K::not_: return "not " + kid(0);
    case K::and_: return join("and");
    case K::or_: return join("or");
    case K::eq: return kid(0) + " == " + kid(1);
    case K::ne: return kid(0) + " != " + kid(1);
    case K::in: return kid(0) + " in " + kid(1);
    case K::not_in: return kid(0) + " not in " + kid(1);
  }
  return "?";
}

}  // namespace writ::eval
