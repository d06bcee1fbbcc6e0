// See request_json.hpp: custom grant patterns from outside are parsed with the DSL's pattern
// grammar and expanded against the policy here, before any question reaches the interpreter.
#include "compiler/dsl/dsl_parser.hpp"
#include "compiler/lower/lower.hpp"
#include "compiler/request/request_json.hpp"

namespace writ::eval {
namespace {

void resolve(const ir::Policy& policy, ir::GrantInstance& g) {
  for (auto& c : g.custom) {
    Diagnostics diags;
    auto pattern = dsl::parse_pattern(c.text, Span{}, diags);
    c.permissions.reset();
    if (!pattern || diags.has_errors()) continue;
    ir::PermissionSet set = lower::expand_pattern(policy, *pattern, diags);
    if (!diags.has_errors() && !set.empty()) c.permissions = std::move(set);
  }
}

}  // namespace

void resolve_patterns(const ir::Policy& policy, ir::Request& request) {
  for (auto& g : request.principal.grants) resolve(policy, g);
}

void resolve_patterns(const ir::Policy& policy, RequestDocument& doc) {
  resolve_patterns(policy, doc.request);
  resolve(policy, doc.validate);
}

}  // namespace writ::eval
