// The driver of lowering: runs the passes in order over one shared Lowerer, plus the helpers the
// passes share (name resolution with "did you mean", requirements, rules, authorizers).
// Covered by tests/unit/lower/.
#include "compiler/lower/lower.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "compiler/ir/keys.hpp"
#include "compiler/lower/lowerer.hpp"

namespace writ::lower {
namespace detail {

bool Declared::add(const ast::Name& name, Diagnostics& diags) {
  auto [it, inserted] = first_.emplace(name.text, name.span);
  if (!inserted) {
    auto& d = diags.report(DiagCode::duplicate_decl, name.span, kind_, name.text);
    d.notes.emplace_back(it->second, "first declared here");
  }
  return inserted;
}

std::vector<std::string> Declared::names() const {
  std::vector<std::string> out;
  for (const auto& [n, s] : first_) out.push_back(n);
  return out;
}

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest(std::string_view name, const std::vector<std::string>& candidates) {
  // Close enough to be a typo: at most a third of the name, and never more than 3 edits.
  const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, name.size() / 3));
  std::optional<std::string> best;
  std::size_t best_d = limit + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(name, c);
    if (d < best_d || (d == best_d && best && c < *best)) {
      best_d = d;
      best = c;
    }
  }
  return best_d <= limit ? best : std::nullopt;
}

void find_cycles(const std::vector<std::vector<Edge>>& graph,
                 const std::function<void(const std::vector<std::uint32_t>&, Span)>& report) {
  enum class Colour { white, grey, black };
  std::vector<Colour> colour(graph.size(), Colour::white);
  std::vector<std::uint32_t> path;      // the grey nodes, root first
  std::vector<std::size_t> next_edge;   // per node on the path: the next edge to follow
  for (std::uint32_t root = 0; root < graph.size(); ++root) {
    if (colour[root] != Colour::white) continue;
    colour[root] = Colour::grey;
    path.push_back(root);
    next_edge.push_back(0);
    while (!path.empty()) {
      const std::uint32_t n = path.back();
      if (next_edge.back() == graph[n].size()) {
        colour[n] = Colour::black;
        path.pop_back();
        next_edge.pop_back();
        continue;
      }
      const Edge& e = graph[n][next_edge.back()++];
      if (colour[e.to] == Colour::grey) {
        auto from = std::find(path.begin(), path.end(), e.to);
        std::vector<std::uint32_t> chain(from, path.end());
        chain.push_back(e.to);
        report(chain, e.span);
      } else if (colour[e.to] == Colour::white) {
        colour[e.to] = Colour::grey;
        path.push_back(e.to);
        next_edge.push_back(0);
      }
    }
  }
}

Diagnostic& Lowerer::undeclared(std::string_view kind, std::string_view name, Span span,
                                const std::vector<std::string>& candidates) {
  auto& d = diags.report(DiagCode::undeclared_name, span, kind, name);
  if (auto c = closest(name, candidates)) d.help.push_back(fmt::format("did you mean `{}`?", *c));
  return d;
}

template <class Map>
static std::vector<std::string> keys(const Map& m) {
  std::vector<std::string> out;
  for (const auto& [k, v] : m) out.push_back(k);
  return out;
}

std::vector<std::string> Lowerer::role_names() const { return keys(p.role_by_name); }
std::vector<std::string> Lowerer::template_names() const { return keys(p.template_by_name); }
std::vector<std::string> Lowerer::attribute_names() const { return keys(p.attribute_by_name); }
std::vector<std::string> Lowerer::organization_names() const { return keys(suite.organizations); }

std::optional<ir::RoleId> Lowerer::resolve_role(const ast::Name& name) {
  if (auto it = p.role_by_name.find(name.text); it != p.role_by_name.end()) return it->second;
  undeclared("role", name.text, name.span, role_names());
  return std::nullopt;
}

std::optional<ir::TemplateId> Lowerer::resolve_template(const ast::Name& name) {
  if (auto it = p.template_by_name.find(name.text); it != p.template_by_name.end()) return it->second;
  undeclared("grant template", name.text, name.span, template_names());
  return std::nullopt;
}

std::optional<ir::ModuleId> Lowerer::resolve_module(const ast::Name& name) {
  if (auto it = p.module_by_name.find(name.text); it != p.module_by_name.end()) return it->second;
  undeclared("module", name.text, name.span, keys(p.module_by_name));
  return std::nullopt;
}

std::optional<ir::LevelId> Lowerer::resolve_level(ir::ModuleId module, const ast::Name& level) {
  const std::string& mod = p.modules[module.value].name;
  if (auto it = p.level_by_name.find(mod + "." + level.text); it != p.level_by_name.end()) return it->second;
  // A level of that name elsewhere is the likelier mistake: say whose it is.
  for (const auto& l : p.levels)
    if (l.name == level.text) {
      diags.report(DiagCode::level_wrong_module, level.span, level.text, p.modules[l.module.value].name, mod);
      return std::nullopt;
    }
  std::vector<std::string> candidates;
  for (auto id : p.modules[module.value].levels) candidates.push_back(p.levels[id.value].name);
  undeclared("level", mod + "." + level.text, level.span, candidates);
  return std::nullopt;
}

bool Lowerer::check_organization(const ast::Name& name) {
  if (name.text == ir::kDefaultOrganization || suite.organizations.count(name.text)) return true;
  undeclared("organization", name.text, name.span, organization_names());
  return false;
}

std::optional<ir::RequirementId> Lowerer::lower_requirement(const ast::Requirement& r) {
  auto m = resolve_module(r.module);
  if (!m) return std::nullopt;
  auto lv = resolve_level(*m, r.level);
  if (!lv) return std::nullopt;
  p.requirements.push_back(ir::Requirement{*m, *lv, r.span});
  return ir::RequirementId{static_cast<std::uint32_t>(p.requirements.size() - 1)};
}

ir::Condition Lowerer::condition(const ast::Expr& e) {
  // A condition that failed to lower never reaches the IR of a policy (lowering reports an
  // error and gives no policy); kFalse keeps the partial IR well formed meanwhile.
  auto id = lower_condition(*this, e);
  return ir::Condition{id.value_or(ir::kFalse), e.span};
}

ir::Condition Lowerer::condition(const std::optional<ast::Expr>& e) { return e ? condition(*e) : ir::Condition{}; }

ir::RuleId Lowerer::add_rule(ir::RuleKind kind, const ast::PermissionPattern& pattern, const std::optional<ast::Expr>& when,
                             const std::optional<ast::Name>& name, Span span) {
  ir::Rule rule;
  rule.kind = kind;
  rule.permissions = expand_pattern(p, pattern, diags, &rule.pattern);
  rule.when = condition(when);
  if (name && rule_names.add(*name, diags)) rule.name = name->text;
  rule.span = span;
  const ir::RuleId id{static_cast<std::uint32_t>(p.rules.size())};
  if (!rule.name.empty()) p.rule_by_name.emplace(rule.name, id);
  p.rules.push_back(std::move(rule));
  return id;
}

ir::AuthorizerId Lowerer::add_authorizer(const ast::Authorizer& a, ir::Authorizer::Target target) {
  ir::Authorizer out;
  out.target = target;
  out.automatic = a.automatic;
  out.anyone = a.anyone;
  for (const auto& r : a.roles)
    if (auto id = resolve_role(r)) out.roles.push_back(*id);
  out.when = condition(a.when);
  if (a.intended && is_blank(a.intended->value))
    diags.report(DiagCode::invalid_value, a.intended->span, "`intended` gives no reason; say why the edge gives more on purpose");
  // `contained` bounds what an assigner gives by what it holds; `automatic` has no assigner, and
  // an edge cannot be both bounded and marked as exceeding on purpose.
  if ((a.contained || a.intended) && a.automatic)
    diags.report(DiagCode::invalid_value, a.contained ? *a.contained : a.intended->span,
                 "`assigned_by automatic` has no assigner; `contained` and `intended` describe an assigner's edge");
  else if (a.contained && a.intended)
    diags.report(DiagCode::invalid_value, a.intended->span,
                 "an edge is either `contained` (the assigner gives only what it holds) or `intended` (it gives more on "
                 "purpose), not both");
  out.contained = a.contained.has_value();
  if (a.intended) out.intended = a.intended->value;
  out.span = a.span;
  p.authorizers.push_back(std::move(out));
  return ir::AuthorizerId{static_cast<std::uint32_t>(p.authorizers.size() - 1)};
}

std::vector<ir::PrincipalKind> Lowerer::lower_kinds(const std::vector<ast::KindRef>& kinds) {
  std::vector<ir::PrincipalKind> out;
  for (const auto& k : kinds)
    if (std::find(out.begin(), out.end(), k.kind) == out.end()) out.push_back(k.kind);
  return out;
}

}  // namespace detail

std::optional<Lowered> lower(const std::vector<ast::File>& files, const SourceMap& sources, Diagnostics& diags) {
  Lowered out;
  Diagnostics local;
  detail::Lowerer l{files, sources, local, out.policy, out.suite};
  detail::collect_names(l);
  detail::lower_modules(l);
  detail::lower_attributes(l);
  detail::lower_levels(l);
  detail::lower_roles(l);
  detail::lower_templates(l);
  detail::lower_rules(l);
  detail::lower_tests(l);
  detail::lower_settings(l);
  const bool failed = local.has_errors();
  if (!failed) ir::assign_keys(out.policy);
  // Report in source order whatever pass found them: that is how a reader walks the files.
  std::stable_sort(local.items().begin(), local.items().end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.span.file, a.span.begin) < std::tie(b.span.file, b.span.begin);
  });
  diags.append(local);
  if (failed) return std::nullopt;
  return out;
}

}  // namespace writ::lower
