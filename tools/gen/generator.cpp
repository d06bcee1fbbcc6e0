// See generator.hpp. The builders run in dependency order, each with its own random stream.
#include "tools/gen/generator.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "tools/gen/build.hpp"
#include "tools/gen/facts.hpp"
#include "tools/gen/judge.hpp"
#include "tools/gen/print_dsl.hpp"
#include "tools/gen/scenes.hpp"

namespace writ::gen {

std::optional<Shape> shape_from(std::string_view name) {
  if (name == "mixed") return Shape::mixed;
  if (name == "chain") return Shape::chain;
  return std::nullopt;
}

std::string_view shape_name(Shape s) { return s == Shape::chain ? "chain" : "mixed"; }

std::string command_line(const Options& o) {
  return fmt::format("writ-gen --seed {} --shape {} --roles {} --permissions {} --edges {} --tests {} --validate-tests {}{}{}", o.seed,
                     shape_name(o.shape), o.roles, o.permissions, o.edges, o.tests, o.validate_tests, o.triggers ? "" : " --no-triggers",
                     o.policy_files == Options{}.policy_files ? "" : fmt::format(" --policy-files {}", o.policy_files));
}

namespace {

std::string json_string(const std::string& s) { return "\"" + s + "\""; }  // generated names need no escapes

/// One allow decision on `role` the judge proves, if a few draws find one.
bool sample_on(const Model& m, Scenes& scenes, const Judge& judge, int role, Summary& s) {
  if (m.roles[role].cls != RoleClass::staff || !has(m.roles[role].holders, Kind::internal)) return false;
  for (int tries = 0; tries < 10; ++tries) {
    auto d = scenes.draw(role, 0, true);
    if (!d) return false;
    Setup st;
    st.target = scenes.any_org();
    st.at = kDefaultInstant;
    st.roles.push_back(Binding{role, st.target});
    if (judge.request(st, d->perm) != Verdict::allow) continue;
    s.samples.push_back(Summary::Sample{m.roles[role].name, m.orgs[st.target].name, m.permission_name(d->perm)});
    return true;
  }
  return false;
}

/// The sample decisions: the deepest role that has one first, then up to 15 random staff roles.
void pick_samples(const Model& m, const Facts& f, Summary& s, std::uint64_t seed) {
  Rng rng = Rng::for_part(seed, "sample");
  Scenes scenes(m, f, rng);
  Judge judge(f);
  std::vector<int> order(m.roles.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return m.roles[a].depth > m.roles[b].depth; });
  for (int role : order)
    if (sample_on(m, scenes, judge, role, s)) break;
  for (int tries = 0; tries < 200 && s.samples.size() < 16; ++tries) sample_on(m, scenes, judge, scenes.staff_role(), s);
  if (!s.samples.empty()) {
    s.sample_role = s.samples.front().role;
    s.sample_org = s.samples.front().org;
    s.sample_permission = s.samples.front().permission;
  }
}

std::string request_json(const Model& m, const Summary& s) {
  std::vector<std::string> orgs;
  for (const auto& o : m.orgs) orgs.push_back(fmt::format("{}: {}", json_string(o.name), json_string(o.parent >= 0 ? m.orgs[o.parent].name : "")));
  return fmt::format(
      "{{\n  \"principal\": {{\"kind\": \"internal\", \"roles\": [{{\"role\": {}, \"org\": {}}}]}},\n  \"target\": {},\n"
      "  \"organizations\": {{{}}},\n  \"permission\": {}\n}}\n",
      json_string(s.sample_role), json_string(s.sample_org), json_string(s.sample_org), fmt::join(orgs, ", "),
      json_string(s.sample_permission));
}

std::string manifest_json(const Options& o, const Summary& s) {
  std::vector<std::string> scenarios;
  for (const auto& [name, n] : s.scenarios) scenarios.push_back(fmt::format("{}: {}", json_string(name), n));
  return fmt::format(
      "{{\n  \"command\": {},\n  \"seed\": {},\n  \"shape\": \"{}\",\n  \"roles\": {},\n  \"permissions\": {},\n  \"edges\": {},\n"
      "  \"tests\": {},\n  \"request_tests\": {},\n  \"assign_tests\": {},\n  \"validate_tests\": {},\n  \"matrix_cells\": {},\n"
      "  \"modules\": {},\n  \"levels\": {},\n  \"forbids\": {},\n  \"templates\": {},\n  \"implicits\": {},\n  \"assertions\": {},\n"
      "  \"organizations\": {},\n  \"deepest_role\": {},\n  \"deepest_depth\": {},\n  \"sample_role\": {},\n  \"sample_org\": {},\n"
      "  \"sample_permission\": {},\n  \"scenarios\": {{{}}},\n  \"rejected_candidates\": {},\n  \"judge_conflicts\": {}\n}}\n",
      json_string(command_line(o)), o.seed, shape_name(o.shape), s.roles, s.permissions, s.edges, s.tests, s.request_tests, s.assign_tests,
      s.validate_tests, s.matrix_cells, s.modules, s.levels, s.forbids, s.templates, s.implicits, s.assertions, s.organizations,
      json_string(s.deepest_role), s.deepest_depth, json_string(s.sample_role), json_string(s.sample_org), json_string(s.sample_permission),
      fmt::join(scenarios, ", "), s.rejected, s.judge_conflicts);
}

}  // namespace

Output generate(const Options& o) {
  const Plan plan = make_plan(o);
  Model m;
  m.name = fmt::format("gen_{}_{}", shape_name(o.shape), o.seed);
  m.triggers = o.triggers;
  {
    Rng rng = Rng::for_part(o.seed, "combining");
    m.deny_overrides = rng.chance(30);
  }
  auto part = [&](std::string_view name) { return Rng::for_part(o.seed, name); };
  Rng r_attr = part("attributes"), r_orgs = part("orgs"), r_mod = part("modules"), r_roles = part("roles"), r_tmpl = part("templates"),
      r_impl = part("implicits"), r_assign = part("assignments"), r_forbid = part("forbids"), r_assert = part("assertions"),
      r_tests = part("tests");
  build_attributes(m, plan, r_attr);
  build_orgs(m, r_orgs);
  build_modules(m, plan, r_mod);
  build_roles(m, plan, o.shape, r_roles);
  build_templates(m, plan, r_tmpl);
  build_implicits(m, plan, r_impl);
  build_assignments(m, plan, r_assign);
  build_forbids(m, plan, r_forbid);
  const Facts facts(m);
  build_assertions(m, facts, r_assert);
  TestStats stats = build_tests(m, facts, plan, r_tests);

  Output out;
  Summary& s = out.summary;
  s.roles = static_cast<int>(m.roles.size());
  s.permissions = static_cast<int>(m.permissions.size());
  s.edges = count_edges(m);
  for (const auto& t : m.tests) {
    if (t.query == Test::Query::request) ++s.request_tests;
    else if (t.query == Test::Query::assign) ++s.assign_tests;
    else ++s.validate_tests;
  }
  s.matrix_cells = stats.matrix_cells;
  s.tests = static_cast<int>(m.tests.size()) + s.matrix_cells;
  s.modules = static_cast<int>(m.modules.size());
  s.levels = static_cast<int>(m.levels.size());
  s.forbids = static_cast<int>(m.forbids.size());
  s.templates = static_cast<int>(m.templates.size());
  s.implicits = static_cast<int>(m.implicits.size());
  s.assertions = static_cast<int>(m.assertions.size());
  s.organizations = static_cast<int>(m.orgs.size());
  for (const auto& r : m.roles)
    if (r.depth > s.deepest_depth || s.deepest_role.empty()) {
      s.deepest_depth = r.depth;
      s.deepest_role = r.name;
    }
  pick_samples(m, facts, s, o.seed);
  s.scenarios = stats.by_scenario;
  s.rejected = stats.rejected;
  s.judge_conflicts = stats.judge_conflicts;

  const std::string header = fmt::format(
      "Generated by writ-gen; do not edit. Regenerate with:\n  {}\n{} roles, {} permissions, {} edges, {} tests ({} validate, {} matrix cells).\n"
      "Every expectation was proved by the generator's judge (tools/gen/judge.hpp), not by running writ.",
      command_line(o), s.roles, s.permissions, s.edges, s.tests, s.validate_tests, s.matrix_cells);
  const std::vector<File> policy_files = print_policy(m, header, o.part_bytes, static_cast<std::size_t>(std::max(1, o.policy_files)));
  for (const auto& f : policy_files) out.files.emplace_back(f.name, f.text);
  out.policy = print_policy_text(m, header);
  for (const auto& f : print_tests(m, header, o.part_bytes, policy_files)) {
    out.files.emplace_back(f.name, f.text);
    out.tests += f.text;
  }
  out.single = print_single(m, header);
  out.request_json = request_json(m, s);
  out.manifest_json = manifest_json(o, s);
  return out;
}

}  // namespace writ::gen
