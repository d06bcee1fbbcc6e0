// Conditions (docs/language.md §3) as the generator writes them, and their three-valued
// evaluation (docs/semantics.md §5.1) for the oracle. A condition is a tree of atoms; each atom
// reads one input (a context attribute or a builtin path) and compares it with literals.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace writ::gen {

/// An attribute value or literal: bool, integer or string (enum values are strings).
using Value = std::variant<bool, std::int64_t, std::string>;

struct Attribute {
  enum class Type : std::uint8_t { boolean, enumeration, integer, string };
  std::string name;
  Type type = Type::boolean;
  std::vector<std::string> enum_values;
  std::optional<Value> default_value;
  std::string description;
  std::vector<Value> samples;  ///< values conditions compare it with (and a few others), for tests
};

/// A request's context: attribute index -> value. Absent: the default, else unknown.
using Context = std::map<int, Value>;

enum class Truth : std::uint8_t { false_, true_, unknown };

/// What a condition reads besides the context: the principal and where the evaluated role is held.
enum class Relation : std::uint8_t { self, descendant, unrelated };

struct Env {
  const std::vector<Attribute>* attributes = nullptr;
  const Context* context = nullptr;
  std::string_view kind;       ///< principal.kind
  bool named = true;
  bool has_grant = false;
  std::optional<Relation> relation;  ///< nullopt where no role is evaluated (forbids, preconditions)
  std::optional<bool> is_owner;      ///< nullopt unless the principal's id and the resource's owner are both given
};

struct Cond {
  enum class Op : std::uint8_t { atom, not_, and_, or_ };
  enum class Input : std::uint8_t { attribute, principal_kind, principal_named, principal_has_grant, principal_is_owner, target_relation };
  enum class Cmp : std::uint8_t { truthy, eq, ne, in, not_in };
  Op op = Op::atom;
  Input input = Input::attribute;
  int attribute = 0;
  Cmp cmp = Cmp::truthy;
  std::vector<Value> literals;  ///< one for eq/ne, several for in/not_in
  std::vector<Cond> kids;       ///< not_: one, and_/or_: two or more
};

Cond atom(Cond::Input input, Cond::Cmp cmp, std::vector<Value> literals, int attribute = 0);
Cond not_of(Cond c);
Cond and_of(std::vector<Cond> kids);
Cond or_of(std::vector<Cond> kids);

[[nodiscard]] Truth evaluate(const Cond& c, const Env& env);
/// Conditions that give access apply only when true (semantics.md §5.2).
[[nodiscard]] inline bool holds(const std::optional<Cond>& c, const Env& env) { return !c || evaluate(*c, env) == Truth::true_; }
/// Conditions that take access away apply unless false.
[[nodiscard]] inline bool may_apply(const std::optional<Cond>& c, const Env& env) { return !c || evaluate(*c, env) != Truth::false_; }

[[nodiscard]] std::string condition_text(const Cond& c, const std::vector<Attribute>& attributes);
[[nodiscard]] std::string value_text(const Value& v);

/// Every attribute a condition reads, with the literals it compares them with.
void attributes_read(const Cond& c, std::map<int, std::vector<Value>>& out);

}  // namespace writ::gen
