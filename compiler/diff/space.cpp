// See space.hpp.
#include "compiler/diff/space.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "compiler/ir/print.hpp"

namespace writ::diff {

std::size_t Dim::size() const {
  switch (kind) {
    case Kind::principal_kind: return kinds.size();
    case Kind::named: return 2;
    case Kind::owner: return 3;
    case Kind::attribute: return values.size();
  }
  return 1;
}

std::string Dim::input() const {
  switch (kind) {
    case Kind::principal_kind: return "principal.kind";
    case Kind::named: return "principal.named";
    case Kind::owner: return "principal.is_owner";
    case Kind::attribute: return "context." + attribute;
  }
  return "?";
}

std::string Dim::label(std::size_t i) const {
  switch (kind) {
    case Kind::principal_kind: return std::string(ir::name(kinds[i]));
    case Kind::named: return i == 0 ? "true" : "false";
    case Kind::owner: return i == 0 ? "missing" : i == 1 ? "true" : "false";
    case Kind::attribute: return values[i] ? ir::value_text(*values[i]) : "missing";
  }
  return "?";
}

std::size_t Space::size(std::size_t cap) const {
  std::size_t n = 1;
  for (const auto& d : dims) {
    n *= d.size();
    if (n > cap) return cap + 1;
  }
  return n;
}

std::size_t Space::digit(std::size_t a, std::size_t d) const {
  for (std::size_t i = 0; i < d; ++i) a /= dims[i].size();
  return a % dims[d].size();
}

std::size_t Space::with(std::size_t a, std::size_t d, std::size_t v) const {
  std::size_t stride = 1;
  for (std::size_t i = 0; i < d; ++i) stride *= dims[i].size();
  const std::size_t old = (a / stride) % dims[d].size();
  return a - old * stride + v * stride;
}

void Space::apply(std::size_t a, ir::Request& r) const {
  for (const auto& d : dims) {
    const std::size_t v = a % d.size();
    a /= d.size();
    switch (d.kind) {
      case Dim::Kind::principal_kind: r.principal.kind = d.kinds[v]; break;
      case Dim::Kind::named: r.principal.named = v == 0; break;
      case Dim::Kind::owner:
        if (v == 0) r.resource_owner.reset();
        else r.resource_owner = v == 1 ? kPrincipalId : kOtherOwner;
        break;
      case Dim::Kind::attribute:
        if (d.values[v]) r.context[d.attribute] = *d.values[v];
        else r.context.erase(d.attribute);
        break;
    }
  }
}

namespace {

struct Collected {
  std::map<std::string, std::set<ir::Value>> named;  ///< attribute -> values conditions name
  std::set<std::string> open;                        ///< attributes with an open domain somewhere
  bool owner = false, named_account = false, kind = false;
};

void collect(const ir::Policy& p, const Reads& r, Collected& c) {
  c.named_account |= r.named;
  for (auto cond : r.conditions) {
    for (auto atom : p.conditions.atoms(cond)) {
      const auto& a = p.conditions.atom_of(atom);
      switch (a.input.kind) {
        case ir::InputKind::attribute: {
          const auto& attr = p[a.input.attribute];
          auto& vals = c.named[attr.name];
          for (const auto& v : a.values) vals.insert(v);
          if (const auto* dom = p.conditions.closed_domain(a.input)) {
            for (const auto& v : *dom) vals.insert(v);
          } else {
            c.open.insert(attr.name);
          }
          break;
        }
        case ir::InputKind::principal_kind: c.kind = true; break;
        case ir::InputKind::principal_named: c.named_account = true; break;
        case ir::InputKind::principal_is_owner: c.owner = true; break;
        case ir::InputKind::principal_has_grant:  // a role's holder holds no grant: always false
        case ir::InputKind::target_relation: break;  // fixed by the scope asked
      }
    }
  }
}

/// A value of the same type as `named`'s members that none of them is.
std::optional<ir::Value> unnamed_value(const std::set<ir::Value>& named) {
  bool has_int = false, has_string = false;
  std::int64_t max = 0;
  for (const auto& v : named) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
      has_int = true;
      max = std::max(max, *i);
    }
    has_string |= std::holds_alternative<std::string>(v);
  }
  if (has_string) {
    std::string s = "diff-other";
    while (named.count(ir::Value{s})) s += "-";
    return ir::Value{s};
  }
  if (has_int) return ir::Value{max == INT64_MAX ? std::int64_t{INT64_MIN} : max + 1};
  return std::nullopt;
}

}  // namespace

Space space_for(const ir::Policy& old_p, const Reads& old_r, const ir::Policy& new_p, const Reads& new_r) {
  Collected c;
  collect(old_p, old_r, c);
  collect(new_p, new_r, c);
  Space s;
  Dim kinds{Dim::Kind::principal_kind};
  std::set<ir::PrincipalKind> ks;
  if (old_r.kinds.empty() || new_r.kinds.empty() || c.kind) {
    for (auto k : ir::all_of<ir::PrincipalKind>()) ks.insert(k);
  } else {
    ks.insert(old_r.kinds.begin(), old_r.kinds.end());
    ks.insert(new_r.kinds.begin(), new_r.kinds.end());
  }
  kinds.kinds.assign(ks.begin(), ks.end());
  s.dims.push_back(std::move(kinds));
  if (c.named_account) s.dims.push_back(Dim{Dim::Kind::named});
  if (c.owner) s.dims.push_back(Dim{Dim::Kind::owner});
  for (auto& [name, vals] : c.named) {
    Dim d{Dim::Kind::attribute, name};
    for (const auto& v : vals) d.values.emplace_back(v);
    if (c.open.count(name))
      if (auto other = unnamed_value(vals)) d.values.emplace_back(*other);
    d.values.emplace_back(std::nullopt);
    s.dims.push_back(std::move(d));
  }
  return s;
}

}  // namespace writ::diff
