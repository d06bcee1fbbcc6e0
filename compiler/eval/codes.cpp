// Names and summaries of the interpreter's codes, from codes.def.
#include <array>

#include "compiler/eval/decision.hpp"

namespace writ::eval {
namespace {

struct Row {
  std::string_view name;
  std::string_view summary;
};

constexpr Row kReasons[] = {
#define WRIT_REASON(name, effect, summary) {#name, summary},
#include "compiler/eval/codes.def"
};

constexpr Row kViolations[] = {
#define WRIT_VIOLATION(name, summary) {#name, summary},
#include "compiler/eval/codes.def"
};

}  // namespace

std::string_view code_name(ReasonCode c) { return kReasons[static_cast<std::size_t>(c)].name; }
std::string_view code_name(ViolationCode c) { return kViolations[static_cast<std::size_t>(c)].name; }
std::string_view code_summary(ReasonCode c) { return kReasons[static_cast<std::size_t>(c)].summary; }
std::string_view code_summary(ViolationCode c) { return kViolations[static_cast<std::size_t>(c)].summary; }

std::optional<ViolationCode> violation_code(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kViolations); ++i)
    if (kViolations[i].name == name) return static_cast<ViolationCode>(i);
  return std::nullopt;
}

std::vector<ReasonCode> all_reason_codes() {
  std::vector<ReasonCode> out;
  for (std::size_t i = 0; i < std::size(kReasons); ++i) out.push_back(static_cast<ReasonCode>(i));
  return out;
}

std::vector<ViolationCode> all_violation_codes() {
  std::vector<ViolationCode> out;
  for (std::size_t i = 0; i < std::size(kViolations); ++i) out.push_back(static_cast<ViolationCode>(i));
  return out;
}

std::string_view effect_name(Effect e) {
  switch (e) {
    case Effect::allow: return "allow";
    case Effect::deny: return "deny";
    case Effect::info: return "info";
  }
  return "info";
}

}  // namespace writ::eval
