// Benchmarks of the runtime (issue 9 §5; figures and commands in docs/performance.md). Tables are
// written by the built `writ build` (WRIT_BINARY) from the seed policies and from the policies of
// the built writ-gen (WRIT_GEN_BINARY), once, outside the timing; nothing here asserts a time.
// The benchmark links the runtime only, as a service would.
//   decide/ids        seed 001's 72 (role, action) cells of the partner account, ids resolved
//   decide/names      the same 72 by name (resolution inside the timing)
//   decide/runtime    the same 72 by id through Runtime (snapshot per decision)
//   peers_fixture/*   the peers' own 6 x 12 model (../shared/peers/common/gen.js) in writ, 72 requests
//   decide/grant/K    vendor_account_access: a vendor representative with a live
//                     account_access_rule grant (ceiling grantor, a window), an implicit grant
//                     whose `when` reads two context attributes; K extra templates in the table
//   load/generated    load_table (all validation) of the table of a generated policy
// Counters: table sizes in bytes (seed 001, the generated 2,000-role / 20,000-permission table).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "writ/runtime.hpp"

namespace {

namespace rt = writ::runtime;
namespace fs = std::filesystem;

fs::path work() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / "writ_runtime_bench";
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

std::vector<std::uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `writ build ROOT -o OUT`, then the bytes (empty when the build failed).
std::vector<std::uint8_t> build(const fs::path& root, const std::string& name) {
  const fs::path out = work() / (name + ".wtab");
  const std::string cmd = std::string(WRIT_BINARY) + " build '" + root.string() + "' -o '" + out.string() + "' >/dev/null";
  if (std::system(cmd.c_str()) != 0) {
    std::fprintf(stderr, "runtime_bench: %s failed\n", cmd.c_str());
    return {};
  }
  return read_bytes(out);
}

std::shared_ptr<const rt::Table> load(const std::vector<std::uint8_t>& bytes) {
  std::shared_ptr<const rt::Table> t;
  if (bytes.empty()) return t;
  rt::LoadStatus s = rt::load_table(bytes.data(), bytes.size(), t);
  if (!s.ok()) std::fprintf(stderr, "runtime_bench: load: %s\n", s.message.c_str());
  return t;
}

// ---------------------------------------------------------------- seed 001, 72 requests

const char* const kRoles[6] = {"company_admin", "technical_admin", "technical_contact", "finance", "financial_contact", "read_only"};
struct Perm {
  const char *module, *resource, *action;
};
// The 12 rows of seed 001's table (the role_by_action matrix of its tests).
const Perm kPerms[12] = {
    {"accounts", "managed_accounts", "create"}, {"accounts", "managed_accounts", "onboard_users"},
    {"services", "services", "create"},         {"services", "services", "delete"},
    {"services", "services", "design"},         {"services", "services", "update"},
    {"services", "services", "view"},           {"services", "services", "lock"},
    {"services", "service_keys", "create"},     {"services", "usage", "view"},
    {"accounts", "users", "create"},            {"accounts", "own_details", "update"},
};

struct Seed001 {
  std::vector<std::uint8_t> bytes;
  std::shared_ptr<const rt::Table> table;
  rt::OrgTree orgs = rt::OrgTree::build({{"partner", ""}, {"managed_a", "partner"}, {"managed_b", "partner"}});
  std::vector<rt::Binding> bindings;          // one per role
  std::vector<rt::AttrValue> context;         // account_kind = partner
  std::vector<rt::Request> by_id;             // 72
  std::vector<rt::NamedBinding> named_bindings;
  rt::NamedValue partner;
  std::vector<rt::NamedRequest> by_name;      // 72
  int allowed = 0;
};

const Seed001& seed001() {
  static const std::unique_ptr<Seed001> s = [] {
    auto s = std::make_unique<Seed001>();
    s->bytes = build(fs::path(WRIT_SOURCE_DIR) / "policies/partner_managed_accounts/policy.yaml", "seed001");
    s->table = load(s->bytes);
    if (!s->table) return s;
    const rt::Table& t = *s->table;
    const std::uint32_t partner = s->orgs.find("partner");
    for (const char* r : kRoles) s->bindings.push_back(rt::Binding{t.find_role(r), partner});
    s->context.resize(t.attribute_count());
    const std::uint32_t kind = t.find_attribute("account_kind");
    if (kind != rt::kNone) s->context[kind] = t.string_value(kind, "partner");
    s->partner.attribute = "account_kind";
    s->partner.s = "partner";
    for (int r = 0; r < 6; ++r) s->named_bindings.push_back(rt::NamedBinding{kRoles[r], "partner"});
    for (int r = 0; r < 6; ++r)
      for (const Perm& p : kPerms) {
        rt::Request q;
        q.roles = &s->bindings[r];
        q.role_count = 1;
        q.home_org = partner;
        q.target_org = partner;
        q.orgs = &s->orgs;
        q.permission = t.find_permission(p.module, p.resource, p.action);
        q.context = s->context.data();
        s->by_id.push_back(q);
        rt::NamedRequest n;
        n.roles = &s->named_bindings[r];
        n.role_count = 1;
        n.home_org = "partner";
        n.target_org = "partner";
        n.module = p.module;
        n.resource = p.resource;
        n.action = p.action;
        n.context = &s->partner;
        n.context_count = 1;
        s->by_name.push_back(n);
        s->allowed += rt::decide(t, q).allowed() ? 1 : 0;
      }
    return s;
  }();
  return *s;
}

void BM_DecideIds(benchmark::State& state) {
  const Seed001& s = seed001();
  if (!s.table) return state.SkipWithError("no seed-001 table");
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rt::decide(*s.table, s.by_id[i]));
    i = i + 1 == s.by_id.size() ? 0 : i + 1;
  }
  state.counters["allowed_of_72"] = s.allowed;
  state.counters["seed001_table_bytes"] = static_cast<double>(s.bytes.size());
}
BENCHMARK(BM_DecideIds)->Name("decide/ids");

void BM_DecideNames(benchmark::State& state) {
  const Seed001& s = seed001();
  if (!s.table) return state.SkipWithError("no seed-001 table");
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rt::decide(*s.table, &s.orgs, s.by_name[i]));
    i = i + 1 == s.by_name.size() ? 0 : i + 1;
  }
}
BENCHMARK(BM_DecideNames)->Name("decide/names");

void BM_DecideRuntime(benchmark::State& state) {
  const Seed001& s = seed001();
  if (!s.table) return state.SkipWithError("no seed-001 table");
  rt::Runtime service;
  service.set(s.table);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(service.decide(s.by_id[i]));
    i = i + 1 == s.by_id.size() ? 0 : i + 1;
  }
}
BENCHMARK(BM_DecideRuntime)->Name("decide/runtime");


// ---------------------------------------------------------------- the peers' fixture

// ../shared/peers/common/gen.js: 6 nested roles over 12 actions of one module, 45 allowed cells
// of 72. The same model written in writ, so its 72 requests compare with the peers' figures.
const char* const kPeerActions[12] = {"read", "list", "export", "audit_view", "create", "update",
                                      "import", "approve", "delete", "assign_role", "manage_users", "configure"};
const std::pair<const char*, int> kPeerRoles[6] = {{"read_only", 4}, {"support", 5}, {"analyst", 6},
                                                   {"editor", 8}, {"module_admin", 10}, {"company_admin", 12}};
struct Peers {
  std::vector<std::uint8_t> bytes;
  std::shared_ptr<const rt::Table> table;
  rt::OrgTree orgs = rt::OrgTree::build({{"root", ""}});
  std::vector<rt::Binding> bindings;
  std::vector<rt::Request> by_id;
  std::vector<rt::NamedBinding> named_bindings;
  std::vector<rt::NamedRequest> by_name;
  int allowed = 0;
};

const Peers& peers() {
  static const std::unique_ptr<Peers> s = [] {
    auto s = std::make_unique<Peers>();
    std::string text = "policy peers_rbac \"The peers' 6 x 12 RBAC fixture\" {\n  combining permissive;\n}\n\n";
    text += "organization root;\n\nmodule billing \"Billing\" {\n";
    for (int a = 0; a < 12; ++a) text += std::string("  action ") + kPeerActions[a] + (a < 4 ? ": read;\n" : ": write;\n");
    text += "  resource module \"The module\" actions ";
    for (int a = 0; a < 12; ++a) text += std::string(a ? ", " : "") + kPeerActions[a];
    text += ";\n}\n";
    for (const auto& [role, n] : kPeerRoles) {
      text += std::string("\nrole ") + role + " \"" + role + "\" {\n  holders internal;\n  permit billing/module:{";
      for (int a = 0; a < n; ++a) text += std::string(a ? ", " : "") + kPeerActions[a];
      text += "};\n}\n";
    }
    const fs::path dir = work() / "peers";
    fs::create_directories(dir);
    std::ofstream(dir / "policy.writ") << text;
    s->bytes = build(dir / "policy.writ", "peers");
    s->table = load(s->bytes);
    if (!s->table) return s;
    const rt::Table& t = *s->table;
    for (const auto& [role, n] : kPeerRoles) {
      s->bindings.push_back(rt::Binding{t.find_role(role), 0});
      s->named_bindings.push_back(rt::NamedBinding{role, ""});
    }
    for (int r = 0; r < 6; ++r)
      for (const char* action : kPeerActions) {
        rt::Request q;
        q.roles = &s->bindings[r];
        q.role_count = 1;
        q.orgs = &s->orgs;
        q.permission = t.find_permission("billing", "module", action);
        s->by_id.push_back(q);
        rt::NamedRequest n;
        n.roles = &s->named_bindings[r];
        n.role_count = 1;
        n.module = "billing";
        n.resource = "module";
        n.action = action;
        s->by_name.push_back(n);
        s->allowed += rt::decide(t, q).allowed() ? 1 : 0;
      }
    return s;
  }();
  return *s;
}

void BM_PeersIds(benchmark::State& state) {
  const Peers& s = peers();
  if (!s.table) return state.SkipWithError("no peers table");
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rt::decide(*s.table, s.by_id[i]));
    i = i + 1 == s.by_id.size() ? 0 : i + 1;
  }
  state.counters["allowed_of_72"] = s.allowed;
  state.counters["table_bytes"] = static_cast<double>(s.bytes.size());
}
BENCHMARK(BM_PeersIds)->Name("peers_fixture/ids");

void BM_PeersNames(benchmark::State& state) {
  const Peers& s = peers();
  if (!s.table) return state.SkipWithError("no peers table");
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rt::decide(*s.table, &s.orgs, s.by_name[i]));
    i = i + 1 == s.by_name.size() ? 0 : i + 1;
  }
}
BENCHMARK(BM_PeersNames)->Name("peers_fixture/names");

// ---------------------------------------------------------------- grant + ceiling + conditions

/// vendor_account_access with `extra` more templates (copies of account_access_rule).
struct Vendor {
  std::vector<std::uint8_t> bytes;
  std::shared_ptr<const rt::Table> table;
  rt::OrgTree orgs = rt::OrgTree::build({{"vendor", ""}, {"customer", ""}});
  std::vector<rt::Binding> grantor_roles;
  std::vector<std::uint32_t> granted;
  std::vector<rt::Binding> roles;
  rt::Grant grant;
  rt::TriggerRef trigger;
  std::vector<rt::AttrValue> context;
  rt::Request request;
  bool by_grant = false;  // the permission is allowed by the grant and cut by its ceiling
};

const Vendor& vendor(int extra) {
  static std::map<int, std::unique_ptr<Vendor>> cache;
  auto& slot = cache[extra];
  if (slot) return *slot;
  slot = std::make_unique<Vendor>();
  Vendor& v = *slot;
  const fs::path src = fs::path(WRIT_SOURCE_DIR) / "policies/vendor_account_access/policy.writ";
  std::ifstream in(src);
  std::stringstream text;
  text << in.rdbuf();
  std::string policy = text.str();
  const auto begin = policy.find("template account_access_rule");
  const auto end = policy.find("\n}\n", begin);
  const std::string block = policy.substr(begin, end + 3 - begin);
  for (int k = 0; k < extra; ++k) {
    std::string copy = block;
    copy.replace(0, std::string("template account_access_rule").size(), "template extra_rule_" + std::to_string(k));
    policy += "\n" + copy;
  }
  const fs::path dir = work() / ("vendor_" + std::to_string(extra));
  fs::create_directories(dir);
  std::ofstream(dir / "policy.writ") << policy;
  v.bytes = build(dir / "policy.writ", "vendor_" + std::to_string(extra));
  v.table = load(v.bytes);
  if (!v.table) return v;
  const rt::Table& t = *v.table;
  const std::uint32_t vendor_org = v.orgs.find("vendor"), customer = v.orgs.find("customer");
  v.grantor_roles.push_back(rt::Binding{t.find_role("account_admin"), customer});
  v.granted.push_back(t.find_role("editor"));
  v.roles.push_back(rt::Binding{t.find_role("support_engineer"), vendor_org});
  v.grant.template_id = t.find_template("account_access_rule");
  v.grant.grantor_roles = v.grantor_roles.data();
  v.grant.grantor_role_count = 1;
  v.grant.roles = v.granted.data();
  v.grant.role_count = 1;
  v.grant.has_valid_from = v.grant.has_valid_to = true;
  v.grant.valid_from = 1735689600 - 86400;
  v.grant.valid_to = 1735689600 + 86400;
  v.grant.org = customer;
  v.trigger.implicit = t.find_implicit("ticket_read_access");
  v.trigger.org = customer;
  v.context.resize(t.attribute_count());
  for (const char* a : {"ticket_open", "ticket_assigned_to_principal"}) {
    const std::uint32_t id = t.find_attribute(a);
    if (id != rt::kNone) v.context[id] = t.bool_value(id, true);
  }
  rt::Request& q = v.request;
  q.kind = rt::PrincipalKind::vendor_support;
  q.home_org = vendor_org;
  q.roles = v.roles.data();
  q.role_count = 1;
  q.grants = &v.grant;
  q.grant_count = 1;
  q.triggers = &v.trigger;
  q.trigger_count = 1;
  q.target_org = customer;
  q.orgs = &v.orgs;
  q.context = v.context.data();
  // A permission the grant gives: allowed with it, denied without it, and denied when the grantor
  // holds nothing (the ceiling is what decides then).
  for (std::uint32_t p = 0; p < t.permission_count(); ++p) {
    q.permission = p;
    rt::Request without = q;
    without.grant_count = 0;
    rt::Request no_ceiling = q;
    rt::Grant g = v.grant;
    g.grantor_role_count = 0;
    no_ceiling.grants = &g;
    if (rt::decide(t, q).allowed() && !rt::decide(t, without).allowed() && !rt::decide(t, no_ceiling).allowed()) {
      v.by_grant = true;
      break;
    }
  }
  return v;
}

void BM_DecideGrant(benchmark::State& state) {
  const Vendor& v = vendor(static_cast<int>(state.range(0)));
  if (!v.table) return state.SkipWithError("no vendor table");
  const rt::Decision d = rt::decide(*v.table, v.request);
  for (auto _ : state) benchmark::DoNotOptimize(rt::decide(*v.table, v.request));
  state.counters["allowed"] = d.allowed() ? 1 : 0;
  state.counters["by_grant_and_ceiling"] = v.by_grant ? 1 : 0;
  state.counters["templates"] = v.table->template_count();
  state.counters["table_bytes"] = static_cast<double>(v.bytes.size());
}
BENCHMARK(BM_DecideGrant)->Name("decide/grant")->Arg(0)->Arg(64)->Arg(512);

// ---------------------------------------------------------------- load + validate, sizes

const std::vector<std::uint8_t>& generated(int roles, int permissions) {
  static std::map<std::pair<int, int>, std::vector<std::uint8_t>> cache;
  auto key = std::make_pair(roles, permissions);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  const fs::path dir = work() / ("gen_" + std::to_string(roles) + "_" + std::to_string(permissions));
  fs::remove_all(dir);
  const std::string cmd = std::string(WRIT_GEN_BINARY) + " --seed 1 --roles " + std::to_string(roles) + " --permissions " +
                          std::to_string(permissions) + " --edges " + std::to_string(roles * 5) +
                          " --tests 0 --validate-tests 0 -o '" + dir.string() + "' >/dev/null";
  if (std::system(cmd.c_str()) != 0) {
    std::fprintf(stderr, "runtime_bench: %s failed\n", cmd.c_str());
    return cache[key];
  }
  return cache[key] = build(dir / "policy.writ", dir.filename().string());
}

void BM_Load(benchmark::State& state) {
  const auto& bytes = generated(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  if (bytes.empty()) return state.SkipWithError("no generated table");
  for (auto _ : state) {
    std::shared_ptr<const rt::Table> t;
    benchmark::DoNotOptimize(rt::load_table(bytes.data(), bytes.size(), t).ok());
  }
  state.counters["table_bytes"] = static_cast<double>(bytes.size());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_Load)->Name("load/generated")->Args({500, 5000})->Args({2000, 20000})->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
