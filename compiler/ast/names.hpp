// The spelling of the language's enum values, as every syntax, dump and message writes them.
// One place, so `vendor_support` or `descendants` cannot be spelled two ways.
#pragma once

#include <string_view>

#include "compiler/ast/ast.hpp"

namespace writ::ast {

constexpr std::string_view kind_name(PrincipalKind k) {
  switch (k) {
    case PrincipalKind::internal: return "internal";
    case PrincipalKind::external: return "external";
    case PrincipalKind::vendor_support: return "vendor_support";
    case PrincipalKind::system: return "system";
  }
  return "internal";
}

constexpr std::string_view scope_name(OrgScope s) {
  switch (s) {
    case OrgScope::self: return "self";
    case OrgScope::descendants: return "descendants";
    case OrgScope::parent: return "parent";
    case OrgScope::ancestors: return "ancestors";
    case OrgScope::siblings: return "siblings";
  }
  return "self";
}

constexpr std::string_view action_class_name(ActionClass c) { return c == ActionClass::read ? "read" : "write"; }

constexpr std::string_view combining_name(Combining c) {
  return c == Combining::permissive ? "permissive" : "deny_overrides";
}

}  // namespace writ::ast
