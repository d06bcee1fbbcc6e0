// See analyze.hpp. The checks run in registry order of families; then severities (registry, the
// policy's `severity` items, the caller's) and suppressions are applied.
#include "compiler/analysis/analyze.hpp"

#include <algorithm>

#include "compiler/analysis/checks.hpp"
#include "compiler/analysis/witness.hpp"

namespace writ::analysis {

void CheckContext::add(Finding f) const {
  if (!confirm(facts, f.witness)) return;  // exact or silent: the interpreter must agree
  out.push_back(std::move(f));
}

std::string first_name(const ir::Policy& p, const ir::PermissionSet& s) {
  if (s.empty()) return {};
  return p.permission_name(ir::PermissionId{s.runs().front().first});
}

namespace {

std::optional<std::optional<Severity>> parse_level(std::string_view s) {
  if (s == "error") return std::optional<Severity>{Severity::error};
  if (s == "warning") return std::optional<Severity>{Severity::warning};
  if (s == "note") return std::optional<Severity>{Severity::note};
  if (s == "off") return std::optional<Severity>{};
  return std::nullopt;
}

bool within(const Span& inner, const Span& outer) {
  if (outer.file == 0) return true;  // a policy-wide suppression
  return inner.file == outer.file && inner.begin >= outer.begin && inner.end <= outer.end;
}

}  // namespace

Result analyze(const facts::Facts& facts, const Options& options, std::vector<Finding> more) {
  Result result;
  const ir::Policy& p = facts.policy();
  const Access access(facts);
  std::vector<Finding> found;
  const CheckContext c{facts, p, access, options.assignments, found};
  check_escalation(c);
  check_closure(c);
  check_grants(c);
  check_conflicts(c);
  check_requirements(c);
  check_redundancy(c);
  check_assignments(c);
  for (auto& f : more) found.push_back(std::move(f));

  // Severity per check: registry, then the policy, then the caller (the last word).
  std::vector<std::optional<Severity>> level;
  for (const auto& ci : check_registry()) level.emplace_back(ci.severity);
  auto apply = [&](const std::string& code, const std::string& lvl, const Span& span) {
    auto ch = find_check(code);
    auto l = parse_level(lvl);
    if (!ch || !l) {
      result.bad_settings.push_back({code, lvl, span});
      return;
    }
    level[static_cast<std::size_t>(*ch)] = *l;
  };
  for (const auto& s : p.severities) apply(s.code, s.level, s.span);
  for (const auto& [code, lvl] : options.severities) apply(code, lvl, Span{});
  for (const auto& s : p.suppressions)
    if (!find_check(s.code)) result.bad_settings.push_back({s.code, "suppress", s.span});

  std::stable_sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
    if (a.check != b.check) return a.check < b.check;
    if (a.primary.file != b.primary.file) return a.primary.file < b.primary.file;
    return a.primary.begin < b.primary.begin;
  });
  for (auto& f : found) {
    const auto& l = level[static_cast<std::size_t>(f.check)];
    if (!l) continue;
    f.severity = *l;
    for (const auto& s : p.suppressions) {
      auto ch = find_check(s.code);
      if (ch && *ch == f.check && within(f.primary, s.within)) {
        f.suppressed = s.reason;
        break;
      }
    }
    result.findings.push_back(std::move(f));
  }
  return result;
}

}  // namespace writ::analysis
