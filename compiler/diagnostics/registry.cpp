// The diagnostic registry as data, expanded from codes.def.
#include <array>
#include <stdexcept>

#include "compiler/diagnostics/diagnostic.hpp"

namespace writ {
namespace {
constexpr DiagInfo kRegistry[] = {
#define WRIT_DIAGNOSTIC(name, code, severity, message, summary) \
  {DiagCode::name, code, #name, Severity::severity, message, summary},
#include "compiler/diagnostics/codes.def"
#undef WRIT_DIAGNOSTIC
};
}  // namespace

std::span<const DiagInfo> diagnostic_registry() { return kRegistry; }

const DiagInfo& info(DiagCode id) {
  // INVARIANT: kRegistry is in enum order, so the enum value is the index.
  return kRegistry[static_cast<std::size_t>(id)];
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

}  // namespace writ
