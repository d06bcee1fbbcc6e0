// See gen_conditions.hpp. Most conditions are one atom; some are `and`/`or` of two and a few are
// negated, so the Kleene rules for every operator are exercised.
#include "tools/gen/gen_conditions.hpp"

#include <algorithm>
#include <optional>

namespace writ::gen {
namespace {

using In = Cond::Input;
using Cmp = Cond::Cmp;

std::vector<Value> some_of(Rng& rng, const std::vector<Value>& pool, int count) {
  std::vector<Value> rest = pool, out;
  for (int i = 0; i < count && !rest.empty(); ++i) {
    std::size_t k = rng.below(rest.size());
    out.push_back(rest[k]);
    rest.erase(rest.begin() + static_cast<long>(k));
  }
  return out;
}

Cond attribute_atom(const Model& m, Rng& rng, int ai) {
  const Attribute& a = m.attributes[ai];
  switch (a.type) {
    case Attribute::Type::boolean:
      if (rng.chance(70)) return atom(In::attribute, Cmp::truthy, {}, ai);
      return not_of(atom(In::attribute, Cmp::truthy, {}, ai));
    case Attribute::Type::enumeration: {
      int r = static_cast<int>(rng.below(100));
      if (r < 40) return atom(In::attribute, Cmp::eq, some_of(rng, a.samples, 1), ai);
      if (r < 55) return atom(In::attribute, Cmp::ne, some_of(rng, a.samples, 1), ai);
      if (r < 85) return atom(In::attribute, Cmp::in, some_of(rng, a.samples, 2), ai);
      return atom(In::attribute, Cmp::not_in, some_of(rng, a.samples, rng.between(1, 2)), ai);
    }
    case Attribute::Type::integer:
    case Attribute::Type::string: {
      int r = static_cast<int>(rng.below(100));
      if (r < 50) return atom(In::attribute, Cmp::eq, some_of(rng, a.samples, 1), ai);
      if (r < 70) return atom(In::attribute, Cmp::ne, some_of(rng, a.samples, 1), ai);
      return atom(In::attribute, Cmp::in, some_of(rng, a.samples, 2), ai);
    }
  }
  return atom(In::attribute, Cmp::truthy, {}, ai);
}

Cond kind_atom(Rng& rng) {
  static const std::vector<Value> kinds = {std::string("internal"), std::string("external"), std::string("vendor_support"),
                                           std::string("system")};
  if (rng.chance(60)) return atom(In::principal_kind, Cmp::eq, some_of(rng, kinds, 1));
  return atom(In::principal_kind, Cmp::in, some_of(rng, kinds, 2));
}

Cond one_atom(const Model& m, Rng& rng, CondUse use) {
  const bool role_place = use == CondUse::permit || use == CondUse::deny || use == CondUse::authorizer;
  int r = static_cast<int>(rng.below(100));
  if (r < 12) return kind_atom(rng);
  if (role_place && r < 18) return atom(In::target_relation, Cmp::eq, {std::string(rng.chance(50) ? "self" : "descendant")});
  if (role_place && r < 22) return atom(In::principal_named, Cmp::truthy, {});
  if ((role_place || use == CondUse::forbid) && r < 26) return atom(In::principal_has_grant, Cmp::truthy, {});
  if ((role_place || use == CondUse::forbid) && r < 31) return atom(In::principal_is_owner, Cmp::truthy, {});
  return attribute_atom(m, rng, static_cast<int>(rng.below(m.attributes.size())));
}

/// Two atoms on different inputs, so `a and b` / `a or b` is never `x and not x`.
std::vector<Cond> two_atoms(const Model& m, Rng& rng, CondUse use, std::optional<Cond> first = std::nullopt) {
  Cond a = first ? *first : one_atom(m, rng, use);
  auto same = [&](const Cond& x, const Cond& y) {
    const Cond& ax = x.op == Cond::Op::not_ ? x.kids.front() : x;
    const Cond& ay = y.op == Cond::Op::not_ ? y.kids.front() : y;
    return ax.input == ay.input && (ax.input != In::attribute || ax.attribute == ay.attribute);
  };
  Cond b = one_atom(m, rng, use);
  for (int tries = 0; tries < 16 && same(a, b); ++tries) b = one_atom(m, rng, use);
  std::vector<Cond> out;
  out.push_back(std::move(a));
  out.push_back(std::move(b));
  return out;
}

}  // namespace

Cond condition_on(const Model& m, Rng& rng, int k) {
  static const Attribute::Type types[] = {Attribute::Type::boolean, Attribute::Type::enumeration, Attribute::Type::integer,
                                          Attribute::Type::string};
  if (k < 4) {
    std::vector<int> of_type;
    for (std::size_t a = 0; a < m.attributes.size(); ++a)
      if (m.attributes[a].type == types[k]) of_type.push_back(static_cast<int>(a));
    return attribute_atom(m, rng, of_type[rng.below(of_type.size())]);
  }
  if (k == 4) return kind_atom(rng);
  if (k == 5) return atom(In::principal_named, Cmp::truthy, {});
  return atom(In::target_relation, Cmp::eq, {std::string("self")});
}

Cond random_condition(const Model& m, Rng& rng, CondUse use) {
  // Places with a conventional shape get it most of the time, as real policies write them.
  switch (use) {
    case CondUse::precondition:
      if (rng.chance(60)) return atom(In::attribute, Cmp::not_in, {std::string("free"), std::string("trial")}, m.attribute("tier"));
      break;
    case CondUse::scope:
      if (rng.chance(60)) {
        Cond prod = atom(In::attribute, Cmp::eq, {std::string("production")}, m.attribute("environment"));
        if (rng.chance(50)) return prod;
        return or_of({prod, atom(In::attribute, Cmp::truthy, {}, m.attribute("maintenance"))});
      }
      break;
    case CondUse::implicit: {
      Cond ticket = atom(In::attribute, Cmp::truthy, {}, m.attribute("ticket_open"));
      if (rng.chance(50)) return ticket;
      return and_of(two_atoms(m, rng, use, ticket));
    }
    default: break;
  }
  int r = static_cast<int>(rng.below(100));
  if (r < 70) return one_atom(m, rng, use);
  if (r < 85) return and_of(two_atoms(m, rng, use));
  if (r < 95) return or_of(two_atoms(m, rng, use));
  return not_of(and_of(two_atoms(m, rng, use)));
}

}  // namespace writ::gen
