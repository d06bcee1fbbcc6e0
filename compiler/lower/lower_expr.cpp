// Conditions: resolve `context.X` to attributes and `principal.kind|named|has_grant|is_owner` and
// `target.relation` to inputs, type-check (W034) so that a condition that could never be true
// because of a typo (`"prod"` for `"production"`) is an error, not a silent deny, and build the
// normalized condition in the policy's store (compiler/ir/condition.hpp): each comparison of an
// input with literals becomes one atom. Comparing two inputs with each other is rejected: it
// would not be a finite atom of one input. Also context attribute declarations, their closed
// domains, and the literals given for them (defaults, test context).
// Covered by tests/unit/core/condition_test.cpp, tests/unit/lower/lower_policy_test.cpp and fixtures W020/W034/W043.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/ir/print.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

enum class Type : std::uint8_t { boolean, integer, string };

std::string_view type_name(Type t) {
  switch (t) {
    case Type::boolean: return "bool";
    case Type::integer: return "int";
    case Type::string: return "string";
  }
  return "bool";
}

Type type_of(ir::AttributeType t) {
  switch (t) {
    case ir::AttributeType::boolean: return Type::boolean;
    case ir::AttributeType::integer: return Type::integer;
    case ir::AttributeType::string:
    case ir::AttributeType::enumeration: return Type::string;
  }
  return Type::boolean;
}

std::string enum_set(const std::vector<std::string>& values) { return fmt::format("{{{}}}", fmt::join(values, ", ")); }

bool is_literal(const ast::Expr& e) {
  return e.kind == ast::Expr::Kind::boolean || e.kind == ast::Expr::Kind::integer || e.kind == ast::Expr::Kind::string;
}

/// What a subexpression lowered to: a literal, an input (a path), or a boolean condition.
struct Operand {
  enum class Kind : std::uint8_t { literal, input, condition };
  Kind kind = Kind::literal;
  Type type = Type::boolean;
  ir::Value literal;
  ir::Input input;
  std::vector<std::string> enum_values;  ///< inputs of enum type: the values it may take
  ir::CondId cond = ir::kTrue;
};

const std::vector<std::string>& kind_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (auto k : ir::all_of<ir::PrincipalKind>()) out.emplace_back(ir::name(k));
    return out;
  }();
  return names;
}

const std::vector<std::string> kRelations = {"self", "descendant"};
const std::vector<std::string> kBuiltinPaths = {"principal.kind", "principal.named", "principal.has_grant", "principal.is_owner",
                                                "target.relation"};

class ExprLowering {
 public:
  explicit ExprLowering(Lowerer& l) : l_(l), cs_(l.p.conditions) {}

  std::optional<Operand> lower(const ast::Expr& e) {
    using K = ast::Expr::Kind;
    switch (e.kind) {
      case K::boolean: return literal(Type::boolean, ir::Value{e.bool_value});
      case K::integer: return literal(Type::integer, ir::Value{e.int_value});
      case K::string: return literal(Type::string, ir::Value{e.text});
      case K::path: return path(e);
      case K::list: return error(e.span, "a list can only follow `in` or `not in`");
      case K::not_: {
        auto kid = lower(e.kids.at(0));
        if (!kid || !need_bool("not", e.kids[0], *kid)) return std::nullopt;
        return condition(cs_.negate(as_condition(*kid)));
      }
      case K::and_:
      case K::or_: {
        const char* op = e.kind == K::and_ ? "and" : "or";
        auto a = lower(e.kids.at(0));
        auto b = lower(e.kids.at(1));
        if (!a || !b) return std::nullopt;
        // Check both sides so each mistake is reported once, in one pass.
        const bool ok_a = need_bool(op, e.kids[0], *a), ok_b = need_bool(op, e.kids[1], *b);
        if (!ok_a || !ok_b) return std::nullopt;
        std::vector<ir::CondId> kids{as_condition(*a), as_condition(*b)};
        return condition(e.kind == K::and_ ? cs_.all(std::move(kids)) : cs_.any(std::move(kids)));
      }
      case K::eq:
      case K::ne: return compare(e);
      case K::in:
      case K::not_in: return membership(e);
    }
    return std::nullopt;
  }

  ir::CondId as_condition(const Operand& o) {
    switch (o.kind) {
      case Operand::Kind::literal: return std::get<bool>(o.literal) ? ir::kTrue : ir::kFalse;
      case Operand::Kind::input: return cs_.atom(ir::Atom{o.input, {ir::Value{true}}, false});
      case Operand::Kind::condition: return o.cond;
    }
    return ir::kFalse;
  }

 private:
  static Operand literal(Type t, ir::Value v) {
    Operand o;
    o.kind = Operand::Kind::literal;
    o.type = t;
    o.literal = std::move(v);
    return o;
  }
  static Operand condition(ir::CondId c) {
    Operand o;
    o.kind = Operand::Kind::condition;
    o.cond = c;
    return o;
  }
  static Operand input(ir::Input in, Type t, std::vector<std::string> enum_values = {}) {
    Operand o;
    o.kind = Operand::Kind::input;
    o.type = t;
    o.input = in;
    o.enum_values = std::move(enum_values);
    return o;
  }

  std::optional<Operand> error(Span span, std::string message) {
    l_.diags.report(DiagCode::expr_type_error, span, message);
    return std::nullopt;
  }

  bool need_bool(std::string_view op, const ast::Expr& src, const Operand& o) {
    if (o.type == Type::boolean) return true;
    error(src.span, fmt::format("`{}` needs booleans; `{}` is {}", op, dsl::print_expression(src), type_name(o.type)));
    return false;
  }

  std::optional<Operand> path(const ast::Expr& e) {
    const auto& s = e.segments;
    const std::string full = fmt::format("{}", fmt::join(s, "."));
    if (s.size() == 2 && s[0] == "context") {
      auto it = l_.p.attribute_by_name.find(s[1]);
      if (it == l_.p.attribute_by_name.end()) {
        l_.undeclared("attribute", s[1], e.span, l_.attribute_names());
        return std::nullopt;
      }
      const ir::Attribute& a = l_.p[it->second];
      return input(ir::Input{ir::InputKind::attribute, it->second}, type_of(a.type),
                   a.type == ir::AttributeType::enumeration ? a.enum_values : std::vector<std::string>{});
    }
    if (full == "principal.kind") return input(ir::Input{ir::InputKind::principal_kind, {}}, Type::string, kind_names());
    if (full == "principal.named") return input(ir::Input{ir::InputKind::principal_named, {}}, Type::boolean);
    if (full == "principal.has_grant") return input(ir::Input{ir::InputKind::principal_has_grant, {}}, Type::boolean);
    if (full == "principal.is_owner") return input(ir::Input{ir::InputKind::principal_is_owner, {}}, Type::boolean);
    if (full == "target.relation") return input(ir::Input{ir::InputKind::target_relation, {}}, Type::string, kRelations);
    std::vector<std::string> candidates = kBuiltinPaths;
    for (const auto& a : l_.p.attributes) candidates.push_back("context." + a.name);
    l_.undeclared("name", full, e.span, candidates);
    return std::nullopt;
  }

  /// `value` used against `subject`: same type, and a member of its enum.
  bool fits(const ast::Expr& subject_src, const Operand& subject, const ast::Expr& value_src, const Operand& value, std::string_view op) {
    if (subject.type != value.type) {
      error(value_src.span, fmt::format("`{}` compares `{}` ({}) with `{}` ({})", op, dsl::print_expression(subject_src),
                                        type_name(subject.type), dsl::print_expression(value_src), type_name(value.type)));
      return false;
    }
    if (!subject.enum_values.empty() && value.kind == Operand::Kind::literal) {
      const auto& text = std::get<std::string>(value.literal);
      if (std::find(subject.enum_values.begin(), subject.enum_values.end(), text) == subject.enum_values.end()) {
        error(value_src.span, fmt::format("`{}` is one of {}; `{}` is not among them", dsl::print_expression(subject_src),
                                          enum_set(subject.enum_values), dsl::print_expression(value_src)));
        return false;
      }
    }
    return true;
  }

  std::optional<Operand> compare(const ast::Expr& e) {
    auto a = lower(e.kids.at(0));
    auto b = lower(e.kids.at(1));
    if (!a || !b) return std::nullopt;
    const bool eq = e.kind == ast::Expr::Kind::eq;
    const char* op = eq ? "==" : "!=";
    // Put the input side first so the message names what the literal should have been.
    const bool swap = a->kind == Operand::Kind::literal && b->kind != Operand::Kind::literal;
    const Operand& subject = swap ? *b : *a;
    const Operand& value = swap ? *a : *b;
    const ast::Expr& subject_src = swap ? e.kids[1] : e.kids[0];
    const ast::Expr& value_src = swap ? e.kids[0] : e.kids[1];
    if (!fits(subject_src, subject, value_src, value, op)) return std::nullopt;
    if (value.kind != Operand::Kind::literal)
      return error(e.span, fmt::format("`{}` compares `{}` with `{}`; compare a value with a literal such as `\"production\"` or `true`", op,
                                       dsl::print_expression(subject_src), dsl::print_expression(value_src)));
    ir::CondId c = ir::kFalse;
    switch (subject.kind) {
      case Operand::Kind::literal: c = subject.literal == value.literal ? ir::kTrue : ir::kFalse; break;
      case Operand::Kind::input: c = l_.p.conditions.atom(ir::Atom{subject.input, {value.literal}, false}); break;
      case Operand::Kind::condition:
        // `(...) == true` is the condition, `== false` its negation; both keep unknown unknown.
        c = std::get<bool>(value.literal) ? subject.cond : cs_.negate(subject.cond);
        break;
    }
    return condition(eq ? c : cs_.negate(c));
  }

  std::optional<Operand> membership(const ast::Expr& e) {
    const bool in = e.kind == ast::Expr::Kind::in;
    const char* op = in ? "in" : "not in";
    auto subject = lower(e.kids.at(0));
    if (!subject) return std::nullopt;
    const ast::Expr& list = e.kids.at(1);
    if (list.kind != ast::Expr::Kind::list) return error(list.span, fmt::format("`{}` needs a list such as `[\"a\", \"b\"]`", op));
    std::vector<ir::Value> values;
    bool ok = true;
    for (const auto& item : list.kids) {
      if (!is_literal(item)) {
        error(item.span, fmt::format("a list holds literals; `{}` is not one", dsl::print_expression(item)));
        ok = false;
        continue;
      }
      auto v = lower(item);
      if (!v || !fits(e.kids[0], *subject, item, *v, op)) {
        ok = false;
        continue;
      }
      values.push_back(v->literal);
    }
    if (!ok) return std::nullopt;
    if (subject->kind != Operand::Kind::input)
      return error(e.kids[0].span, fmt::format("`{}` tests a value such as `context.NAME`; `{}` is not one", op, dsl::print_expression(e.kids[0])));
    return condition(l_.p.conditions.atom(ir::Atom{subject->input, std::move(values), !in}));
  }

  Lowerer& l_;
  ir::Conditions& cs_;
};

}  // namespace

std::optional<ir::CondId> lower_condition(Lowerer& l, const ast::Expr& e) {
  ExprLowering x(l);
  auto o = x.lower(e);
  if (!o) return std::nullopt;
  if (o->type != Type::boolean) {
    l.diags.report(DiagCode::expr_type_error, e.span,
                   fmt::format("a condition must be a boolean; `{}` is {}", dsl::print_expression(e), type_name(o->type)));
    return std::nullopt;
  }
  const ir::CondId c = x.as_condition(*o);
  const ir::Conditions& cs = l.p.conditions;
  if (cs.size(c) > ir::Conditions::kMaxNodes) {
    l.diags.report(DiagCode::condition_too_large, e.span,
                   fmt::format("condition has {} distinct parts; the limit is {}", cs.size(c), ir::Conditions::kMaxNodes));
    return std::nullopt;
  }
  if (cs.assignment_count(c) > ir::Conditions::kMaxAssignments) {
    l.diags.report(DiagCode::condition_too_large, e.span,
                   fmt::format("condition reads inputs with more than {} combinations of values; split it or use fewer literals",
                               ir::Conditions::kMaxAssignments));
    return std::nullopt;
  }
  return c;
}

std::optional<ir::Value> lower_attribute_value(Lowerer& l, const ir::Attribute& attr, const ast::Expr& e) {
  const auto want = type_of(attr.type);
  auto mismatch = [&](std::string_view got) {
    l.diags.report(DiagCode::expr_type_error, e.span,
                   fmt::format("`context.{}` is {}; `{}` is {}", attr.name, attr.type == ir::AttributeType::enumeration ? "an enum" : type_name(want),
                               dsl::print_expression(e), got));
    return std::nullopt;
  };
  switch (e.kind) {
    case ast::Expr::Kind::boolean:
      if (want != Type::boolean) return mismatch("bool");
      return ir::Value{e.bool_value};
    case ast::Expr::Kind::integer:
      if (want != Type::integer) return mismatch("int");
      return ir::Value{e.int_value};
    case ast::Expr::Kind::string:
      if (want != Type::string) return mismatch("string");
      if (attr.type == ir::AttributeType::enumeration &&
          std::find(attr.enum_values.begin(), attr.enum_values.end(), e.text) == attr.enum_values.end()) {
        l.diags.report(DiagCode::expr_type_error, e.span,
                       fmt::format("`context.{}` is one of {}; `{}` is not among them", attr.name, enum_set(attr.enum_values), dsl::print_expression(e)));
        return std::nullopt;
      }
      return ir::Value{e.text};
    default:
      l.diags.report(DiagCode::expr_type_error, e.span,
                     fmt::format("the value of `context.{}` must be a literal; `{}` is not one", attr.name, dsl::print_expression(e)));
      return std::nullopt;
  }
}

void lower_attributes(Lowerer& l) {
  for (std::uint32_t i = 0; i < l.attribute_decls.size(); ++i) {
    const ast::AttributeDecl& d = *l.attribute_decls[i];
    ir::Attribute& a = l.p.attributes[i];
    Declared values("enum value");
    for (const auto& v : d.enum_values)
      if (values.add(v, l.diags)) a.enum_values.push_back(v.text);
    if (d.type == ir::AttributeType::enumeration && a.enum_values.empty())
      l.diags.report(DiagCode::invalid_value, d.name.span, fmt::format("enum attribute `{}` has no values", d.name.text));
    if (d.default_value) a.default_value = lower_attribute_value(l, a, *d.default_value);
    // Bool and enum attributes have closed domains: the store folds negations into complements.
    const ir::Input in{ir::InputKind::attribute, ir::AttributeId{i}};
    if (a.type == ir::AttributeType::boolean) l.p.conditions.declare_domain(in, {ir::Value{false}, ir::Value{true}});
    if (a.type == ir::AttributeType::enumeration) {
      std::vector<ir::Value> domain;
      for (const auto& v : a.enum_values) domain.emplace_back(v);
      l.p.conditions.declare_domain(in, std::move(domain));
    }
  }
}

}  // namespace writ::lower::detail
