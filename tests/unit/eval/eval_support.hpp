// Helpers for the interpreter's unit tests: compile a policy from DSL text (failing the test with
// the diagnostics if it does not compile), and build requests fluently.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "compiler/driver/compile.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/lower/lower.hpp"

namespace writ::eval::testing {

/// Modules, levels and organizations most tests share; each test appends its roles.
inline const char* kBase = R"(
attribute env: {production, sandbox} = "production";
attribute tier: {free, trial, paid};
attribute flag: bool;
attribute open: bool = false;

organization partner;
organization client in partner;
organization sub in client;
organization other;

module m {
  action view: read;
  action edit, delete: write;
  resource docs actions view, edit, delete;
  resource users {
    actions view, edit;
    resource perms actions view, edit;
  }
  level l1 { permit m/docs:{view, edit}; }
  level l1_ro = readonly(l1);
  level l2 above l1 { permit m/**:*; }
}

module w {
  action view: read;
  action run: write;
  resource panel actions view, run;
  level basic { permit w/panel:view; }
  level full above basic { permit w/panel:*; }
}
)";

inline ir::Policy compile(const std::string& body, const std::string& combining = "permissive") {
  std::string text = "policy t { combining " + combining + "; }\n" + kBase + body;
  auto c = driver::compile_text("t.writ", text);
  std::string diags;
  for (const auto& d : c.diags.items()) diags += fmt::format("{}:{}: {}\n", d.span.line, d.span.col, d.message);
  INFO(diags);
  REQUIRE(c.ok());
  return std::move(*c.policy);
}

inline std::int64_t ts(const char* text) {
  auto t = lower::parse_timestamp(text);
  REQUIRE(t);
  return *t;
}

struct Req {
  ir::Request r;
  Req(const ir::Policy& p, std::string_view permission, std::string target = "client") {
    REQUIRE(set_permission(r, permission));
    r.org_parents = p.organizations;
    r.target_org = std::move(target);
  }
  Req& role(std::string name, std::string org = "") {
    r.principal.roles.push_back({std::move(name), std::move(org)});
    return *this;
  }
  Req& kind(ir::PrincipalKind k) {
    r.principal.kind = k;
    return *this;
  }
  Req& shared() {
    r.principal.named = false;
    return *this;
  }
  Req& home(std::string org) {
    r.principal.org = std::move(org);
    return *this;
  }
  Req& at(const char* t) {
    r.at = ts(t);
    return *this;
  }
  Req& ctx(const std::string& k, ir::Value v) {
    r.context[k] = std::move(v);
    return *this;
  }
  Req& grant(ir::GrantInstance g) {
    r.principal.grants.push_back(std::move(g));
    return *this;
  }
  operator const ir::Request&() const { return r; }
};

inline bool allowed(const ir::Policy& p, const ir::Request& r) { return decide(p, r).allow; }

inline bool has_reason(const Decision& d, std::string_view code) {
  for (const auto& r : d.reasons)
    if (r.code == code) return true;
  return false;
}

inline bool has_violation(const std::vector<Violation>& vs, std::string_view code) {
  for (const auto& v : vs)
    if (v.code == code) return true;
  return false;
}

}  // namespace writ::eval::testing
