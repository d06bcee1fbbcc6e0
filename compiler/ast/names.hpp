// The spelling of the AST's enum values. The language's vocabularies are spelled once in
// compiler/ir/vocabulary.hpp; this header adds the AST-only organization scopes (the upward ones
// parse so that lowering can report W037) and short names the front ends use.
// Covered by tests/unit/core/vocabulary_test.cpp.
#pragma once

#include <string_view>

#include "compiler/ast/ast.hpp"
#include "compiler/ir/vocabulary.hpp"

namespace writ::ast {

constexpr std::string_view kind_name(PrincipalKind k) { return ir::name(k); }
constexpr std::string_view action_class_name(ActionClass c) { return ir::name(c); }
constexpr std::string_view combining_name(Combining c) { return ir::name(c); }

constexpr std::string_view scope_name(OrgScope s) {
  switch (s) {
    case OrgScope::self: return ir::name(ir::OrgScope::self);
    case OrgScope::descendants: return ir::name(ir::OrgScope::descendants);
    case OrgScope::parent: return "parent";
    case OrgScope::ancestors: return "ancestors";
    case OrgScope::siblings: return "siblings";
  }
  return "self";
}

}  // namespace writ::ast
