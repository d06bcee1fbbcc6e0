// Diagnostics as values: a stable code, a severity, a span and a message. Only the CLI decides how
// to print them (compiler/print/diagnostic_printer.hpp). The registry is codes.def.
// Covered by tests/unit/diagnostics_registry_test.cpp.
#pragma once

#include <fmt/format.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source/source.hpp"

namespace writ {

enum class Severity { note, warning, error };

/// Every diagnostic writ can report, in registry order.
enum class DiagCode {
#define WRIT_DIAGNOSTIC(name, code, severity, message, summary) name,
#include "compiler/diagnostics/codes.def"
#undef WRIT_DIAGNOSTIC
};

/// One row of the registry.
struct DiagInfo {
  DiagCode id;
  std::string_view code;      ///< stable, e.g. "W020"
  std::string_view name;      ///< snake_case, e.g. "undeclared_name"
  Severity severity;
  std::string_view message;   ///< fmt template
  std::string_view summary;   ///< one sentence for docs/diagnostics.md
};

/// The whole registry, in code order.
std::span<const DiagInfo> diagnostic_registry();
const DiagInfo& info(DiagCode id);
std::string_view severity_name(Severity s);

struct Diagnostic {
  DiagCode id;
  Severity severity;
  Span span;
  std::string message;
  std::vector<std::string> help;              ///< "did you mean", printed as separate help lines
  std::vector<std::pair<Span, std::string>> notes;  ///< related places ("first declared here")

  [[nodiscard]] std::string_view code() const { return info(id).code; }
};

/// Build a diagnostic from its registry template. The arguments fill the template's `{}`s.
template <class... Args>
Diagnostic make_diagnostic(DiagCode id, Span span, Args&&... args) {
  const DiagInfo& i = info(id);
  return Diagnostic{id, i.severity, span, fmt::format(fmt::runtime(i.message), std::forward<Args>(args)...), {}, {}};
}

/// Diagnostics collected by a phase, in the order found.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  template <class... Args>
  Diagnostic& report(DiagCode id, Span span, Args&&... args) {
    items_.push_back(make_diagnostic(id, span, std::forward<Args>(args)...));
    return items_.back();
  }
  void append(const Diagnostics& other) { items_.insert(items_.end(), other.items_.begin(), other.items_.end()); }
  [[nodiscard]] bool has_errors() const {
    for (const auto& d : items_) if (d.severity == Severity::error) return true;
    return false;
  }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  [[nodiscard]] bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace writ
