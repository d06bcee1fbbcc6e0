// The check registry as data, from checks.def. See finding.hpp.
#include <array>

#include "compiler/analysis/finding.hpp"

namespace writ::analysis {
namespace {
constexpr std::array kChecks{
#define WRIT_CHECK(name, code, severity, message, rule, fix) CheckInfo{Check::name, code, #name, Severity::severity, message, rule, fix},
#include "compiler/analysis/checks.def"
#undef WRIT_CHECK
};
}  // namespace

std::span<const CheckInfo> check_registry() { return kChecks; }
const CheckInfo& info(Check c) { return kChecks[static_cast<std::size_t>(c)]; }
std::optional<Check> find_check(std::string_view s) {
  for (const auto& c : kChecks)
    if (c.code == s || c.name == s) return c.id;
  return std::nullopt;
}

}  // namespace writ::analysis
