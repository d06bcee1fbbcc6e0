// See small_world.hpp. The world's fixed part: two modules (five permissions), levels with
// conditions, requirements, a derived read-only level and `above`, an organization tree
// root > a > b plus an unrelated x, and five attributes of every type of which each world's
// conditions read two. Everything else is drawn from the seed.
#include "tests/unit/eval/small_world.hpp"

#include <algorithm>

#include "compiler/core/time.hpp"
#include "compiler/request/request_json.hpp"

namespace writ::eval::testing {
namespace {

const std::vector<std::string> kPerms = {"m/docs:view", "m/docs:edit", "m/cfg:view", "m/cfg:edit", "w/panel:use"};
const std::vector<std::string> kTargets = {"a", "b", "x"};
const std::vector<std::string> kPatterns = {"m/docs:view", "m/docs:edit", "m/cfg:*",    "m/**:@read",
                                            "m/**:@write", "w/panel:use", "m/docs:*", "m/cfg:edit"};
const std::vector<std::string> kKinds = {"internal", "external", "vendor_support", "system"};
const std::vector<std::string> kAttrs = {"flag", "env", "tier", "n", "s"};
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kBase = 1735689600;  // 2025-01-01T00:00:00Z

/// The values a request gives each attribute: missing (nullopt), in-domain ones, and ill-typed or
/// out-of-domain ones that must read as missing.
std::vector<std::optional<ir::Value>> classes_of(const std::string& a) {
  using V = ir::Value;
  if (a == "flag") return {std::nullopt, V{true}, V{false}, V{std::string("yes")}};
  if (a == "env") return {std::nullopt, V{std::string("dev")}, V{std::string("zz")}, V{std::int64_t{1}}};
  if (a == "tier") return {std::nullopt, V{std::string("free")}, V{std::string("paid")}, V{true}};
  if (a == "n") return {std::nullopt, V{std::int64_t{1}}, V{std::int64_t{3}}, V{std::string("1")}};
  return {std::nullopt, V{std::string("a")}, V{std::string("b")}, V{std::int64_t{1}}};
}

struct Gen {
  std::mt19937 rng;
  std::vector<std::string> attrs;  // the two this world reads
  explicit Gen(std::uint32_t seed) : rng(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  bool chance(int percent) { return pick(100) < percent; }
  template <class T>
  const T& any(const std::vector<T>& v) { return v[pick(static_cast<int>(v.size()))]; }

  std::string atom(bool relation_ok) {
    const int builtin = relation_ok ? 4 : 3;
    if (chance(65)) {
      const std::string& a = any(attrs);
      bool neg = chance(50);
      if (a == "flag") return neg ? "not context.flag" : "context.flag";
      if (a == "env") return neg ? "context.env != \"dev\"" : "context.env == \"prod\"";
      if (a == "tier") return neg ? "context.tier not in [\"free\"]" : "context.tier == \"paid\"";
      if (a == "n") return neg ? "context.n not in [1, 2]" : "context.n == 1";
      return neg ? "context.s != \"a\"" : "context.s == \"a\"";
    }
    switch (pick(builtin)) {
      case 0: return chance(50) ? "principal.kind == \"external\"" : "principal.kind in [\"internal\", \"system\"]";
      case 1: return chance(50) ? "principal.named" : "not principal.named";
      case 2: return chance(50) ? "principal.has_grant" : "not principal.has_grant";
      default: return chance(50) ? "target.relation == \"self\"" : "target.relation != \"self\"";
    }
  }
  std::string cond(bool relation_ok, int depth = 2) {
    if (depth == 0 || chance(40)) return atom(relation_ok);
    switch (pick(3)) {
      case 0: return "(" + cond(relation_ok, depth - 1) + " and " + cond(relation_ok, depth - 1) + ")";
      case 1: return "(" + cond(relation_ok, depth - 1) + " or " + cond(relation_ok, depth - 1) + ")";
      default: return "not (" + cond(relation_ok, depth - 1) + ")";
    }
  }
  std::string when(bool relation_ok, int percent) { return chance(percent) ? " when " + cond(relation_ok) : ""; }

  std::string rule_line(bool allow_deny) {
    const int k = pick(allow_deny ? 3 : 2);
    if (k == 0) {
      const std::string& perm = any(kPatterns);
      std::string req;
      if (chance(20)) req = perm[0] == 'm' ? " requires w >= basic" : " requires m >= lo";
      return "permit " + perm + req + when(true, 40) + ";";
    }
    if (k == 1) return "level " + any(std::vector<std::string>{"m = lo", "m = lo_ro", "m = hi", "w = basic"}) + ";";
    return "deny " + any(kPatterns) + when(true, 40) + ";";
  }
};

std::string kinds_text(const std::vector<std::string>& kinds) {
  std::string out;
  for (const auto& k : kinds) out += (out.empty() ? "" : ", ") + k;
  return out;
}

}  // namespace

const std::vector<std::string>& world_permissions() { return kPerms; }
const std::vector<std::string>& world_targets() { return kTargets; }

SmallWorld make_world(std::uint32_t seed, const std::string& combining) {
  SmallWorld w;
  w.seed = seed;
  Gen g(seed);
  std::vector<std::string> pool = kAttrs;
  std::shuffle(pool.begin(), pool.end(), g.rng);
  g.attrs = {pool[0], pool[1]};
  w.attributes = g.attrs;

  std::string t = "policy g { combining " + combining + "; }\n";
  t += "attribute flag: bool;\nattribute env: {prod, dev} = \"prod\";\nattribute tier: {free, paid};\n";
  t += "attribute n: int;\nattribute s: string;\n";
  t += "organization root;\norganization a in root;\norganization b in a;\norganization x;\n";
  t += "module m {\n  action view: read;\n  action edit: write;\n  resource docs actions view, edit;\n  resource cfg actions view, edit;\n";
  t += "  level lo { permit m/docs:view; permit m/cfg:view" + g.when(true, 50) + "; }\n";
  t += "  level hi above lo {\n    permit m/**:*" + g.when(true, 30) + ";\n" + (g.chance(40) ? "    requires w >= basic;\n" : "") + "  }\n";
  t += "  level lo_ro = readonly(hi);\n}\n";
  t += "module w {\n  action use: write;\n  resource panel actions use;\n  level basic { permit w/panel:use" + g.when(true, 40) + "; }\n}\n";

  // Roles: holders, account type, automatic assignment, inheritance, both scopes.
  const int n = 2 + g.pick(2);
  std::vector<std::vector<std::string>> holders(n);
  for (int i = 0; i < n; ++i) {
    const std::string name = "r" + std::to_string(i);
    w.roles.push_back(name);
    if (g.chance(55)) holders[i] = {"internal"};
    else
      for (const auto& k : kKinds)
        if (g.chance(50) || (k == kKinds.back() && holders[i].empty())) holders[i].push_back(k);
    const bool automatic = g.chance(20);
    w.automatic.push_back(automatic);
    t += "role " + name + " {\n  holders " + kinds_text(holders[i]) + ";\n";
    if (g.chance(15)) t += "  named_accounts;\n";
    if (automatic) t += "  assigned_by automatic;\n";
    if (i > 0 && g.chance(35)) t += "  extends r" + std::to_string(g.pick(i)) + ";\n";
    for (int k = 0, lines = 1 + g.pick(3); k < lines; ++k) t += "  " + g.rule_line(true) + "\n";
    if (g.chance(60)) {
      t += "  at descendants {\n";
      for (int k = 0, lines = 1 + g.pick(2); k < lines; ++k) t += "    " + g.rule_line(true) + "\n";
      t += "  }\n";
    }
    t += "}\n";
  }
  // Kinds that every role of `given` may hold: a template or implicit grant must not give a role
  // to a kind its holders exclude (W044).
  auto common_kinds = [&](const std::vector<int>& given) {
    std::vector<std::string> out;
    for (const auto& k : kKinds)
      if (std::all_of(given.begin(), given.end(), [&](int r) { return std::count(holders[r].begin(), holders[r].end(), k) > 0; }))
        out.push_back(k);
    return out;
  };
  auto pick_roles = [&]() {
    std::vector<int> given{g.pick(n)};
    int other = g.pick(n);
    if (other != given[0] && !common_kinds({given[0], other}).empty() && g.chance(40)) given.push_back(other);
    return given;
  };
  auto names = [&](const std::vector<int>& given) {
    std::string out;
    for (int r : given) out += (out.empty() ? "r" : ", r") + std::to_string(r);
    return out;
  };

  w.has_template = g.chance(80);
  if (w.has_template) {
    auto given = pick_roles();
    t += "template t {\n  grantee " + kinds_text(common_kinds(given)) + ";\n  granted_by anyone;\n";
    t += std::string("  valid_from ") + (g.chance(30) ? "required" : "optional") + ";\n";
    t += std::string("  valid_to ") + (g.chance(50) ? "required" : "optional") + ";\n";
    switch (g.pick(4)) {
      case 0: t += "  duration default 2d max 4d;\n"; break;
      case 1: t += "  duration default 1d max 2d;\n"; break;
      case 2: t += "  duration max 2d;\n"; break;  // no default: only the maximum ends a grant without valid_to
      default: break;
    }
    t += "  grants " + names(given) + ";\n";
    if (g.chance(50)) t += "  grants custom;\n";
    t += std::string("  scope ") + (g.chance(50) ? "self" : "descendants") + ";\n";
    if (g.chance(30)) t += "  scope when " + g.cond(true) + ";\n";
    if (g.chance(55)) t += "  ceiling grantor;\n";
    if (g.chance(30)) t += "  precondition " + g.cond(false) + ";\n";
    if (g.chance(40)) t += "  deny " + g.any(kPatterns) + g.when(false, 40) + ";\n";
    t += "}\n";
  }
  w.has_implicit = g.chance(60);
  if (w.has_implicit) {
    std::vector<int> given{g.pick(n)};
    t += "implicit i {\n  grantee " + kinds_text(common_kinds(given)) + ";\n";
    if (g.chance(40)) t += "  grantee_roles r" + std::to_string(g.pick(n)) + ";\n";
    t += "  when " + g.cond(true) + ";\n  grants " + names(given) + ";\n}\n";
  }
  // Forbid rules: every selector kind.
  for (int f = 0, count = g.pick(3); f < count; ++f) {
    std::string sel;
    switch (g.pick(5)) {
      case 0: sel = "anyone"; break;
      case 1: sel = "kind " + g.any(kKinds); break;
      case 2: sel = "role r" + std::to_string(g.pick(n)); break;
      case 3: sel = w.has_template ? "template t" : "anyone"; break;
      default: sel = "level " + g.any(std::vector<std::string>{"m.lo", "m.hi", "w.basic"}); break;
    }
    t += "forbid f" + std::to_string(f) + " {\n  applies_to " + sel + ";\n";
    if (g.chance(30)) t += "  when " + g.cond(false) + ";\n";
    for (int d = 0, denies = 1 + g.pick(2); d < denies; ++d) t += "  deny " + g.any(kPatterns) + g.when(false, 30) + ";\n";
    t += "}\n";
  }
  w.text = t;

  // Two grant instances the domain tries: windows around the instants, any organization, any
  // roles (grantable or not), custom patterns, the grantor's current roles, revocation.
  const std::vector<std::string> orgs = {"", "a", "root", "x", "b"};
  for (int k = 0; k < 2 && w.has_template; ++k) {
    ir::GrantInstance gi;
    gi.template_name = g.chance(92) ? "t" : "nosuch";
    gi.grantor_kind = *ir::parse_name<ir::PrincipalKind>(g.any(kKinds));
    gi.grantor_named = g.chance(85);
    for (int b = 0, nb = g.pick(3); b < nb; ++b) gi.grantor_roles.push_back({w.roles[g.pick(n)], g.any(orgs)});
    for (int r = 0, nr = 1 + g.pick(2); r < nr; ++r) gi.roles.push_back(w.roles[g.pick(n)]);
    if (g.chance(40)) gi.custom.push_back(ir::CustomPattern{g.any(kPatterns), std::nullopt});
    if (g.chance(65)) gi.valid_from = kBase + kDay * g.pick(2);
    if (g.chance(70)) gi.valid_to = (gi.valid_from ? *gi.valid_from : kBase) + kDay * (1 + 2 * g.pick(3));
    gi.org = g.any(orgs);
    gi.revoked = g.chance(8);
    w.grants.push_back(gi);
  }
  return w;
}

std::size_t for_each_request(const SmallWorld& w, const ir::Policy& policy, const std::function<void(const ir::Request&)>& visit) {
  ir::OrgTree tree = {{"root", ""}, {"a", "root"}, {"b", "a"}, {"x", ""}};
  // Principals: every kind named, and shared internal and external accounts; a home organization
  // that differs from the target where automatic roles exist.
  struct Who {
    ir::PrincipalKind kind;
    bool named;
    std::string home;
  };
  std::vector<Who> whos;
  const bool any_auto = std::count(w.automatic.begin(), w.automatic.end(), true) > 0;
  for (const auto& k : kKinds) whos.push_back({*ir::parse_name<ir::PrincipalKind>(k), true, ""});
  whos.push_back({ir::PrincipalKind::internal, false, ""});
  whos.push_back({ir::PrincipalKind::external, false, ""});
  if (any_auto) whos.push_back({ir::PrincipalKind::internal, true, "a"});
  // Bindings: the first assignable role at a, root or x (or not held); the second at a or not.
  std::vector<std::vector<ir::RoleBinding>> bindings{{}};
  int assigned = 0;
  for (std::size_t r = 0; r < w.roles.size(); ++r) {
    if (w.automatic[r]) continue;
    if (assigned == 2) break;
    std::vector<std::string> at = assigned == 0 ? std::vector<std::string>{"a", "root", "x"} : std::vector<std::string>{"a"};
    ++assigned;
    std::vector<std::vector<ir::RoleBinding>> next;
    for (const auto& b : bindings) {
      next.push_back(b);
      for (const auto& o : at) {
        auto c = b;
        c.push_back({w.roles[r], o});
        next.push_back(c);
      }
    }
    bindings = std::move(next);
  }
  // Grants at instants: none, or one instance at an instant on or around its window's edges.
  std::vector<ir::GrantInstance> grants = w.grants;
  for (auto& gi : grants) {
    ir::Request tmp;
    tmp.principal.grants.push_back(gi);
    resolve_patterns(policy, tmp);
    gi = tmp.principal.grants.back();
  }
  const std::vector<std::int64_t> instants = {kBase, kBase + kDay, kBase + 5 * kDay / 2, kBase + 5 * kDay};
  std::vector<std::pair<std::optional<std::size_t>, std::int64_t>> held{{std::nullopt, kBase + kDay / 2}};
  for (std::size_t i = 0; i < grants.size(); ++i)
    for (auto at : instants) held.push_back({i, at});
  std::vector<std::optional<std::string>> triggers{std::nullopt};
  if (w.has_implicit) triggers = {std::nullopt, std::string("a"), std::string("x")};
  // Context: the classes of the two attributes the world reads.
  std::vector<std::map<std::string, ir::Value>> contexts{{}};
  for (std::size_t ai = 0; ai < w.attributes.size(); ++ai) {
    const std::string& a = w.attributes[ai];
    auto values = classes_of(a);
    if (ai > 0) values.pop_back();  // the second attribute: missing and two values (the first covers ill-typed)
    std::vector<std::map<std::string, ir::Value>> next;
    for (const auto& c : contexts)
      for (const auto& v : values) {
        auto d = c;
        if (v) d[a] = *v;
        next.push_back(d);
      }
    contexts = std::move(next);
  }

  std::size_t count = 0;
  ir::Request r;
  r.org_parents = tree;
  r.principal.id = "p";
  for (const auto& who : whos)
    for (const auto& b : bindings)
      for (const auto& [grant, at] : held)
        for (const auto& trig : triggers)
          for (const auto& ctx : contexts)
            for (const auto& target : kTargets)
              for (const auto& perm : kPerms) {
                r.principal.kind = who.kind;
                r.principal.named = who.named;
                r.principal.org = who.home;
                r.principal.roles = b;
                r.principal.grants.clear();
                if (grant) r.principal.grants.push_back(grants[*grant]);
                r.principal.triggers.clear();
                if (trig) r.principal.triggers.push_back({"i", *trig});
                r.at = at;
                r.context = ctx;
                r.target_org = target;
                auto colon = perm.find(':');
                auto slash = perm.find('/');
                r.module = perm.substr(0, slash);
                r.resource = perm.substr(slash + 1, colon - slash - 1);
                r.action = perm.substr(colon + 1);
                visit(r);
                ++count;
              }
  return count;
}

}  // namespace writ::eval::testing
