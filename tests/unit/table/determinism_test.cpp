// The writer is deterministic (issue 9 §2, docs/table-format.md "Content hash"): `writ build` of
// the same policy gives the same bytes on every run, in a bare environment (`env -i`) and from
// another working directory; the same policy in the other syntax (`writ fmt --to`) or reformatted
// gives the same table except the `spans` and `span strings` sections (file names, lines and
// columns), and the same content hash. Every seed policy is built each way.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "../cli/cli_support.hpp"
#include "runtime/include/writ/format.hpp"

using writ::testing::read_all;
using writ::testing::run_writ;
using writ::testing::TempDir;
namespace fs = std::filesystem;
namespace f = writ::format;

namespace {

const char* const kSeeds[] = {"vendor_account_access", "partner_managed_accounts", "vendor_support_access", "user_and_account_roles",
                              "multi_org_access_levels"};

std::uint64_t get(const std::string& b, std::size_t at, int n) {
  std::uint64_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

/// The table's sections by id (the directory read without validation: the loader tests do that).
std::map<std::uint32_t, std::string> sections(const std::string& t) {
  std::map<std::uint32_t, std::string> out;
  if (t.size() < f::kHeaderSize) return out;
  const auto n = get(t, f::kOffSectionCount, 4), dir = get(t, f::kOffDirectory, 4);
  for (std::uint64_t i = 0; i < n && dir + (i + 1) * f::kDirEntrySize <= t.size(); ++i) {
    const std::size_t e = dir + i * f::kDirEntrySize;
    const auto id = static_cast<std::uint32_t>(get(t, e, 4));
    const std::uint64_t off = get(t, e + 4, 4), len = get(t, e + 8, 4);
    if (off + len <= t.size()) out[id] = t.substr(off, len);
  }
  return out;
}

/// Empty when `a` and `b` are the same table apart from the spans (and so the file size and the
/// checksum); else the first section that differs.
std::string difference_but_spans(const std::string& a, const std::string& b) {
  if (a.size() < f::kHeaderSize || b.size() < f::kHeaderSize) return "not a table";
  if (a.compare(0, f::kOffSize, b, 0, f::kOffSize) != 0) return "header (magic, version, flags)";
  if (get(a, f::kOffContentHash, 8) != get(b, f::kOffContentHash, 8)) return "content hash";
  const auto sa = sections(a), sb = sections(b);
  for (const auto& [id, bytes] : sa) {
    if (id == f::kSpans || id == f::kSpanStrings) continue;
    auto it = sb.find(id);
    if (it == sb.end() || it->second != bytes) return "section " + std::to_string(id);
  }
  return sa.size() == sb.size() ? "" : "section count";
}

fs::path policy_file(const char* seed) {
  const fs::path dir = fs::path(WRIT_SOURCE_DIR) / "policies" / seed;
  return fs::exists(dir / "policy.writ") ? dir / "policy.writ" : dir / "policy.yaml";
}

std::string build(const fs::path& policy, const fs::path& out) {
  auto r = run_writ("build '" + policy.string() + "' -o '" + out.string() + "'");
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  return read_all(out);
}

}  // namespace

TEST_CASE("two builds of the same policy are byte-identical, in a bare environment and from another directory") {
  TempDir tmp;
  for (const char* seed : kSeeds) {
    INFO(seed);
    const std::string a = build(policy_file(seed), tmp.path / "a.wtab");
    const std::string b = build(policy_file(seed), tmp.path / "b.wtab");
    CHECK(a == b);
    // No environment at all (no HOME, PATH, LANG, TZ), from the scratch directory.
    const fs::path c = tmp.path / "c.wtab";
    const std::string cmd = "cd '" + tmp.path.string() + "' && env -i '" WRIT_BINARY "' build '" + policy_file(seed).string() + "' -o '" +
                            c.string() + "' >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK(read_all(c) == a);
    // Another locale and time zone, from the root directory.
    const fs::path d = tmp.path / "d.wtab";
    const std::string cmd2 = "cd / && env LC_ALL=C.UTF-8 TZ=Asia/Kathmandu LANG=tr_TR.UTF-8 '" WRIT_BINARY "' build '" +
                             policy_file(seed).string() + "' -o '" + d.string() + "' >/dev/null 2>&1";
    REQUIRE(std::system(cmd2.c_str()) == 0);
    CHECK(read_all(d) == a);
  }
}

TEST_CASE("the policy in the other syntax, or reformatted, gives the same table but for its spans") {
  TempDir tmp;
  for (const char* seed : kSeeds) {
    INFO(seed);
    const fs::path src = policy_file(seed);
    const bool dsl = src.extension() == ".writ";
    const std::string original = build(src, tmp.path / "original.wtab");
    // The other syntax.
    auto other = run_writ("fmt --to " + std::string(dsl ? "yaml" : "dsl") + " '" + src.string() + "'");
    REQUIRE(other.status == 0);
    const fs::path converted = tmp.write(dsl ? "policy.yaml" : "policy.writ", other.out);
    const std::string from_other = build(converted, tmp.path / "other.wtab");
    CHECK(difference_but_spans(original, from_other) == "");
    CHECK(from_other != original);  // the spans name another file
    // And back again: the round trip through the other syntax.
    auto back = run_writ("fmt --to " + std::string(dsl ? "dsl" : "yaml") + " '" + converted.string() + "'");
    REQUIRE(back.status == 0);
    const std::string from_back = build(tmp.write(dsl ? "back.writ" : "back.yaml", back.out), tmp.path / "back.wtab");
    CHECK(difference_but_spans(original, from_back) == "");
    // Reformatted: every declaration's text moved (blank lines and a comment at the top), same file name.
    const std::string text = read_all(src);
    const fs::path moved_dir = tmp.path / "moved";
    fs::create_directories(moved_dir);
    const fs::path moved = moved_dir / src.filename();
    {
      std::ofstream(moved, std::ios::binary) << "# moved down\n\n\n" << text;
    }
    const std::string from_moved = build(moved, tmp.path / "moved.wtab");
    CHECK(difference_but_spans(original, from_moved) == "");
    // The canonical formatting of the file.
    auto canon = run_writ("fmt '" + src.string() + "'");
    REQUIRE(canon.status == 0);
    const std::string from_canon = build(tmp.write(std::string("canon") + (dsl ? ".writ" : ".yaml"), canon.out), tmp.path / "canon.wtab");
    CHECK(difference_but_spans(original, from_canon) == "");
  }
}

TEST_CASE("reordering a policy's import statements gives the same bytes") {
  TempDir tmp;
  const char* const policy = "policy p { combining permissive; }\nmodule m {\n  action view: read;\n  action edit: write;\n  resource doc actions view, edit;\n}\n";
  tmp.write("header.writ", policy);
  tmp.write("a.writ", "role alpha { permit m/doc:view; }\nrole both_a { permit m/doc:*; }\n");
  tmp.write("b.writ", "role beta { permit m/doc:edit; }\nrole both_b { permit m/doc:*; }\n");
  // The same three files imported in every order: ids (and so the first reason a decision lists)
  // follow the files' paths, not the order of the statements.
  const char* const orders[][3] = {{"header", "a", "b"}, {"b", "a", "header"}, {"a", "header", "b"}};
  std::string first;
  for (const auto& order : orders) {
    std::string root;
    for (const char* name : order) root += "import \"" + std::string(name) + ".writ\";\n";
    const fs::path main = tmp.write("main.writ", root);
    const std::string table = build(main, tmp.path / "main.wtab");
    if (first.empty()) first = table;
    INFO(root);
    CHECK(table == first);
  }
}
