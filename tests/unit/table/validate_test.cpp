// The runtime's validate_grant against the reference interpreter's (docs/semantics.md §7): every
// seed policy, every compiling policy under tests/fixtures and generated policies from writ-gen
// (seeded, the seed printed on failure). For every template: each grantable role, all of them, a
// role it cannot grant, an unknown role, custom sets (allowed, forbidden by a template deny,
// unknown), nothing; fields given, empty, unknown, the grantee id; windows at the edges (missing
// from/to, inverted, exactly the maximum, one past it, the default duration, INT64_MIN/MAX);
// organizations (the target, above it, unrelated, unknown); grantors with and without the needed
// access (the `granted_by` roles, the granted roles, every role, nothing, held elsewhere, shared,
// external); grantee kinds, account types, roles and context classes. Zero disagreements on the
// violation set and on how often each violation is listed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>

#include "compiler/codegen/bridge.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/request/request_json.hpp"
#include "table_support.hpp"

using namespace writ;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

std::string grant_text(const ir::GrantInstance& g) {
  std::string s = "grant of " + g.template_name + " roles [";
  for (const auto& r : g.roles) s += r + " ";
  s += "] custom [";
  for (const auto& c : g.custom) s += c.text + (c.permissions ? "" : "(bad)") + " ";
  s += "] from " + (g.valid_from ? std::to_string(*g.valid_from) : "-") + " to " + (g.valid_to ? std::to_string(*g.valid_to) : "-");
  s += " org '" + g.org + "' grantee_id '" + g.grantee_id + "' grantor " + std::to_string(static_cast<int>(g.grantor_kind)) +
       (g.grantor_named ? " named [" : " shared [");
  for (const auto& b : g.grantor_roles) s += b.role + "@" + b.org + " ";
  s += "] fields {";
  for (const auto& [k, v] : g.fields) s += k + "=" + v + " ";
  return s + "}";
}

/// Empty when both list the same violations equally often; else both lists and the question.
std::string compare_validate(const table_testing::Compiled& c, const ir::Request& r, const ir::GrantInstance& g) {
  std::map<std::string, int> ref, got;
  for (const auto& v : eval::validate_grant(*c.facts, r, g)) ++ref[std::string(eval::code_name(v.code))];
  const ir::OrgTree tree = r.org_parents ? *r.org_parents : ir::OrgTree{};
  codegen::TableRequest tr(*c.table, r, tree);
  const runtime::Violations v = runtime::validate_grant(*c.table, tr.request(), tr.grant(g), tr.proposal(g));
  for (std::uint32_t i = 0; i < runtime::kViolationCount; ++i)
    if (v.counts[i]) got[runtime::violation_name(static_cast<runtime::Violation>(i))] = v.counts[i];
  if (ref == got && !v.limit_exceeded) return {};
  auto list = [](const std::map<std::string, int>& m) {
    std::string s;
    for (const auto& [k, n] : m) s += k + (n > 1 ? "x" + std::to_string(n) : "") + " ";
    return s.empty() ? std::string("valid ") : s;
  };
  return "interpreter " + list(ref) + "| runtime " + list(got) + (v.limit_exceeded ? "(limit) " : "") + "for " + grant_text(g) + "\n" +
         eval::request_to_json(r);
}

/// The context classes: each attribute at each value the policy compares it with (and one it
/// does not), walked diagonally so preconditions both hold and fail; plus no context.
std::vector<std::map<std::string, ir::Value>> contexts_of(const ir::Policy& p) {
  std::vector<std::vector<ir::Value>> values(p.attributes.size());
  for (std::size_t i = 0; i < p.conditions.atom_count(); ++i) {
    const ir::Atom& atom = p.conditions.atom_of(ir::AtomId{static_cast<std::uint32_t>(i)});
    if (atom.input.kind == ir::InputKind::attribute)
      for (const auto& v : atom.values) values[atom.input.attribute.value].push_back(v);
  }
  std::size_t widest = 0;
  for (std::size_t a = 0; a < values.size(); ++a) {
    values[a].emplace_back(p.attributes[a].type == ir::AttributeType::boolean ? ir::Value{false}
                           : p.attributes[a].type == ir::AttributeType::integer ? ir::Value{std::int64_t{-1}}
                                                                                : ir::Value{std::string("zz-other")});
    widest = std::max(widest, values[a].size());
  }
  std::vector<std::map<std::string, ir::Value>> out{{}};
  for (std::size_t k = 0; k < widest; ++k) {
    std::map<std::string, ir::Value> ctx;
    for (std::size_t a = 0; a < values.size(); ++a) ctx[p.attributes[a].name] = values[a][k % values[a].size()];
    out.push_back(ctx);
  }
  return out;
}

/// One organization below another in the policy's fixture, if it has one.
std::pair<std::string, std::string> leaf_and_parent(const ir::OrgTree& tree) {
  for (const auto& [name, parent] : tree)
    if (!parent.empty()) return {name, parent};
  return {"root", ""};
}

std::size_t sweep(const table_testing::Compiled& c, bool full, std::vector<std::string>& failures) {
  const ir::Policy& p = *c.compilation.policy;
  const ir::OrgTree tree = c.compilation.suite.organizations;
  const auto [target, parent] = leaf_and_parent(tree);
  std::string other;
  for (const auto& [name, par] : tree)
    if (name != target && name != parent) other = name;
  const auto contexts = contexts_of(p);
  const std::int64_t t0 = ir::kDefaultInstant;
  const std::uint32_t nperm = static_cast<std::uint32_t>(p.permissions.size());
  std::size_t asked = 0;
  auto ask = [&](const ir::Request& r, const ir::GrantInstance& g) {
    ++asked;
    if (failures.size() >= 10) return;
    auto d = compare_validate(c, r, g);
    if (!d.empty()) failures.push_back(p.name + ": " + d);
  };
  std::vector<std::string> all_roles;
  for (const auto& r : p.roles) all_roles.push_back(r.name);

  for (const ir::GrantTemplate& t : p.templates) {
    // What is granted.
    ir::PermissionSet denied;
    for (auto d : t.denies) denied |= p[d].permissions;
    std::vector<ir::GrantInstance> contents;
    auto base = [&] {
      ir::GrantInstance g;
      g.template_name = t.name;
      g.valid_from = t0;
      g.valid_to = t0 + (t.max_duration ? std::min<std::int64_t>(*t.max_duration, 3600) : 3600);
      return g;
    };
    for (auto role : t.grantable_roles) {
      ir::GrantInstance g = base();
      g.roles = {p.roles[role.value].name};
      contents.push_back(g);
    }
    if (t.grantable_roles.size() > 1) {
      ir::GrantInstance g = base();
      for (auto role : t.grantable_roles) g.roles.push_back(p.roles[role.value].name);
      contents.push_back(g);
    }
    for (const auto& r : p.roles)
      if (std::none_of(t.grantable_roles.begin(), t.grantable_roles.end(), [&](ir::RoleId id) { return p.roles[id.value].name == r.name; })) {
        ir::GrantInstance g = base();
        g.roles = {r.name};
        contents.push_back(g);
        break;
      }
    {
      ir::GrantInstance g = base();
      g.roles = {"no_such_role", "no_such_role"};
      contents.push_back(g);
      contents.push_back(base());  // nothing granted
    }
    for (std::uint32_t perm = 0; perm < nperm; ++perm)
      if (!denied.contains(ir::PermissionId{perm})) {
        ir::GrantInstance g = base();
        g.custom = {ir::CustomPattern{"allowed", ir::PermissionSet::of({ir::PermissionId{perm}})}};
        contents.push_back(g);
        if (!t.grantable_roles.empty()) {
          g.roles = {p.roles[t.grantable_roles.front().value].name};
          contents.push_back(g);
        }
        break;
      }
    if (!denied.empty()) {
      ir::GrantInstance g = base();
      g.custom = {ir::CustomPattern{"forbidden", ir::PermissionSet::of({denied.members().front()})}};
      contents.push_back(g);
    }
    if (nperm > 0) {
      ir::GrantInstance g = base();
      g.custom = {ir::CustomPattern{"everything", ir::PermissionSet::range(0, nperm)}};
      contents.push_back(g);
      g.custom = {ir::CustomPattern{"allowed", ir::PermissionSet::of({ir::PermissionId{0}})}, ir::CustomPattern{"bad/x:y", std::nullopt}};
      contents.push_back(g);
    }
    // Fields as the template declares them: all filled and the grantee named.
    auto fill = [&](ir::GrantInstance g) {
      for (const auto& f : t.fields) g.fields[f.name] = "x";
      if (!t.grantee_id.empty()) g.grantee_id = "someone";
      return g;
    };
    // Grantors: nothing, the `granted_by` roles, each granted role, every role, held elsewhere.
    std::vector<std::vector<ir::RoleBinding>> grantor_roles{{}};
    for (auto a : t.granted_by)
      for (auto r : p[a].roles) grantor_roles.push_back({ir::RoleBinding{p.roles[r.value].name, ""}});
    for (auto role : t.grantable_roles) grantor_roles.push_back({ir::RoleBinding{p.roles[role.value].name, ""}});
    // ... and each held at the target by name: below G (`scope descendants`) it counts only with its
    // `at descendants` block, where the org-less binding counts with its `self` block (§7).
    for (auto role : t.grantable_roles) grantor_roles.push_back({ir::RoleBinding{p.roles[role.value].name, target}});
    std::vector<ir::RoleBinding> every, above, elsewhere;
    for (const auto& r : all_roles) {
      every.push_back(ir::RoleBinding{r, ""});
      above.push_back(ir::RoleBinding{r, parent});
      elsewhere.push_back(ir::RoleBinding{r, "nowhere"});
    }
    if (!full && grantor_roles.size() > 2) grantor_roles.resize(2);
    grantor_roles.push_back(every);
    if (!parent.empty()) grantor_roles.push_back(above);
    grantor_roles.push_back(elsewhere);
    // Grantees: each kind, named or shared, with no role, the roles the template requires, every role.
    std::vector<std::vector<ir::RoleBinding>> grantee_roles{{}};
    for (auto r : t.grantee_requires) grantee_roles.push_back({ir::RoleBinding{p.roles[r.value].name, "nowhere"}});
    {
      std::vector<ir::RoleBinding> every;
      for (const auto& r : all_roles) every.push_back(ir::RoleBinding{r, ""});
      grantee_roles.push_back(every);
    }
    const std::vector<ir::PrincipalKind> kinds{ir::PrincipalKind::internal, ir::PrincipalKind::external, ir::PrincipalKind::vendor_support,
                                               ir::PrincipalKind::system};
    auto request = [&](ir::PrincipalKind kind, bool named, const std::vector<ir::RoleBinding>& roles, const std::map<std::string, ir::Value>& ctx) {
      ir::Request r;
      r.org_parents = tree;
      r.target_org = target;
      r.principal.id = "grantee";
      r.principal.kind = kind;
      r.principal.named = named;
      r.principal.roles = roles;
      r.context = ctx;
      return r;
    };
    const auto& rich = contexts.size() > 1 ? contexts[1] : contexts.front();

    // A. What is granted x grantor x grantee kind and account type x grantee roles.
    for (const auto& g0 : contents)
      for (const auto& gr : grantor_roles)
        for (auto kind : kinds)
          for (bool named : {true, false})
            for (const auto& roles : grantee_roles) {
              if (!full && (kind == ir::PrincipalKind::system || !named) && &roles != &grantee_roles.back()) continue;
              ir::GrantInstance g = fill(g0);
              g.grantor_roles = gr;
              ask(request(kind, named, roles, rich), g);
            }
    // B. Windows at the edges, for each content, with the grantor holding every role and none.
    std::vector<std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>> windows{
        {std::nullopt, std::nullopt}, {t0, std::nullopt}, {std::nullopt, t0 + 60}, {t0, t0}, {t0, t0 - 1},
        {kMin, kMax}, {kMin, t0}, {t0, kMax}, {kMax, std::nullopt}, {kMin, std::nullopt}, {std::nullopt, kMin}, {std::nullopt, kMax},
        {kMax - 1, kMax}, {kMin, kMin + 1}};
    if (t.max_duration) {
      const std::int64_t m = *t.max_duration;
      for (std::int64_t d : {m, m + 1, m - 1}) {
        windows.push_back({t0, t0 + d});
        windows.push_back({std::nullopt, t0 + d});
        windows.push_back({kMax - d, kMax});
      }
    }
    if (t.default_duration) {
      windows.push_back({t0, std::nullopt});
      windows.push_back({kMax - *t.default_duration, std::nullopt});
      windows.push_back({kMax - *t.default_duration + 1, std::nullopt});
    }
    for (const auto& [from, to] : windows)
      for (const auto& g0 : contents)
        for (bool with : {false, true}) {
          if (!full && &g0 != &contents.front()) continue;
          ir::GrantInstance g = fill(g0);
          g.valid_from = from;
          g.valid_to = to;
          if (with) g.grantor_roles = every;
          ask(request(ir::PrincipalKind::internal, true, grantee_roles.back(), rich), g);
        }
    // C. Organizations of the grant, x content x grantor.
    std::vector<std::string> orgs{"", target, "nowhere"};
    if (!parent.empty()) orgs.push_back(parent);
    if (!other.empty()) orgs.push_back(other);
    for (const auto& org : orgs)
      for (const auto& g0 : contents)
        for (const auto& gr : grantor_roles) {
          ir::GrantInstance g = fill(g0);
          g.org = org;
          g.grantor_roles = gr;
          ask(request(ir::PrincipalKind::internal, true, grantee_roles.back(), rich), g);
          if (!parent.empty()) {  // the grantor's roles held above the grant's organization
            for (auto& b : g.grantor_roles) b.org = parent;
            ask(request(ir::PrincipalKind::internal, true, grantee_roles.back(), rich), g);
          }
        }
    // D. Fields: none, all, required ones empty, an unknown one; the grantee id missing.
    for (const auto& g0 : contents) {
      ir::GrantInstance g = g0;
      g.grantor_roles = every;
      ask(request(ir::PrincipalKind::internal, true, grantee_roles.back(), rich), g);
      for (const auto& f : t.fields) g.fields[f.name] = "";
      ask(request(ir::PrincipalKind::internal, true, grantee_roles.back(), rich), g);
      g = fill(g);
      g.fields["zz_unknown"] = "1";
      g.fields["zz_unknown_2"] = "";
      ask(request(ir::PrincipalKind::internal, true, grantee_roles.back(), rich), g);
      if (!full) break;
    }
    // E. Context classes x grantee roles x grantor kind and account type.
    for (const auto& ctx : contexts)
      for (const auto& roles : grantee_roles)
        for (auto gk : {ir::PrincipalKind::internal, ir::PrincipalKind::external})
          for (bool gnamed : {true, false}) {
            ir::GrantInstance g = fill(contents.front());
            g.grantor_roles = every;
            g.grantor_kind = gk;
            g.grantor_named = gnamed;
            ask(request(ir::PrincipalKind::vendor_support, true, roles, ctx), g);
          }
  }
  // An unknown template.
  ir::GrantInstance g;
  g.template_name = "no_such_template";
  ask(ir::Request{}, g);
  return asked;
}

void check_policy(const fs::path& root, bool must_compile) {
  table_testing::check_policy(root, must_compile, [](const table_testing::Compiled& c, std::vector<std::string>& failures) {
    return sweep(c, true, failures);
  });
}

}  // namespace

TEST_CASE("the runtime validates grants of every seed policy exactly as the interpreter") {
  for (const auto& root : driver::find_roots(fs::path(WRIT_SOURCE_DIR) / "policies")) check_policy(root, true);
}

TEST_CASE("the runtime validates grants of every compiling policy under tests/ exactly as the interpreter") {
  for (const auto& root : driver::find_roots(fs::path(WRIT_SOURCE_DIR) / "tests" / "fixtures")) check_policy(root, false);
}

TEST_CASE("the runtime validates grants of generated policies exactly as the interpreter") {
  // WRIT_TABLE_SEED picks the first seed (default 1); WRIT_VALIDATE_POLICIES how many (default 200).
  std::size_t templates = 0;
  for (const auto seed : table_testing::seeds("WRIT_VALIDATE_POLICIES", 200)) {
    auto c = table_testing::check_generated(seed, [](const table_testing::Compiled& compiled, std::vector<std::string>& failures) {
      return sweep(compiled, false, failures);
    });
    templates += c->compilation.policy->templates.size();
  }
  CHECK(templates > 0);  // the generator makes templates, so the sweep validated something
}
