// See table_support.hpp.
#include "table_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>

#include "compiler/codegen/bridge.hpp"
#include "compiler/codegen/table_writer.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/eval/view.hpp"
#include "compiler/request/request_json.hpp"
#include "tools/gen/generator.hpp"

namespace writ::table_testing {

std::unique_ptr<Compiled> build(driver::Compilation c) {
  auto out = std::make_unique<Compiled>();
  out->compilation = std::move(c);
  if (!out->compilation.ok()) return out;
  out->facts = std::make_unique<facts::Facts>(*out->compilation.policy);
  const auto& sources = out->compilation.sources;
  out->bytes = codegen::write_table(*out->facts, [&](FileId id) { return id && id <= sources.size() ? sources.path(id) : std::string(); });
  const auto st = runtime::load_table(out->bytes.data(), out->bytes.size(), out->table);
  if (!st.ok()) out->load_error = st.message;
  return out;
}

void check_policy(const std::filesystem::path& root, bool must_compile, const Sweep& sweep) {
  auto c = build(driver::compile_file(root));
  if (!c->compilation.ok()) {
    if (must_compile) FAIL(root.string() + " does not compile");
    return;
  }
  INFO(root.string() << " " << c->load_error);
  REQUIRE(ok(*c));
  std::vector<std::string> failures;
  const auto asked = sweep(*c, failures);
  INFO(asked << " questions");
  for (const auto& f : failures) UNSCOPED_INFO(f);
  CHECK(failures.empty());
  CHECK(asked > 0);
}

std::vector<std::uint64_t> seeds(const char* count_variable, int count) {
  const char* s = std::getenv("WRIT_TABLE_SEED");
  const char* n = std::getenv(count_variable);
  const std::uint64_t first = s ? std::strtoull(s, nullptr, 10) : 1;
  std::vector<std::uint64_t> out;
  for (int i = 0, total = n ? std::atoi(n) : count; i < total; ++i) out.push_back(first + static_cast<std::uint64_t>(i));
  return out;
}

std::unique_ptr<Compiled> check_generated(std::uint64_t seed, const Sweep& sweep) {
  gen::Options o;
  o.seed = seed;
  o.roles = gen::kMinRoles;
  o.permissions = gen::kMinPermissions;
  o.edges = 30;
  o.tests = 40;
  o.validate_tests = 2;
  auto c = build(driver::compile_text("gen.writ", gen::generate(o).single));
  INFO("writ-gen seed " << seed << " (reproduce: " << gen::command_line(o) << ")");
  REQUIRE(c->compilation.ok());
  REQUIRE(ok(*c));
  std::vector<std::string> failures;
  sweep(*c, failures);
  for (const auto& f : failures) UNSCOPED_INFO(f);
  REQUIRE(failures.empty());
  return c;
}

namespace {

std::string describe(const ir::Request& r) { return eval::request_to_json(r); }

/// The rule the interpreter's first reason cites (kNone when none).
std::uint32_t rule_of(const eval::Reason& r) { return r.rule ? r.rule->value : runtime::kNone; }

}  // namespace

std::string compare_decide(const Compiled& c, const ir::Request& r) {
  const eval::Decision ref = eval::decide(*c.facts, r);
  const ir::OrgTree tree = r.org_parents ? *r.org_parents : ir::OrgTree{};
  codegen::TableRequest tr(*c.table, r, tree);
  runtime::Decision got;
  if (tr.request().permission == runtime::kNone) got.code = tr.unresolved();
  else got = runtime::decide(*c.table, tr.request());
  const std::string ref_code = ref.reasons.empty() ? "?" : std::string(eval::code_name(ref.reasons.front().code));
  const std::uint32_t ref_rule = ref.reasons.empty() ? runtime::kNone : rule_of(ref.reasons.front());
  const bool rule_matters = ref_code != "no_rule" && ref_code != "above_grantor_access" && ref_code != "grant_custom";
  if (ref.allow == got.allowed() && ref_code == runtime::code_name(got.code) && (!rule_matters || ref_rule == got.rule)) return {};
  return "interpreter " + std::string(ref.allow ? "allow " : "deny ") + ref_code + " rule " + std::to_string(ref_rule) + ", runtime " +
         (got.allowed() ? "allow " : "deny ") + runtime::code_name(got.code) + " rule " + std::to_string(got.rule) + " for\n" + describe(r);
}

std::string compare_all(const Compiled& c, const ir::Request& r0) {
  // One interpreter View and one runtime request per principal, every permission in turn: what
  // eval::decide does per request, without rebuilding the view (decide() = resolve + View::decide).
  const ir::OrgTree tree = r0.org_parents ? *r0.org_parents : ir::OrgTree{};
  const eval::View view(*c.facts, r0, r0.principal, eval::Place(tree, r0.target_org));
  codegen::TableRequest tr(*c.table, r0, tree);
  runtime::Request rq = tr.request();
  const ir::Policy& p = *c.compilation.policy;
  for (std::uint32_t perm = 0; perm < p.permissions.size(); ++perm) {
    const eval::Decision ref = view.decide(ir::PermissionId{perm});
    rq.permission = perm;
    const runtime::Decision got = runtime::decide(*c.table, rq);
    const std::string ref_code = ref.reasons.empty() ? "?" : std::string(eval::code_name(ref.reasons.front().code));
    const std::uint32_t ref_rule = ref.reasons.empty() ? runtime::kNone : rule_of(ref.reasons.front());
    const bool rule_matters = ref_code != "no_rule" && ref_code != "above_grantor_access" && ref_code != "grant_custom";
    if (ref.allow == got.allowed() && ref_code == runtime::code_name(got.code) && (!rule_matters || ref_rule == got.rule)) continue;
    return "interpreter " + std::string(ref.allow ? "allow " : "deny ") + ref_code + " rule " + std::to_string(ref_rule) + ", runtime " +
           (got.allowed() ? "allow " : "deny ") + runtime::code_name(got.code) + " rule " + std::to_string(got.rule) + " for " +
           p.permission_name(ir::PermissionId{perm}) + " and\n" + describe(r0);
  }
  return {};
}

std::string compare_assign(const Compiled& c, const ir::Request& r, const std::string& role, const std::string& org) {
  const eval::Decision ref = eval::may_assign(*c.facts, r, role, org);
  const ir::OrgTree tree = r.org_parents ? *r.org_parents : ir::OrgTree{};
  codegen::TableRequest tr(*c.table, r, tree);
  const auto got = runtime::may_assign(*c.table, tr.request(), c.table->find_role(role), org.empty() ? runtime::kNone : tr.org(org));
  const std::string ref_code = ref.reasons.empty() ? "?" : std::string(eval::code_name(ref.reasons.front().code));
  if (ref.allow == got.allowed() && ref_code == runtime::code_name(got.code)) return {};
  return "assign " + role + " at " + org + ": interpreter " + (ref.allow ? "allow " : "deny ") + ref_code + ", runtime " +
         (got.allowed() ? "allow " : "deny ") + runtime::code_name(got.code) + " for\n" + describe(r);
}

namespace {

/// The organizations to hold things at, relative to a target: itself, an ancestor (if the
/// fixture has one), a sibling or unrelated one, and a name the tree lacks.
struct Places {
  std::string target;
  std::vector<std::string> held;
};

std::vector<Places> places_of(const ir::OrgTree& tree) {
  std::vector<Places> out;
  std::string leaf, parent;
  for (const auto& [name, p] : tree)
    if (!p.empty()) {
      leaf = name;
      parent = p;
      break;
    }
  if (leaf.empty()) {
    out.push_back(Places{"root", {"root", "elsewhere"}});
    return out;
  }
  std::string other;
  for (const auto& [name, p] : tree)
    if (name != leaf && name != parent) other = name;
  Places a{leaf, {leaf, parent, "nowhere"}};
  if (!other.empty()) a.held.push_back(other);
  out.push_back(a);
  out.push_back(Places{parent, {parent, leaf}});
  return out;
}

}  // namespace

namespace {
std::size_t sweep_impl(const Compiled& c, std::vector<std::string>& failures, bool full) {
  const ir::Policy& p = *c.compilation.policy;
  const ir::OrgTree tree = c.compilation.suite.organizations;
  std::size_t asked = 0;
  auto ask = [&](const ir::Request& r) {
    ++asked;
    if (failures.size() >= 20) return;
    auto d = compare_decide(c, r);
    if (!d.empty()) failures.push_back(p.name + ": " + d);
  };
  auto ask_assign = [&](const ir::Request& r, const std::string& role, const std::string& org) {
    ++asked;
    if (failures.size() >= 20) return;
    auto d = compare_assign(c, r, role, org);
    if (!d.empty()) failures.push_back(p.name + ": " + d);
  };
  auto ask_all = [&](const ir::Request& r) {
    asked += p.permissions.size();
    if (failures.size() >= 20) return;
    auto d = compare_all(c, r);
    if (!d.empty()) failures.push_back(p.name + ": " + d);
  };

  // 1. The policy's own tests, as written (their requests, assignments).
  for (const auto& t : c.compilation.suite.tests) {
    ir::Request r = t.request;
    if (!r.org_parents) r.org_parents = tree;
    if (t.query == ir::TestCase::Query::request) ask(r);
    if (t.query == ir::TestCase::Query::assign) ask_assign(r, t.assign_role, t.assign_org);
  }

  // Context classes: each attribute's values the policy names, one it does not, missing, ill-typed.
  std::vector<std::map<std::string, ir::Value>> contexts{{}};
  for (const auto& a : p.attributes) {
    std::vector<ir::Value> vals;
    switch (a.type) {
      case ir::AttributeType::boolean: vals = {ir::Value{true}, ir::Value{false}}; break;
      case ir::AttributeType::integer: vals = {ir::Value{std::int64_t{0}}, ir::Value{std::int64_t{1}}}; break;
      case ir::AttributeType::string:
      case ir::AttributeType::enumeration:
        for (const auto& e : a.enum_values) vals.emplace_back(e);
        vals.emplace_back(std::string("zz-other"));
        break;
    }
    for (std::size_t i = 0; i < p.conditions.atom_count(); ++i) {
      const ir::Atom& atom = p.conditions.atom_of(ir::AtomId{static_cast<std::uint32_t>(i)});
      if (atom.input.kind == ir::InputKind::attribute && p.attributes[atom.input.attribute.value].name == a.name)
        for (const auto& v : atom.values) vals.push_back(v);
    }
    vals.emplace_back(std::int64_t{7});  // ill-typed for non-int attributes
    for (const auto& v : vals) contexts.push_back({{a.name, v}});
  }
  // A context with every attribute at its first class, so conjunctions can hold.
  {
    std::map<std::string, ir::Value> all;
    for (std::size_t i = 1; i < contexts.size(); ++i)
      for (const auto& [k, v] : contexts[i])
        if (!all.count(k)) all[k] = v;
    contexts.push_back(all);
  }

  const auto places = places_of(tree);
  const std::vector<ir::PrincipalKind> kinds = full ? std::vector<ir::PrincipalKind>{ir::PrincipalKind::internal, ir::PrincipalKind::external,
                                                                                    ir::PrincipalKind::vendor_support, ir::PrincipalKind::system}
                                                    : std::vector<ir::PrincipalKind>{ir::PrincipalKind::internal, ir::PrincipalKind::vendor_support};
  const std::uint32_t nperm = static_cast<std::uint32_t>(p.permissions.size());
  const std::uint32_t nroles = static_cast<std::uint32_t>(p.roles.size());
  // 2. No role; every single role at every place, every kind, named or not; every permission.
  // (Quick: the first place, each role held at the target.)
  for (const auto& pl : places)
    for (auto kind : kinds)
      for (bool named : {true, false})
        for (std::uint32_t role = 0; role <= nroles; ++role)
          for (const auto& held : pl.held) {
            if (role == nroles && &held != &pl.held.front()) continue;
            if (!full && (&pl != &places.front() || &held != &pl.held.front() || !named || kind != ir::PrincipalKind::internal)) continue;
            ir::Request r;
            r.org_parents = tree;
            r.target_org = pl.target;
            r.principal.kind = kind;
            r.principal.named = named;
            if (role < nroles) r.principal.roles.push_back(ir::RoleBinding{p.roles[role].name, held});
            ask_all(r);
            for (std::uint32_t ar = 0; ar < nroles; ++ar)
              if (full || ar == role) ask_assign(r, p.roles[ar].name, "");
          }
  // 3. Every pair of roles at the target (internal, named), every permission.
  if (full) {
    const auto& pl = places.front();
    for (std::uint32_t a = 0; a < nroles; ++a)
      for (std::uint32_t b = a + 1; b < nroles; ++b) {
        ir::Request r;
        r.org_parents = tree;
        r.target_org = pl.target;
        r.principal.roles = {ir::RoleBinding{p.roles[a].name, ""}, ir::RoleBinding{p.roles[b].name, pl.held.size() > 1 ? pl.held[1] : ""}};
        ask_all(r);
      }
  }
  // 4. Every context class with every single role and principal.is_owner known/unknown.
  for (const auto& ctx : contexts)
    for (std::uint32_t role = 0; role < nroles; ++role)
      for (int owner = 0; owner < 3; ++owner) {
        if (!full && (owner != 0 || role % 4 != 0)) continue;
        ir::Request r;
        r.org_parents = tree;
        r.target_org = places.front().target;
        r.context = ctx;
        r.principal.id = "me";
        if (owner == 1) r.resource_owner = "me";
        if (owner == 2) r.resource_owner = "someone";
        r.principal.roles.push_back(ir::RoleBinding{p.roles[role].name, ""});
        ask_all(r);
      }
  // 5. Grants of every template: each grantable role and a custom set, at the target and above
  // it, windows around every boundary, revoked, grantors with the granted role and with none,
  // each principal kind; implicit grants triggered at each place.
  const std::int64_t t0 = ir::kDefaultInstant;
  for (std::uint32_t ti = 0; ti < p.templates.size(); ++ti) {
    const ir::GrantTemplate& t = p.templates[ti];
    std::vector<ir::GrantInstance> grants;
    auto base = [&] {
      ir::GrantInstance g;
      g.template_name = t.name;
      g.valid_from = t0 - 100;
      g.valid_to = t0 + 100;
      return g;
    };
    for (auto role : t.grantable_roles) {
      ir::GrantInstance g = base();
      g.roles = {p.roles[role.value].name};
      grants.push_back(g);
    }
    if (t.custom && nperm > 0) {
      ir::GrantInstance g = base();
      g.custom = {ir::CustomPattern{"x", ir::PermissionSet::range(0, std::min<std::uint32_t>(nperm, 3))}};
      grants.push_back(g);
      g.custom = {ir::CustomPattern{"bad", std::nullopt}};
      grants.push_back(g);
    }
    if (grants.empty()) continue;
    std::vector<ir::GrantInstance> variants;
    for (const auto& g0 : grants) {
      variants.push_back(g0);
      if (!full) {
        // Quick: the grant as made, one edge on each side, and above the target.
        ir::GrantInstance q = g0;
        q.valid_to = t0;
        variants.push_back(q);
        q = g0;
        q.valid_from = t0;
        variants.push_back(q);
        q = g0;
        q.org = places.front().held.size() > 1 ? places.front().held[1] : "nowhere";
        variants.push_back(q);
        continue;
      }
      ir::GrantInstance g = g0;
      g.revoked = true;
      variants.push_back(g);
      g = g0;
      g.valid_from.reset();
      variants.push_back(g);
      g = g0;
      g.valid_to.reset();
      variants.push_back(g);
      g.valid_from.reset();
      variants.push_back(g);
      // Exactly at the edges: from = now (inclusive), to = now (exclusive), to = now + 1.
      for (std::int64_t from : {t0, t0 + 1}) {
        g = g0;
        g.valid_from = from;
        variants.push_back(g);
      }
      for (std::int64_t to : {t0, t0 + 1}) {
        g = g0;
        g.valid_to = to;
        variants.push_back(g);
      }
      if (t.max_duration) {
        for (std::int64_t d : {*t.max_duration, *t.max_duration + 1, *t.max_duration - 1}) {
          g = g0;
          g.valid_from = t0 - d;
          g.valid_to = t0 + 10;
          variants.push_back(g);
          g.valid_from.reset();
          g.valid_to = t0 + d;
          variants.push_back(g);
        }
      }
      if (t.default_duration) {
        g = g0;
        g.valid_to.reset();
        g.valid_from = t0 - *t.default_duration;
        variants.push_back(g);
        g.valid_from = t0 - *t.default_duration + 1;
        variants.push_back(g);
      }
      g = g0;
      g.valid_from = std::numeric_limits<std::int64_t>::min();
      g.valid_to = std::numeric_limits<std::int64_t>::max();
      variants.push_back(g);
      for (const auto& pl : places)
        for (const auto& held : pl.held) {
          g = g0;
          g.org = held;
          variants.push_back(g);
        }
    }
    std::vector<std::vector<ir::RoleBinding>> grantors{{}};
    for (auto role : t.grantable_roles) grantors.push_back({ir::RoleBinding{p.roles[role.value].name, ""}});
    for (std::uint32_t r = 0; r < nroles && grantors.size() < (full ? 6u : 2u); ++r) grantors.push_back({ir::RoleBinding{p.roles[r].name, ""}});
    for (const auto& g0 : variants)
      for (const auto& grantor : grantors)
        for (auto kind : kinds) {
          if (!full && kind != ir::PrincipalKind::vendor_support && &grantor != &grantors.back()) continue;
          ir::Request r;
          r.org_parents = tree;
          r.target_org = places.front().target;
          r.principal.kind = kind;
          ir::GrantInstance g = g0;
          g.grantor_roles = grantor;
          r.principal.grants.push_back(g);
          r.context = contexts.back();
          ask_all(r);
        }
  }
  for (const auto& ig : p.implicit_grants)
    for (const auto& pl : places)
      for (const auto& held : pl.held)
        for (int ci = 0; ci < 2; ++ci)
          for (auto kind : kinds)
            for (std::uint32_t role = 0; role <= nroles; ++role) {
              if (!full && (&pl != &places.front() || ci != 0 || role % 4 != 0)) continue;
              const auto& ctx = ci ? contexts.back() : contexts.front();
              ir::Request r;
              r.org_parents = tree;
              r.target_org = pl.target;
              r.context = ctx;
              r.principal.kind = kind;
              if (role < nroles) r.principal.roles.push_back(ir::RoleBinding{p.roles[role].name, ""});
              r.principal.triggers.push_back(ir::Trigger{ig.name, held});
              r.principal.triggers.push_back(ir::Trigger{"no_such_implicit", ""});
              ask_all(r);
            }
  // 6. Names the policy lacks: module, resource, action.
  {
    ir::Request r;
    r.module = "no_such_module";
    r.resource = "x";
    r.action = "y";
    ask(r);
    if (!p.modules.empty()) {
      r.module = p.modules.front().name;
      ask(r);
      if (!p.resources.empty()) {
        r.resource = p.resources.front().path;
        ask(r);
      }
    }
  }
  return asked;
}
}  // namespace

std::size_t sweep(const Compiled& c, std::vector<std::string>& failures) { return sweep_impl(c, failures, true); }
std::size_t quick_sweep(const Compiled& c, std::vector<std::string>& failures) { return sweep_impl(c, failures, false); }

}  // namespace writ::table_testing
