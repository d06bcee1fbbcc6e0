// See markdown.hpp. Sections follow the groups of codes.def, recognised by code ranges.
#include "compiler/diagnostics/markdown.hpp"

#include <fmt/format.h>

#include "compiler/diagnostics/diagnostic.hpp"

namespace writ {
namespace {

struct Group {
  std::string_view first;  ///< the first code of the group
  std::string_view title;
  std::string_view intro;
};

// INVARIANT: in code order; a code belongs to the last group whose `first` is not above it.
constexpr Group kGroups[] = {
    {"W001", "Input and syntax", "Reported by the front ends (DSL and YAML) before a policy is lowered."},
    {"W020", "Names and structure", "Reported by lowering and the driver while resolving the files of one policy."},
    {"W030", "Types and values", "Reported by lowering: permissions, expressions, durations, timestamps, scopes, tests."},
    {"W050", "Warnings", "The policy still compiles; these point at something probably unintended or risky."},
};

}  // namespace

std::string diagnostics_markdown() {
  std::string out;
  out +=
      "# Diagnostics\n\n"
      "<!-- Generated from compiler/diagnostics/codes.def by `writ diagnostics --markdown`; do not edit.\n"
      "     Regenerate with WRIT_UPDATE_GOLDEN=1 ./build/tests/writ_tests_lower. -->\n\n"
      "Every diagnostic writ reports has a stable code that is never reused or renumbered. Errors stop\n"
      "compilation; warnings do not. A message template shows `{}` where the user's names and values\n"
      "go. Each code is demonstrated by a fixture in `tests/fixtures/diagnostics/` (or, where bytes\n"
      "cannot sit in a committed file, by a test named in `tests/unit/lower/diagnostics_fixture_test.cpp`).\n\n";
  const Group* group = nullptr;
  for (const DiagInfo& d : diagnostic_registry()) {
    const Group* g = group;
    for (const Group& candidate : kGroups)
      if (candidate.first <= d.code) g = &candidate;
    if (g != group) {
      group = g;
      out += fmt::format("## {}\n\n{}\n\n", g->title, g->intro);
    }
    out += fmt::format("### {} `{}` ({})\n\n", d.code, d.name, severity_name(d.severity));
    out += fmt::format("Message: {}\n\n", d.message == "{}" ? std::string("*(the specific problem)*")
                                                           : fmt::format("`` {} ``", d.message));
    out += fmt::format("{}\n\n", d.summary);
  }
  out.pop_back();  // one newline at the end of the file
  return out;
}

}  // namespace writ
