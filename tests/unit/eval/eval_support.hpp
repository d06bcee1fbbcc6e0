// Helpers for the interpreter's unit tests: compile a policy from DSL text (failing the test with
// the diagnostics if it does not compile), and build requests fluently.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include <memory>

#include "compiler/core/time.hpp"
#include "compiler/driver/compile.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/facts/facts.hpp"
#include "compiler/report/answers.hpp"
#include "compiler/request/request_json.hpp"

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

/// A compiled test policy with its facts. Converts to what the interpreter's entry points take, so
/// a test reads `decide(p, Req(p, "m/docs:view").role("r"))`.
class TestPolicy {
 public:
  explicit TestPolicy(driver::Compilation c) : impl_(std::make_unique<Impl>(std::move(c))) {}
  operator const ir::Policy&() const { return *impl_->c.policy; }
  operator const facts::Facts&() const { return impl_->facts; }
  const ir::Policy& policy() const { return *impl_->c.policy; }
  const facts::Facts& facts() const { return impl_->facts; }
  const ir::TestSuite& suite() const { return impl_->c.suite; }
  const driver::Compilation& compilation() const { return impl_->c; }
  const ir::Policy* operator->() const { return &*impl_->c.policy; }

 private:
  struct Impl {
    explicit Impl(driver::Compilation comp) : c(std::move(comp)), facts(*c.policy) {}
    driver::Compilation c;
    facts::Facts facts;
  };
  std::unique_ptr<Impl> impl_;
};

inline TestPolicy compile(const std::string& body, const std::string& combining = "permissive") {
  std::string text = "policy t { combining " + combining + "; }\n" + kBase + body;
  auto c = driver::compile_text("t.writ", text);
  std::string diags;
  for (const auto& d : c.diags.items()) diags += fmt::format("{}:{}: {}\n", d.span.line, d.span.col, d.message);
  INFO(diags);
  REQUIRE(c.ok());
  return TestPolicy(std::move(c));
}

inline std::int64_t ts(const char* text) {
  auto t = core::parse_timestamp(text);
  REQUIRE(t);
  return *t;
}

struct Req {
  ir::Request r;
  Req(const TestPolicy& p, std::string_view permission, std::string target = "client") {
    REQUIRE(set_permission(r, permission));
    r.org_parents = p.suite().organizations;
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
  Req& id(std::string id) {
    r.principal.id = std::move(id);
    return *this;
  }
  Req& owner(std::string id) {
    r.resource_owner = std::move(id);
    return *this;
  }
  Req& trigger(std::string implicit, std::string org = "") {
    r.principal.triggers.push_back({std::move(implicit), std::move(org)});
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

/// A custom grant pattern resolved against the policy, as the request reader would.
inline ir::CustomPattern custom(const TestPolicy& p, const std::string& text) {
  ir::Request r;
  r.principal.grants.push_back({});
  r.principal.grants.back().custom.push_back(ir::CustomPattern{text, std::nullopt});
  eval::resolve_patterns(p.policy(), r);
  return r.principal.grants.back().custom.back();
}

inline bool allowed(const facts::Facts& f, const ir::Request& r) { return decide(f, r).allow; }

inline bool has_reason(const Decision& d, std::string_view code) {
  for (const auto& r : d.reasons)
    if (code_name(r.code) == code) return true;
  return false;
}

inline bool has_violation(const std::vector<Violation>& vs, std::string_view code) {
  for (const auto& v : vs)
    if (code_name(v.code) == code) return true;
  return false;
}

/// A reason's message as `writ eval` prints it.
inline std::string message_of(const TestPolicy& p, const ir::Request& r, const Decision& d, const Reason& reason) {
  return report::message(report::Context{p.policy(), p.compilation().sources, r}, d, reason);
}

}  // namespace writ::eval::testing
