// Conditions: resolve `context.X` to attributes and `principal.kind|named|has_grant` and
// `target.relation` to builtins, and type-check (W034) so that a condition that could never be true because of a typo
// (`"prod"` for `"production"`) is an error, not a silent deny. Also context attribute
// declarations and the literals given for them (defaults, test context).
// Covered by tests/unit/lower/lower_expr_test.cpp and fixtures W020/W034.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "compiler/dsl/dsl_printer.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower::detail {
namespace {

const std::vector<std::string> kPrincipalKinds = {"internal", "external", "vendor_support", "system"};
/// How the target organization relates to where the evaluated role or grant is held.
const std::vector<std::string> kRelations = {"self", "descendant"};
const std::vector<std::string> kBuiltinPaths = {"principal.kind", "principal.named", "principal.has_grant", "target.relation"};

struct Typed {
  ir::Expr e;
  const std::vector<std::string>* enum_values = nullptr;  ///< the value must be one of these
};

std::string_view type_name(ir::Expr::Type t) {
  switch (t) {
    case ir::Expr::Type::boolean: return "bool";
    case ir::Expr::Type::integer: return "int";
    case ir::Expr::Type::string: return "string";
  }
  return "bool";
}

ir::Expr::Type type_of(ast::AttributeDecl::Type t) {
  switch (t) {
    case ast::AttributeDecl::Type::boolean: return ir::Expr::Type::boolean;
    case ast::AttributeDecl::Type::integer: return ir::Expr::Type::integer;
    case ast::AttributeDecl::Type::string:
    case ast::AttributeDecl::Type::enumeration: return ir::Expr::Type::string;
  }
  return ir::Expr::Type::boolean;
}

std::string enum_set(const std::vector<std::string>& values) { return fmt::format("{{{}}}", fmt::join(values, ", ")); }

bool is_literal(const ast::Expr& e) {
  return e.kind == ast::Expr::Kind::boolean || e.kind == ast::Expr::Kind::integer || e.kind == ast::Expr::Kind::string;
}

class ExprLowering {
 public:
  explicit ExprLowering(Lowerer& l) : l_(l) {}

  std::optional<Typed> lower(const ast::Expr& e) {
    using K = ast::Expr::Kind;
    Typed t;
    t.e.span = e.span;
    switch (e.kind) {
      case K::boolean:
        t.e.kind = ir::Expr::Kind::boolean;
        t.e.type = ir::Expr::Type::boolean;
        t.e.bool_value = e.bool_value;
        return t;
      case K::integer:
        t.e.kind = ir::Expr::Kind::integer;
        t.e.type = ir::Expr::Type::integer;
        t.e.int_value = e.int_value;
        return t;
      case K::string:
        t.e.kind = ir::Expr::Kind::string;
        t.e.type = ir::Expr::Type::string;
        t.e.text = e.text;
        return t;
      case K::path: return path(e);
      case K::list:
        return error(e.span, "a list can only follow `in` or `not in`");
      case K::not_: {
        auto kid = lower(e.kids.at(0));
        if (!kid) return std::nullopt;
        if (!need_bool("not", e.kids[0], *kid)) return std::nullopt;
        t.e.kind = ir::Expr::Kind::not_;
        t.e.type = ir::Expr::Type::boolean;
        t.e.kids.push_back(std::move(kid->e));
        return t;
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
        t.e.kind = e.kind == K::and_ ? ir::Expr::Kind::and_ : ir::Expr::Kind::or_;
        t.e.type = ir::Expr::Type::boolean;
        t.e.kids.push_back(std::move(a->e));
        t.e.kids.push_back(std::move(b->e));
        return t;
      }
      case K::eq:
      case K::ne: return compare(e);
      case K::in:
      case K::not_in: return membership(e);
    }
    return std::nullopt;
  }

 private:
  std::optional<Typed> error(Span span, std::string message) {
    l_.diags.report(DiagCode::expr_type_error, span, message);
    return std::nullopt;
  }

  bool need_bool(std::string_view op, const ast::Expr& src, const Typed& t) {
    if (t.e.type == ir::Expr::Type::boolean) return true;
    error(src.span, fmt::format("`{}` needs booleans; `{}` is {}", op, dsl::print_expression(src), type_name(t.e.type)));
    return false;
  }

  std::optional<Typed> path(const ast::Expr& e) {
    Typed t;
    t.e.span = e.span;
    const auto& s = e.segments;
    const std::string full = fmt::format("{}", fmt::join(s, "."));
    if (s.size() == 2 && s[0] == "context") {
      auto it = l_.p.attribute_by_name.find(s[1]);
      if (it == l_.p.attribute_by_name.end()) {
        l_.undeclared("attribute", s[1], e.span, l_.attribute_names());
        return std::nullopt;
      }
      const ir::Attribute& a = l_.p.attributes[it->second.value];
      t.e.kind = ir::Expr::Kind::attribute;
      t.e.attribute = it->second;
      t.e.type = type_of(a.type);
      if (a.type == ast::AttributeDecl::Type::enumeration) t.enum_values = &a.enum_values;
      return t;
    }
    if (s.size() == 2 && s[0] == "principal") {
      t.e.kind = ir::Expr::Kind::builtin;
      if (s[1] == "kind") {
        t.e.builtin = ir::Builtin::principal_kind;
        t.e.type = ir::Expr::Type::string;
        t.enum_values = &kPrincipalKinds;
        return t;
      }
      if (s[1] == "named" || s[1] == "has_grant") {
        t.e.builtin = s[1] == "named" ? ir::Builtin::principal_named : ir::Builtin::principal_has_grant;
        t.e.type = ir::Expr::Type::boolean;
        return t;
      }
      l_.undeclared("name", full, e.span, kBuiltinPaths);
      return std::nullopt;
    }
    if (s.size() == 2 && s[0] == "target" && s[1] == "relation") {
      t.e.kind = ir::Expr::Kind::builtin;
      t.e.builtin = ir::Builtin::target_relation;
      t.e.type = ir::Expr::Type::string;
      t.enum_values = &kRelations;
      return t;
    }
    std::vector<std::string> candidates = kBuiltinPaths;
    for (const auto& a : l_.p.attributes) candidates.push_back("context." + a.name);
    l_.undeclared("name", full, e.span, candidates);
    return std::nullopt;
  }

  /// `value` (typed as `want`) used against `subject`: same type, and a member of its enum.
  bool fits(const ast::Expr& subject_src, const Typed& subject, const ast::Expr& value_src, const Typed& value,
            std::string_view op) {
    if (subject.e.type != value.e.type) {
      error(value_src.span, fmt::format("`{}` compares `{}` ({}) with `{}` ({})", op, dsl::print_expression(subject_src),
                                        type_name(subject.e.type), dsl::print_expression(value_src),
                                        type_name(value.e.type)));
      return false;
    }
    if (subject.enum_values && value.e.kind == ir::Expr::Kind::string &&
        std::find(subject.enum_values->begin(), subject.enum_values->end(), value.e.text) == subject.enum_values->end()) {
      error(value_src.span, fmt::format("`{}` is one of {}; `{}` is not among them", dsl::print_expression(subject_src),
                                        enum_set(*subject.enum_values), dsl::print_expression(value_src)));
      return false;
    }
    return true;
  }

  std::optional<Typed> compare(const ast::Expr& e) {
    auto a = lower(e.kids.at(0));
    auto b = lower(e.kids.at(1));
    if (!a || !b) return std::nullopt;
    const char* op = e.kind == ast::Expr::Kind::eq ? "==" : "!=";
    // Put the enum-typed side first so the message names what the literal should have been.
    const bool swap = !a->enum_values && b->enum_values;
    const ast::Expr& subject_src = swap ? e.kids[1] : e.kids[0];
    const ast::Expr& value_src = swap ? e.kids[0] : e.kids[1];
    if (!fits(subject_src, swap ? *b : *a, value_src, swap ? *a : *b, op)) return std::nullopt;
    Typed t;
    t.e.span = e.span;
    t.e.kind = e.kind == ast::Expr::Kind::eq ? ir::Expr::Kind::eq : ir::Expr::Kind::ne;
    t.e.type = ir::Expr::Type::boolean;
    t.e.kids.push_back(std::move(a->e));
    t.e.kids.push_back(std::move(b->e));
    return t;
  }

  std::optional<Typed> membership(const ast::Expr& e) {
    const char* op = e.kind == ast::Expr::Kind::in ? "in" : "not in";
    auto subject = lower(e.kids.at(0));
    if (!subject) return std::nullopt;
    const ast::Expr& list = e.kids.at(1);
    if (list.kind != ast::Expr::Kind::list) return error(list.span, fmt::format("`{}` needs a list such as `[\"a\", \"b\"]`", op));
    ir::Expr out_list;
    out_list.kind = ir::Expr::Kind::list;
    out_list.type = subject->e.type;
    out_list.span = list.span;
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
      out_list.kids.push_back(std::move(v->e));
    }
    if (!ok) return std::nullopt;
    Typed t;
    t.e.span = e.span;
    t.e.kind = e.kind == ast::Expr::Kind::in ? ir::Expr::Kind::in : ir::Expr::Kind::not_in;
    t.e.type = ir::Expr::Type::boolean;
    t.e.kids.push_back(std::move(subject->e));
    t.e.kids.push_back(std::move(out_list));
    return t;
  }

  Lowerer& l_;
};

}  // namespace

std::optional<ir::Expr> lower_condition(Lowerer& l, const ast::Expr& e) {
  ExprLowering x(l);
  auto t = x.lower(e);
  if (!t) return std::nullopt;
  if (t->e.type != ir::Expr::Type::boolean) {
    l.diags.report(DiagCode::expr_type_error, e.span,
                   fmt::format("a condition must be a boolean; `{}` is {}", dsl::print_expression(e), type_name(t->e.type)));
    return std::nullopt;
  }
  return std::move(t->e);
}

std::optional<ir::Value> lower_attribute_value(Lowerer& l, const ir::Attribute& attr, const ast::Expr& e) {
  const auto want = type_of(attr.type);
  auto mismatch = [&](std::string_view got) {
    l.diags.report(DiagCode::expr_type_error, e.span,
                   fmt::format("`context.{}` is {}; `{}` is {}", attr.name,
                               attr.type == ast::AttributeDecl::Type::enumeration ? "an enum" : type_name(want),
                               dsl::print_expression(e), got));
    return std::nullopt;
  };
  switch (e.kind) {
    case ast::Expr::Kind::boolean:
      if (want != ir::Expr::Type::boolean) return mismatch("bool");
      return ir::Value{e.bool_value};
    case ast::Expr::Kind::integer:
      if (want != ir::Expr::Type::integer) return mismatch("int");
      return ir::Value{e.int_value};
    case ast::Expr::Kind::string:
      if (want != ir::Expr::Type::string) return mismatch("string");
      if (attr.type == ast::AttributeDecl::Type::enumeration &&
          std::find(attr.enum_values.begin(), attr.enum_values.end(), e.text) == attr.enum_values.end()) {
        l.diags.report(DiagCode::expr_type_error, e.span,
                       fmt::format("`context.{}` is one of {}; `{}` is not among them", attr.name,
                                   enum_set(attr.enum_values), dsl::print_expression(e)));
        return std::nullopt;
      }
      return ir::Value{e.text};
    default:
      l.diags.report(DiagCode::expr_type_error, e.span,
                     fmt::format("the value of `context.{}` must be a literal; `{}` is not one", attr.name,
                                 dsl::print_expression(e)));
      return std::nullopt;
  }
}

void lower_attributes(Lowerer& l) {
  for (std::size_t i = 0; i < l.attribute_decls.size(); ++i) {
    const ast::AttributeDecl& d = *l.attribute_decls[i];
    ir::Attribute& a = l.p.attributes[i];
    Declared values("enum value");
    for (const auto& v : d.enum_values)
      if (values.add(v, l.diags)) a.enum_values.push_back(v.text);
    if (d.type == ast::AttributeDecl::Type::enumeration && a.enum_values.empty())
      l.diags.report(DiagCode::invalid_value, d.name.span, fmt::format("enum attribute `{}` has no values", d.name.text));
    if (d.default_value) a.default_value = lower_attribute_value(l, a, *d.default_value);
  }
}

}  // namespace writ::lower::detail
