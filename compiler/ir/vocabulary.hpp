// The language's closed vocabularies (principal kinds, action classes, combining rules, presence,
// organization scopes, attribute types) and their one spelling. Every syntax, dump, message and
// the request reader write and read these names through `name()` and `parse_name()` here, so
// `vendor_support` or `descendants` cannot be spelled two ways. Depends on nothing: the AST, the
// IR and the runtime-facing code all include it.
// Covered by tests/unit/core/vocabulary_test.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace writ::ir {

/// Who a principal is. `internal`: the organization's own staff; `external`: users created in a
/// customer account but owned by someone else; `vendor_support`: the vendor's support staff;
/// `system`: non-human callers.
enum class PrincipalKind : std::uint8_t { internal, external, vendor_support, system };

/// Every action is read-class or write-class (`@read` / `@write` patterns, read-only levels).
enum class ActionClass : std::uint8_t { read, write };

/// How allows and denies of several sources combine (docs/semantics.md §2).
enum class Combining : std::uint8_t { permissive, deny_overrides };

/// Whether a template field or window bound must be given.
enum class Presence : std::uint8_t { required, optional };

/// Organization scope of what a role or grant gives, relative to where it is held. Only the
/// downward scopes exist; upward ones are rejected by lowering (W037).
enum class OrgScope : std::uint8_t { self, descendants };
inline constexpr std::size_t kOrgScopeCount = 2;

/// The declared type of a context attribute.
enum class AttributeType : std::uint8_t { boolean, integer, string, enumeration };

/// The spellings of one vocabulary, indexed by the enumerator's value.
template <class E>
struct Vocabulary;

template <>
struct Vocabulary<PrincipalKind> {
  static constexpr std::array<std::string_view, 4> names{"internal", "external", "vendor_support", "system"};
};
template <>
struct Vocabulary<ActionClass> {
  static constexpr std::array<std::string_view, 2> names{"read", "write"};
};
template <>
struct Vocabulary<Combining> {
  static constexpr std::array<std::string_view, 2> names{"permissive", "deny_overrides"};
};
template <>
struct Vocabulary<Presence> {
  static constexpr std::array<std::string_view, 2> names{"required", "optional"};
};
template <>
struct Vocabulary<OrgScope> {
  static constexpr std::array<std::string_view, 2> names{"self", "descendants"};
};
template <>
struct Vocabulary<AttributeType> {
  static constexpr std::array<std::string_view, 4> names{"bool", "int", "string", "enum"};
};

template <class E>
constexpr std::string_view name(E e) {
  const auto i = static_cast<std::size_t>(e);
  return i < Vocabulary<E>::names.size() ? Vocabulary<E>::names[i] : std::string_view("?");
}

template <class E>
constexpr std::optional<E> parse_name(std::string_view text) {
  for (std::size_t i = 0; i < Vocabulary<E>::names.size(); ++i)
    if (Vocabulary<E>::names[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

/// Every enumerator of a vocabulary, in order.
template <class E>
constexpr auto all_of() {
  std::array<E, Vocabulary<E>::names.size()> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<E>(i);
  return out;
}

}  // namespace writ::ir
