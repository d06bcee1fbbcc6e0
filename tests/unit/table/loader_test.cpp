// The loader refuses every malformed table with a typed error before anything is used, accepts a
// newer minor's extra section, and a runtime without a valid table denies everything; the writer
// gives the same bytes for the same policy and the same content hash whatever the syntax.
#include <catch2/catch.hpp>

#include <filesystem>

#include "compiler/yaml/yaml_printer.hpp"
#include "runtime/include/writ/format.hpp"
#include "table_support.hpp"

using namespace writ;
namespace fs = std::filesystem;
namespace f = writ::format;

namespace {

std::unique_ptr<table_testing::Compiled> seed(const char* name) {
  const fs::path dir = fs::path(WRIT_SOURCE_DIR) / "policies" / name;
  return table_testing::build(driver::compile_file(fs::exists(dir / "policy.writ") ? dir / "policy.writ" : dir / "policy.yaml"));
}

void put(std::vector<std::uint8_t>& b, std::size_t at, std::uint64_t v, int n) {
  for (int i = 0; i < n; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint64_t get(const std::vector<std::uint8_t>& b, std::size_t at, int n) {
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | b[at + i];
  return v;
}
/// Re-seal after an edit, so the test reaches the checks behind the checksum.
void reseal(std::vector<std::uint8_t>& b) {
  put(b, f::kOffSize, b.size(), 8);
  put(b, f::kOffChecksum, 0, 8);
  put(b, f::kOffChecksum, f::check64(b.data(), b.size(), f::kOffChecksum), 8);
}
runtime::LoadError load(const std::vector<std::uint8_t>& b) {
  std::shared_ptr<const runtime::Table> t;
  const auto st = runtime::load_table(b.data(), b.size(), t);
  CHECK(st.ok() == (t != nullptr));
  if (!st.ok()) CHECK(!st.message.empty());
  return st.error;
}
/// Byte offset of section `id`'s directory entry.
std::size_t dir_entry(const std::vector<std::uint8_t>& b, std::uint32_t id) {
  const auto n = get(b, f::kOffSectionCount, 4);
  for (std::size_t i = 0; i < n; ++i)
    if (get(b, f::kHeaderSize + i * f::kDirEntrySize, 4) == id) return f::kHeaderSize + i * f::kDirEntrySize;
  FAIL("no section " << id);
  return 0;
}

}  // namespace

TEST_CASE("every seed table loads and validates") {
  for (const char* name : {"vendor_account_access", "partner_managed_accounts", "vendor_support_access", "multi_org_access_levels"}) {
    auto c = seed(name);
    INFO(name << " " << c->load_error);
    REQUIRE(table_testing::ok(*c));
    CHECK(c->table->content_hash() != 0);
    CHECK(c->table->size_bytes() == c->bytes.size());
  }
}

TEST_CASE("header, checksum and directory damage is refused with its error") {
  auto c = seed("vendor_support_access");
  REQUIRE(table_testing::ok(*c));
  const auto good = c->bytes;
  CHECK(load(good) == runtime::LoadError::ok);
  auto b = good;
  b[0] = 'X';
  CHECK(load(b) == runtime::LoadError::bad_magic);
  b = good;
  b.resize(40);
  CHECK(load(b) == runtime::LoadError::truncated);
  b = good;
  b.pop_back();
  CHECK(load(b) == runtime::LoadError::truncated);
  b = good;
  b.push_back(0);
  CHECK(load(b) == runtime::LoadError::size_mismatch);
  b = good;
  b[b.size() / 2] ^= 0x10;
  CHECK(load(b) == runtime::LoadError::bad_checksum);
  b = good;
  put(b, f::kOffMajor, f::kMajor + 1, 2);
  reseal(b);
  CHECK(load(b) == runtime::LoadError::unsupported_major);
  b = good;
  put(b, f::kOffFlags, 1, 4);  // an incompatible feature this reader does not know
  reseal(b);
  CHECK(load(b) == runtime::LoadError::unsupported_feature);
  b = good;
  put(b, f::kOffFlags, 1u << 16, 4);  // a compatible one: ignored
  reseal(b);
  CHECK(load(b) == runtime::LoadError::ok);
  b = good;
  put(b, dir_entry(b, f::kRoles) + 4, get(b, dir_entry(b, f::kRoles) + 4, 4) + 4, 4);  // misaligned
  reseal(b);
  CHECK(load(b) == runtime::LoadError::bad_directory);
  b = good;
  put(b, dir_entry(b, f::kRoles) + 12, get(b, dir_entry(b, f::kRoles) + 12, 4) + 1, 4);  // count * size != length
  reseal(b);
  CHECK(load(b) == runtime::LoadError::bad_section);
  b = good;
  put(b, dir_entry(b, f::kSpans), 99, 4);  // a required section replaced by an unknown id
  reseal(b);
  CHECK(load(b) != runtime::LoadError::ok);
  CHECK(load({}) == runtime::LoadError::truncated);
}

/// The table with one more section (id 40, 8 bytes) appended: the directory grows by one entry,
/// every section moves 16 bytes on (alignment kept).
std::vector<std::uint8_t> with_extra_section(const std::vector<std::uint8_t>& good, std::uint16_t minor) {
  const auto n = get(good, f::kOffSectionCount, 4);
  std::vector<std::uint8_t> b(good.begin(), good.begin() + f::kHeaderSize);
  b.resize(f::kHeaderSize + (n + 1) * f::kDirEntrySize, 0);
  const std::size_t body = f::kHeaderSize + n * f::kDirEntrySize;
  b.insert(b.end(), good.begin() + body, good.end());
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t e = f::kHeaderSize + i * f::kDirEntrySize;
    std::copy(good.begin() + e, good.begin() + e + f::kDirEntrySize, b.begin() + e);
    put(b, e + 4, get(good, e + 4, 4) + f::kDirEntrySize, 4);
  }
  const std::size_t e = f::kHeaderSize + n * f::kDirEntrySize;
  put(b, e, 40, 4);
  put(b, e + 4, b.size(), 4);
  put(b, e + 8, 8, 4);
  put(b, e + 12, 1, 4);
  b.resize(b.size() + 8, 0xAB);
  put(b, f::kOffSectionCount, n + 1, 4);
  put(b, f::kOffMinor, minor, 2);
  reseal(b);
  return b;
}

TEST_CASE("a newer minor's unknown section is skipped, in a known minor it is refused") {
  auto c = seed("vendor_support_access");
  REQUIRE(table_testing::ok(*c));
  std::shared_ptr<const runtime::Table> t;
  const auto newer = with_extra_section(c->bytes, f::kMinor + 1);
  REQUIRE(load(newer) == runtime::LoadError::ok);
  REQUIRE(runtime::load_table(newer.data(), newer.size(), t).ok());
  CHECK(t->minor() == f::kMinor + 1);
  CHECK(t->content_hash() == c->table->content_hash());
  CHECK(load(with_extra_section(c->bytes, f::kMinor)) == runtime::LoadError::bad_directory);
}

TEST_CASE("semantic damage behind a valid checksum is refused") {
  auto c = seed("vendor_support_access");
  REQUIRE(table_testing::ok(*c));
  const auto good = c->bytes;
  auto section = [&](std::uint32_t id) { return static_cast<std::size_t>(get(good, dir_entry(good, id) + 4, 4)); };
  auto b = good;
  put(b, section(f::kRoles) + 5 * 4, 0xFFFFFF, 4);  // closure list offset out of the pool
  reseal(b);
  CHECK(load(b) == runtime::LoadError::bad_index);
  b = good;
  put(b, section(f::kCode), f::kOpAnd | (5u << 8), 4);  // an `and` with no operands
  reseal(b);
  CHECK(load(b) == runtime::LoadError::bad_condition);
  b = good;
  put(b, section(f::kActions) + 3 * 4, 7, 4);  // an action class the format does not define
  reseal(b);
  CHECK(load(b) == runtime::LoadError::bad_value);
  b = good;
  put(b, section(f::kStrings), 0xFF, 1);  // not UTF-8
  reseal(b);
  CHECK(load(b) == runtime::LoadError::bad_string);
  // Permissions numbered other than densely by resource: a count no pair backs (what let a 3 KiB
  // table declare 16 million permissions, tests/fuzz/corpus/table_fuzz/timeout-b37977f-16m-permissions),
  // one fewer, a resource's first permission moved, a pair naming another resource's permission.
  const std::size_t count = section(f::kPolicy) + 3 * 4;
  for (const std::uint64_t n : {get(good, count, 4) + 1, get(good, count, 4) - 1, std::uint64_t{16777240}}) {
    b = good;
    put(b, count, n, 4);
    reseal(b);
    CHECK(load(b) == runtime::LoadError::bad_section);
  }
  b = good;
  put(b, section(f::kResources) + 6 * 4 + 5 * 4, get(good, section(f::kResources) + 6 * 4 + 5 * 4, 4) + 1, 4);  // resource 1's first
  reseal(b);
  CHECK(load(b) == runtime::LoadError::bad_index);
  b = good;
  const std::size_t pairs = section(f::kU32) + get(good, section(f::kResources) + 3 * 4, 4) * 4;  // resource 0's pairs
  put(b, pairs + 4, get(good, pairs + 4, 4) + 1, 4);  // its first pair names the next permission
  reseal(b);
  CHECK(load(b) == runtime::LoadError::bad_index);
}

TEST_CASE("a runtime without a valid table denies everything and a failed reload keeps the last good table") {
  runtime::Runtime rt;
  runtime::Request rq;
  rq.permission = 0;
  auto d = rt.decide(rq);
  CHECK_FALSE(d.allowed());
  CHECK(d.reason_class == runtime::ReasonClass::error_deny);
  CHECK(std::string(runtime::code_name(d.code)) == "no_table");
  auto c = seed("vendor_support_access");
  REQUIRE(table_testing::ok(*c));
  CHECK(rt.reload(c->bytes.data(), c->bytes.size()).ok());
  const auto hash = rt.snapshot()->content_hash();
  auto bad = c->bytes;
  bad[100] ^= 1;
  const auto st = rt.reload(bad.data(), bad.size());
  CHECK(st.error == runtime::LoadError::bad_checksum);
  REQUIRE(rt.snapshot());
  CHECK(rt.snapshot()->content_hash() == hash);
  CHECK(rt.decide(rq).content_hash == hash);
}

TEST_CASE("the same policy gives the same bytes, another syntax gives the same content hash") {
  auto a = seed("vendor_support_access");
  auto b = seed("vendor_support_access");
  REQUIRE(table_testing::ok(*a));
  CHECK(a->bytes == b->bytes);
  // The policy printed as YAML and compiled again: same meaning, other file and spans.
  const auto& files = a->compilation.files;
  REQUIRE(files.size() == 1);
  auto y = table_testing::build(driver::compile_text("policy.yaml", yaml::print_file(files.front())));
  REQUIRE(table_testing::ok(*y));
  CHECK(y->table->content_hash() == a->table->content_hash());
  CHECK(y->bytes != a->bytes);  // the spans differ
}

TEST_CASE("decisions by name equal decisions by id") {
  auto c = seed("vendor_support_access");
  REQUIRE(table_testing::ok(*c));
  const runtime::Table& t = *c->table;
  runtime::NamedBinding roles[] = {{"owner", ""}};
  runtime::NamedRequest nr;
  nr.roles = roles;
  nr.role_count = 1;
  nr.target_org = "acme";
  nr.module = "integrator";
  nr.resource = "integrations";
  nr.action = "view";
  const auto by_name = runtime::decide(t, nullptr, nr);
  CHECK(by_name.allowed());
  runtime::Binding b{t.find_role("owner"), runtime::kNone};
  runtime::Request rq;
  rq.roles = &b;
  rq.role_count = 1;
  rq.permission = t.find_permission("integrator", "integrations", "view");
  const auto by_id = runtime::decide(t, rq);
  CHECK(by_id.allowed());
  CHECK(by_id.rule == by_name.rule);
  nr.action = "nope";
  CHECK(std::string(runtime::code_name(runtime::decide(t, nullptr, nr).code)) == "unknown_action");
  nr.module = "nope";
  CHECK(std::string(runtime::code_name(runtime::decide(t, nullptr, nr).code)) == "unknown_module");
}

TEST_CASE("every name in a seed table resolves to its own id, and a miss says which part is unknown") {
  // The loader's hash indices (runtime/src/name_index.hpp) against the records they index.
  for (const char* name : {"partner_managed_accounts", "multi_org_access_levels", "user_and_account_roles", "vendor_account_access",
                           "vendor_support_access"}) {
    auto c = seed(name);
    REQUIRE(table_testing::ok(*c));
    const runtime::Table& t = *c->table;
    INFO(name);
    for (std::uint32_t r = 0; r < t.role_count(); ++r) CHECK(t.find_role(t.role_name(r)) == r);
    for (std::uint32_t i = 0; i < t.template_count(); ++i) CHECK(t.find_template(t.template_name(i)) == i);
    for (std::uint32_t p = 0; p < t.permission_count(); ++p) {
      const std::string full = t.permission_name(p);  // module/resource:action; resource paths hold '/'
      const auto slash = full.find('/'), colon = full.rfind(':');
      const std::string module = full.substr(0, slash), resource = full.substr(slash + 1, colon - slash - 1), action = full.substr(colon + 1);
      CHECK(t.find_permission(module, resource, action) == p);
      runtime::Code why = runtime::Code::permit;
      CHECK(t.find_permission(module, resource + "_x", action, &why) == runtime::kNone);
      CHECK(why == runtime::Code::unknown_resource);
      CHECK(t.find_permission(module, resource, action + "_x", &why) == runtime::kNone);
      CHECK(why == runtime::Code::unknown_action);
      CHECK(t.find_permission(module + "_x", resource, action, &why) == runtime::kNone);
      CHECK(why == runtime::Code::unknown_module);
    }
    CHECK(t.find_role("") == runtime::kNone);
    CHECK(t.find_role("no_such_role_with_a_long_name") == runtime::kNone);
  }
}
