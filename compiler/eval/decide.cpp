// The public entry points for decisions (docs/semantics.md §2) and assignment (§8): resolve what
// the request names (anything unknown is a deny with a reason), then ask a fresh View.
#include <algorithm>

#include "compiler/eval/authority.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/eval/view.hpp"

namespace writ::eval {
namespace {

const ir::OrgTree kNoTree;

const ir::OrgTree& tree_of(const ir::Request& r) { return r.org_parents ? *r.org_parents : kNoTree; }

}  // namespace

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
  auto fail = [&](ReasonCode code, std::string name) -> std::optional<ir::PermissionId> {
    if (why) {
      *why = Reason{};
      why->effect = Effect::deny;
      why->code = code;
      why->name = std::move(name);
    }
    return std::nullopt;
  };
  if (!policy.module_by_name.count(request.module)) return fail(ReasonCode::unknown_module, request.module);
  auto res = policy.resource_by_path.find(request.module + "/" + request.resource);
  if (res == policy.resource_by_path.end()) return fail(ReasonCode::unknown_resource, request.module + "/" + request.resource);
  auto act = policy.action_by_name.find(request.module + ":" + request.action);
  if (act == policy.action_by_name.end()) return fail(ReasonCode::unknown_action, request.module + ":" + request.action);
  auto p = policy.permission_of(res->second, act->second);
  if (!p) return fail(ReasonCode::unknown_action, request.module + "/" + request.resource + ":" + request.action);
  return p;
}

Decision decide(const facts::Facts& facts, const ir::Request& request) {
  Reason why;
  auto p = resolve_permission(facts.policy(), request, &why);
  if (!p) return Decision{false, std::nullopt, {}, {why}};
  return View(facts, request, request.principal, Place(tree_of(request), request.target_org)).decide(*p);
}

Decision may_assign(const facts::Facts& facts, const ir::Request& ctx, std::string_view role_name, std::string_view org) {
  const ir::Policy& policy = facts.policy();
  Decision out;
  auto deny = [&](ReasonCode code) -> Reason& {
    Reason r;
    r.effect = Effect::deny;
    r.code = code;
    out.reasons.push_back(r);
    return out.reasons.back();
  };
  auto role = policy.find(policy.role_by_name, role_name);
  if (!role) {
    deny(ReasonCode::unknown_role).name = std::string(role_name);
    return out;
  }
  if (policy[*role].automatic) {
    deny(ReasonCode::automatic_role).role = role;
    return out;
  }
  const std::string at = org.empty() ? ctx.target_org : std::string(org);
  View actor(facts, ctx, ctx.principal, Place(tree_of(ctx), at));
  out.sources = actor.sources();
  std::vector<Reason> infos;
  for (const Authority& a : authority(actor, policy[*role].assigned_by)) {
    Reason r;
    r.authorizer = a.authorizer;
    r.source = a.source;
    r.role = role;
    r.name = at;
    if (a.grants()) {
      out.allow = true;
      r.effect = Effect::allow;
      r.code = ReasonCode::assigner;
      out.reasons.push_back(r);
    } else {
      r.code = ReasonCode::condition_false;
      r.condition = policy[a.authorizer].when.id;
      r.truth = a.truth;
      infos.push_back(r);
    }
  }
  if (!out.allow) {
    deny(ReasonCode::no_assigner).role = role;
    out.reasons.back().name = at;
  }
  out.reasons.insert(out.reasons.end(), infos.begin(), infos.end());
  out.reasons.insert(out.reasons.end(), actor.notes().begin(), actor.notes().end());
  return out;
}

}  // namespace writ::eval
