// Helpers of the diff tests: compile two versions from text, compare them, and replay every
// reported change's example through both interpreters (a change is only true if OLD and NEW
// decide its example differently).
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "compiler/diff/diff.hpp"
#include "compiler/driver/compile.hpp"
#include "compiler/eval/interpreter.hpp"
#include "compiler/facts/facts.hpp"

namespace writ::diff::testing {

struct Version {
  driver::Compilation c;
  std::unique_ptr<facts::Facts> facts;
};

inline std::unique_ptr<Version> compile(const std::string& name, const std::string& text) {
  auto v = std::make_unique<Version>();
  v->c = driver::compile_text(name, text);
  for (const auto& d : v->c.diags.items()) UNSCOPED_INFO(d.message);
  REQUIRE(v->c.ok());
  v->facts = std::make_unique<facts::Facts>(*v->c.policy);
  return v;
}

/// Every access cube's and edge's example is decided differently by OLD and NEW, in the
/// direction the change claims.
inline void require_examples_confirmed(const Version& o, const Version& n, const Result& r) {
  for (const auto& c : r.access) {
    auto old_req = c.example;
    // The example names NEW's roles; OLD's names differ only for a renamed role.
    for (auto& b : old_req.principal.roles)
      if (b.role == c.subject.role) b.role = c.subject.old_role;
    const bool od = eval::decide(*o.facts, old_req).allow;
    const bool nd = eval::decide(*n.facts, c.example).allow;
    INFO("cube of " << c.subject.role << " on " << c.permissions.front());
    CHECK(od != nd);
    CHECK(nd == (c.direction == Direction::gained));
  }
  for (const auto& e : r.edges) {
    const bool od = eval::may_assign(*o.facts, e.example, e.role, "").allow;
    const bool nd = eval::may_assign(*n.facts, e.example, e.role, "").allow;
    INFO("edge " << e.assigner << " -> " << e.role);
    CHECK(od != nd);
    CHECK(nd == (e.direction == Direction::gained));
  }
}

/// The policies a generated-policy test runs: seeds from WRIT_DIFF_SEED (default 1), as many as
/// WRIT_DIFF_POLICIES says (default `count`), so a failure's seed reproduces alone.
struct SeedRange {
  std::uint64_t first = 1;
  std::uint64_t end = 1;
};
inline SeedRange seed_range(int count) {
  const char* s = std::getenv("WRIT_DIFF_SEED");
  const char* c = std::getenv("WRIT_DIFF_POLICIES");
  SeedRange r;
  r.first = s ? std::strtoull(s, nullptr, 10) : 1;
  r.end = r.first + static_cast<std::uint64_t>(c ? std::atoi(c) : count);
  return r;
}

/// A request with no context attribute set, no owner and a named account, of `kind`, lies in
/// `region`.
inline bool admits_defaults(const std::vector<Atom>& region, ir::PrincipalKind kind) {
  for (const auto& a : region) {
    const auto& v = a.values;
    auto has = [&](const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); };
    if (a.input == "principal.kind" && !has(std::string(ir::name(kind)))) return false;
    if (a.input == "principal.named" && !has("true")) return false;
    if ((a.input == "principal.is_owner" || a.input.rfind("context.", 0) == 0) && !has("missing")) return false;
  }
  return true;
}

inline Result diff_texts(const std::string& old_text, const std::string& new_text, const Options& opts = {},
                         const std::string& old_name = "old.writ", const std::string& new_name = "new.writ") {
  auto o = compile(old_name, old_text);
  auto n = compile(new_name, new_text);
  auto r = compare(*o->facts, *n->facts, opts);
  require_examples_confirmed(*o, *n, r);
  return r;
}

}  // namespace writ::diff::testing
