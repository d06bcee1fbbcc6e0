// Runtime (runtime/src/reload.cpp): hot reload keeps the last good table on failure and says why,
// a runtime with no table denies with an error class, the callback sees each decision with the
// table's hash, and readers during reloads see one table or the other (the same stress that
// tests/tsan runs under ThreadSanitizer, shorter). Tables come from `writ build` on two seeds.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "reload_stress.hpp"

namespace rt = writ::runtime;
namespace fs = std::filesystem;

namespace {
std::vector<std::uint8_t> seed_table(const std::string& seed) {
  const fs::path dir = fs::temp_directory_path() / "writ-reload-test";
  fs::create_directories(dir);
  const fs::path out = dir / (seed + ".wtab");
  fs::path root = fs::path(WRIT_SOURCE_DIR) / "policies" / seed / "policy.writ";
  if (!fs::exists(root)) root.replace_extension(".yaml");
  const std::string cmd = std::string(WRIT_BINARY) + " build " + root.string() + " -o " + out.string();
  REQUIRE(std::system(cmd.c_str()) == 0);
  return writ_test::read_bytes(out.string());
}

struct Log {
  int calls = 0;
  std::uint64_t hash = 0;
  rt::Effect effect = rt::Effect::allow;
};
void log_decision(void* user, const rt::Request&, const rt::Decision& d) {
  auto* log = static_cast<Log*>(user);
  ++log->calls;
  log->hash = d.content_hash;
  log->effect = d.effect;
}
}  // namespace

TEST_CASE("a runtime without a table denies every request as an error") {
  rt::Runtime service;
  rt::Request q;
  q.permission = 0;
  const rt::Decision d = service.decide(q);
  CHECK(d.effect == rt::Effect::deny);
  CHECK(d.reason_class == rt::ReasonClass::error_deny);
  CHECK(d.code == rt::Code::no_table);
  CHECK(service.snapshot() == nullptr);
}

TEST_CASE("a failed reload keeps the last good table and says why") {
  const auto a = seed_table("partner_managed_accounts");
  const auto b = seed_table("multi_org_access_levels");
  rt::Runtime service;
  REQUIRE(service.reload(a.data(), a.size()).ok());
  const std::uint64_t ha = service.snapshot()->content_hash();

  auto damaged = b;
  damaged[damaged.size() / 2] ^= 1;
  rt::LoadStatus s = service.reload(damaged.data(), damaged.size());
  CHECK(s.error == rt::LoadError::bad_checksum);
  CHECK_FALSE(s.message.empty());
  CHECK(service.snapshot()->content_hash() == ha);

  s = service.reload(b.data(), b.size() - 1);
  CHECK_FALSE(s.ok());
  CHECK(service.snapshot()->content_hash() == ha);

  s = service.reload_file("/nonexistent/writ/table.wtab");
  CHECK(s.error == rt::LoadError::io_error);
  CHECK(service.snapshot()->content_hash() == ha);

  REQUIRE(service.reload(b.data(), b.size()).ok());
  CHECK(service.snapshot()->content_hash() != ha);
}

TEST_CASE("a snapshot outlives the reload that replaced it") {
  const auto a = seed_table("partner_managed_accounts");
  const auto b = seed_table("multi_org_access_levels");
  rt::Runtime service;
  REQUIRE(service.reload(a.data(), a.size()).ok());
  std::shared_ptr<const rt::Table> old = service.snapshot();
  REQUIRE(service.reload(b.data(), b.size()).ok());
  CHECK(old->content_hash() != service.snapshot()->content_hash());
  CHECK(old->role_count() > 0);  // still readable: the snapshot keeps it alive
  CHECK(old.use_count() == 1);
}

TEST_CASE("the decision callback sees each decision with the table's hash") {
  const auto a = seed_table("partner_managed_accounts");
  rt::Runtime service;
  Log log;
  service.set_callback(&log_decision, &log);
  rt::Request q;
  q.permission = 0;
  (void)service.decide(q);
  CHECK(log.calls == 1);
  CHECK(log.hash == 0);
  CHECK(log.effect == rt::Effect::deny);
  REQUIRE(service.reload(a.data(), a.size()).ok());
  (void)service.decide(q);
  CHECK(log.calls == 2);
  CHECK(log.hash == service.snapshot()->content_hash());
  service.set_callback(nullptr, nullptr);
  (void)service.decide(q);
  CHECK(log.calls == 2);
}

TEST_CASE("readers during reloads see the old table or the new one, never a mix") {
  const auto r = writ_test::reload_stress(seed_table("partner_managed_accounts"), seed_table("multi_org_access_levels"), 2, 100);
  CHECK(r.mismatches == 0);
  CHECK(r.failed_reloads_kept == 100);
  CHECK(r.callbacks == r.decisions);
  CHECK(r.wrong_user == 0);
  CHECK(r.decisions >= 2000);
}
