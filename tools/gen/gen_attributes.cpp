// Context attributes (docs/language.md §8): one or more of every type, with and without
// defaults, so conditions meet missing attributes (unknown, fail closed) as well as set ones.
#include <fmt/format.h>

#include "tools/gen/build.hpp"

namespace writ::gen {
namespace {

Attribute make(std::string name, Attribute::Type type, std::optional<Value> def, std::vector<Value> samples,
               std::string description, std::vector<std::string> enum_values = {}) {
  Attribute a;
  a.name = std::move(name);
  a.type = type;
  a.default_value = std::move(def);
  a.samples = std::move(samples);
  a.description = std::move(description);
  a.enum_values = std::move(enum_values);
  return a;
}

}  // namespace

void build_attributes(Model& m, const Plan& plan, Rng& rng) {
  using T = Attribute::Type;
  using S = std::string;
  auto& a = m.attributes;
  a.push_back(make("environment", T::enumeration, Value{S("production")}, {S("production"), S("sandbox"), S("staging")},
                   "Environment the request targets", {"production", "sandbox", "staging"}));
  // No default: a request that omits the tier fails every precondition on it.
  a.push_back(make("tier", T::enumeration, std::nullopt, {S("free"), S("trial"), S("paid"), S("enterprise")},
                   "Subscription tier of the account", {"free", "trial", "paid", "enterprise"}));
  a.push_back(make("ticket_open", T::boolean, Value{false}, {true, false}, "A support ticket is open"));
  a.push_back(make("maintenance", T::boolean, std::nullopt, {true, false}, "The account is in a maintenance window"));
  a.push_back(make("mfa", T::boolean, Value{false}, {true, false}, "The principal signed in with a second factor"));
  a.push_back(make("allow_delegation", T::boolean, Value{false}, {true, false}, "The account lets non-admins grant access"));
  a.push_back(make("seats", T::integer, std::nullopt, {std::int64_t{0}, std::int64_t{1}, std::int64_t{5}, std::int64_t{20}},
                   "Seats of the account"));
  a.push_back(make("risk", T::integer, Value{std::int64_t{0}}, {std::int64_t{0}, std::int64_t{1}, std::int64_t{3}},
                   "Risk score of the session"));
  a.push_back(make("region", T::string, std::nullopt, {S("eu"), S("us"), S("apac")}, "Data region"));
  a.push_back(make("department", T::string, Value{S("operations")}, {S("operations"), S("finance"), S("support")},
                   "Department of the principal"));
  // Larger policies get more switches, as real ones accumulate feature flags.
  for (int i = 0; i < plan.extra_attributes; ++i) {
    bool with_default = rng.chance(50);
    a.push_back(make(fmt::format("feature_{}", i + 1), T::boolean, with_default ? std::optional<Value>(Value{false}) : std::nullopt,
                     {true, false}, fmt::format("Feature switch {}", i + 1)));
  }
}

}  // namespace writ::gen
