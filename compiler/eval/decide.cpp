// The public entry points for decisions (docs/semantics.md §2): resolve the permission the request
// names (anything unknown is a deny with a reason), then let a fresh Evaluator decide it.
#include <fmt/format.h>

#include "compiler/eval/evaluator.hpp"
#include "compiler/eval/interpreter.hpp"

namespace writ::eval {

std::string_view effect_name(Reason::Effect e) {
  switch (e) {
    case Reason::Effect::allow: return "allow";
    case Reason::Effect::deny: return "deny";
    case Reason::Effect::info: return "info";
  }
  return "info";
}

bool set_permission(ir::Request& request, std::string_view text) {
  auto colon = text.rfind(':');
  auto slash = text.find('/');
  if (colon == std::string_view::npos || slash == std::string_view::npos || slash > colon || slash == 0 || colon + 1 == text.size() ||
      slash + 1 == colon)
    return false;
  request.module = std::string(text.substr(0, slash));
  request.resource = std::string(text.substr(slash + 1, colon - slash - 1));
  request.action = std::string(text.substr(colon + 1));
  return true;
}

std::optional<ir::PermissionId> resolve_permission(const ir::Policy& policy, const ir::Request& request, Reason* why) {
  auto fail = [&](std::string code, std::string message) -> std::optional<ir::PermissionId> {
    if (why) *why = Reason{Reason::Effect::deny, std::move(code), std::move(message), {}};
    return std::nullopt;
  };
  if (!policy.module_by_name.count(request.module))
    return fail("unknown_module", fmt::format("module `{}` is not declared by the policy", request.module));
  auto res = policy.resource_by_path.find(request.module + "/" + request.resource);
  if (res == policy.resource_by_path.end())
    return fail("unknown_resource", fmt::format("module `{}` has no resource `{}`", request.module, request.resource));
  auto act = policy.action_by_name.find(request.module + ":" + request.action);
  if (act == policy.action_by_name.end())
    return fail("unknown_action", fmt::format("module `{}` has no action `{}`", request.module, request.action));
  auto p = policy.permission_of(res->second, act->second);
  if (!p) return fail("unknown_action", fmt::format("resource `{}/{}` does not support action `{}`", request.module, request.resource, request.action));
  return p;
}

Decision decide(const ir::Policy& policy, const ir::Request& request) {
  Reason why;
  auto p = resolve_permission(policy, request, &why);
  if (!p) return Decision{false, {why}};
  return Evaluator(policy, request, request.principal).decide(*p);
}

}  // namespace writ::eval
