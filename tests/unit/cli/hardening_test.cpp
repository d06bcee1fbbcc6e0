// One test per item of issue 7 (hardening), through the built `writ`: exit status, the message,
// and that no output file is created or changed. The policy is tests/fixtures/hardening/edit.writ.
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "cli_support.hpp"

using writ::testing::read_all;
using writ::testing::run_writ;
using writ::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const char* kPolicy = "tests/fixtures/hardening/edit.writ";

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

/// Runs a shell command line (for redirections run_writ does not offer); returns the exit status.
int shell(const std::string& cmd) {
  int raw = std::system(("cd '" WRIT_SOURCE_DIR "' && " + cmd).c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
}

const std::string kWrit = "'" WRIT_BINARY "'";

bool no_raw_control(const std::string& s) {
  for (char c : s)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return false;
  return true;
}

/// `writ check` prints diagnostics on stdout and its summary on stderr: both, as err.
writ::testing::Run run_check(const std::string& args) {
  auto r = run_writ(args);
  r.err = r.out + r.err;
  return r;
}

const char* kMessy = "policy   p{ }\nmodule m { action edit : write; resource r actions edit; }\n";

}  // namespace

TEST_CASE("1: a bare carriage return is an error in both syntaxes, CRLF is a line end") {
  TempDir tmp;
  auto cr = tmp.write("cr.writ",
                      "policy p { }\nmodule m { action edit: write; resource r actions edit; }\nrole a { permit m/r:edit; }\n"
                      "# note\rforbid f { applies_to anyone; deny m/r:edit; reason \"x\"; }\n");
  auto r = run_check("check " + q(cr));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("cr.writ:4:7: error[W018]: bare carriage return (U+000D)"));
  CHECK(no_raw_control(r.err));
  auto req = tmp.write("req.json", R"({"principal":{"roles":["a"]},"permission":"m/r:edit"})");
  auto e = run_writ("eval " + q(cr) + " -r " + q(req));
  CHECK(e.status == 2);
  CHECK(e.out.find("allow") == std::string::npos);
  auto yaml = tmp.write("cr.yaml", "policy:\n  name: p\n# x\rroles: {}\n");
  auto y = run_check("check " + q(yaml));
  CHECK(y.status == 2);
  CHECK_THAT(y.err, Catch::Contains("W018"));
  auto crlf = tmp.write("crlf.writ", "policy p { }\r\nmodule m { action edit: write; resource r actions edit; }\r\n# c\r\nrole a { permit m/r:edit; }\r\n");
  CHECK(run_check("check " + q(crlf)).status == 0);
  for (const char* text : {"policy p { }\n# \xe2\x80\xa8 role\n", "policy p { }\n# \xe2\x80\xae x\n", "policy p { }\n#\x0c x\n"}) {
    auto f = tmp.write("u.writ", text);
    auto u = run_check("check " + q(f));
    CHECK(u.status == 2);
    CHECK_THAT(u.err, Catch::Contains("W018"));
  }
}

TEST_CASE("2: duplicate keys in a request are an error naming the file and the JSON path") {
  TempDir tmp;
  auto ctx = tmp.write("dup.json", R"({"principal":{"roles":["a"]},"permission":"m/r:edit","context":{"flag":true,"flag":false}})");
  auto r = run_writ("eval " + std::string(kPolicy) + " -r " + q(ctx));
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("dup.json") && Catch::Contains("$.context: duplicate key `flag`"));
  auto kind = tmp.write("kind.json", R"({"principal":{"kind":"external","kind":"internal","roles":["a"]},"permission":"m/r:edit"})");
  auto k = run_writ("eval " + std::string(kPolicy) + " -r " + q(kind));
  CHECK(k.status == 2);
  CHECK_THAT(k.err, Catch::Contains("$.principal: duplicate key `kind`"));
  // The same request without the duplicate is denied by the forbid rule: the check above is not vacuous.
  auto once = tmp.write("once.json", R"({"principal":{"roles":["a"]},"permission":"m/r:edit","context":{"flag":true}})");
  auto o = run_writ("eval " + std::string(kPolicy) + " -r " + q(once));
  CHECK(o.status == 0);
  CHECK_THAT(o.out, Catch::StartsWith("deny"));
}

TEST_CASE("3: a grant window at the extremes of time is invalid against a maximum duration") {
  TempDir tmp;
  for (const char* window : {R"("valid_from":-9223372036854775808,"valid_to":0)",
                             R"("valid_from":-9223372036854775808,"valid_to":9223372036854775807)",
                             R"("valid_from":0,"valid_to":9223372036854775807)"}) {
    auto req = tmp.write("v.json", std::string(R"({"principal":{"kind":"internal"},"validate":{"template":"t","roles":["a"],)") + window + "}}");
    auto r = run_writ("eval " + std::string(kPolicy) + " -r " + q(req));
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::StartsWith("invalid") && Catch::Contains("duration_above_max"));
  }
  auto ok = tmp.write("ok.json", R"({"principal":{"kind":"internal"},"validate":{"template":"t","roles":["a"],"valid_from":0,"valid_to":86400}})");
  CHECK_THAT(run_writ("eval " + std::string(kPolicy) + " -r " + q(ok)).out, Catch::StartsWith("valid"));
}

TEST_CASE("4: an explicit empty organization tree relates nothing, an absent one is the fixture") {
  TempDir tmp;
  auto empty = tmp.write("e.json", R"({"principal":{"roles":[{"role":"a","org":"root"}]},"target":"child","organizations":{},"permission":"m/r:edit"})");
  auto r = run_writ("eval " + std::string(kPolicy) + " -r " + q(empty));
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::StartsWith("deny"));
  auto absent = tmp.write("a.json", R"({"principal":{"roles":[{"role":"a","org":"root"}]},"target":"child","permission":"m/r:edit"})");
  CHECK_THAT(run_writ("eval " + std::string(kPolicy) + " -r " + q(absent)).out, Catch::StartsWith("allow"));
}

TEST_CASE("5: FIFOs are refused as policies, imports, fmt inputs and requests, without blocking") {
  TempDir tmp;
  auto fifo = tmp.path / "f.writ";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto c = run_check("check " + q(fifo));
  CHECK(c.status == 2);
  CHECK_THAT(c.err, Catch::Contains("only regular files are read; this is a FIFO"));
  CHECK(run_writ("fmt " + q(fifo)).status == 2);
  auto root = tmp.write("root.writ", "policy p { }\nimport \"f.writ\";\n");
  auto i = run_check("check " + q(root));
  CHECK(i.status == 2);
  CHECK_THAT(i.err, Catch::Contains("root.writ:2:8") && Catch::Contains("a FIFO"));
  auto jfifo = tmp.path / "r.json";
  REQUIRE(::mkfifo(jfifo.c_str(), 0600) == 0);
  auto e = run_writ("eval " + std::string(kPolicy) + " -r " + q(jfifo));
  CHECK(e.status == 2);
  CHECK_THAT(e.err, Catch::Contains("a FIFO"));
}

TEST_CASE("6: requests and sources have a size limit checked while reading") {
  auto dev = run_writ("eval " + std::string(kPolicy) + " -r /dev/zero");
  CHECK(dev.status == 2);
  CHECK_THAT(dev.err, Catch::Contains("cannot read request `/dev/zero`: only regular files are read; this is a character device"));
  auto big = run_writ("eval " + std::string(kPolicy) + " -r -", std::string(1024 * 1024 + 10, ' '));
  CHECK(big.status == 2);
  CHECK_THAT(big.err, Catch::Contains("request on stdin: too large") && Catch::Contains("limit is 1048576 bytes"));
  TempDir tmp;
  fs::create_symlink("/dev/zero", tmp.path / "zero.writ");
  auto f = run_writ("fmt " + q(tmp.path / "zero.writ"));
  CHECK(f.status == 2);
  CHECK_THAT(f.err, Catch::Contains("character device"));
}

TEST_CASE("8: no message starts with `internal error`, long names are cut and the failure named") {
  TempDir tmp;
  std::string name(6000, 'n');
  auto r = run_check("check '" + name + ".writ'");
  CHECK(r.status == 2);
  CHECK(r.err.find("internal error") == std::string::npos);
  CHECK_THAT(r.err, Catch::Contains("ile name too long"));
  CHECK(r.err.size() < 3000);
  auto root = tmp.write("root.writ", "policy p { }\nimport \"" + name + ".writ\";\n");
  auto i = run_check("check " + q(root));
  CHECK(i.status == 2);
  CHECK(i.err.find("internal error") == std::string::npos);
  CHECK_THAT(i.err, Catch::Contains("root.writ:2:8"));
}

TEST_CASE("9: fmt --write never writes through a planted temporary link") {
  TempDir tmp;
  auto victim = tmp.write("victim.txt", "keep me\n");
  auto messy = tmp.write("messy.writ", kMessy);
  // The old predictable names, and the sweep's prefix: none of them is followed.
  for (int pid = 1; pid < 200; ++pid) fs::create_symlink(victim, tmp.path / ("messy.writ.writ-tmp-" + std::to_string(pid)));
  fs::create_symlink(victim, tmp.path / ".messy.writ.writ-tmp-AAAAAA");
  CHECK(run_writ("fmt --write " + q(messy)).status == 0);
  CHECK(read_all(victim) == "keep me\n");
  CHECK(fs::is_regular_file(fs::symlink_status(messy)));
  CHECK(run_writ("fmt --check " + q(messy)).status == 0);
  CHECK(fs::is_symlink(tmp.path / ".messy.writ.writ-tmp-AAAAAA"));  // the sweep removes only regular files
}

TEST_CASE("10: fmt --write keeps the mode and refuses links, hard links and read-only files") {
  TempDir tmp;
  auto messy = tmp.write("messy.writ", kMessy);
  ::chmod(messy.c_str(), 0600);
  CHECK(run_writ("fmt --write " + q(messy)).status == 0);
  CHECK((fs::status(messy).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));

  auto target = tmp.write("target.writ", kMessy);
  fs::create_symlink(target, tmp.path / "link.writ");
  auto l = run_writ("fmt --write " + q(tmp.path / "link.writ"));
  CHECK(l.status == 2);
  CHECK_THAT(l.err, Catch::Contains("symbolic link"));
  CHECK(fs::is_symlink(tmp.path / "link.writ"));
  CHECK(read_all(target) == kMessy);

  auto hard = tmp.write("hard.writ", kMessy);
  fs::create_hard_link(hard, tmp.path / "other.writ");
  auto h = run_writ("fmt --write " + q(hard));
  CHECK(h.status == 2);
  CHECK_THAT(h.err, Catch::Contains("hard links"));
  CHECK(fs::hard_link_count(hard) == 2);
  CHECK(read_all(hard) == kMessy);

  auto ro = tmp.write("ro.writ", kMessy);
  ::chmod(ro.c_str(), 0444);
  auto r = run_writ("fmt --write " + q(ro));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("read-only"));
  CHECK(read_all(ro) == kMessy);
}

TEST_CASE("11: fmt -o refuses devices, FIFOs and links, `-o -` is stdout") {
  TempDir tmp;
  auto src = tmp.write("p.writ", kMessy);
  auto fifo = tmp.path / "out.writ";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto f = run_writ("fmt " + q(src) + " -o " + q(fifo));
  CHECK(f.status == 2);
  CHECK_THAT(f.err, Catch::Contains("not a regular file"));
  CHECK(fs::is_fifo(fifo));
  fs::create_symlink("/dev/null", tmp.path / "null.writ");
  auto n = run_writ("fmt " + q(src) + " -o " + q(tmp.path / "null.writ"));
  CHECK(n.status == 2);
  CHECK(fs::is_symlink(tmp.path / "null.writ"));
  auto d = run_writ("fmt " + q(src) + " -o /dev/null");
  CHECK(d.status == 2);
  CHECK(fs::is_character_file("/dev/null"));
  auto s = shell("cd " + q(tmp.path) + " && " + kWrit + " fmt p.writ -o - > stdout.txt");
  CHECK(s == 0);
  CHECK_THAT(read_all(tmp.path / "stdout.txt"), Catch::Contains("policy p"));
  CHECK(!fs::exists(tmp.path / "-"));
}

TEST_CASE("12: a failed write to stdout is exit 2 with a message") {
  for (const std::string args : {"fmt tests/fixtures/cli/clean.writ", "check --format json tests/fixtures/cli/clean.writ",
                                 "test policies/vendor_support_access"}) {
    CHECK(shell(kWrit + " " + args + " >/dev/full 2>/dev/null") == 2);
  }
  TempDir tmp;
  CHECK(shell(kWrit + " fmt tests/fixtures/cli/clean.writ >/dev/full 2>" + q(tmp.path / "err")) == 2);
  CHECK_THAT(read_all(tmp.path / "err"), Catch::StartsWith("writ: error: cannot write to standard output: No space left on device"));
}

TEST_CASE("13: temporaries of a killed fmt --write are removed by the next write, fresh ones are kept") {
  TempDir tmp;
  auto messy = tmp.write("messy.writ", kMessy);
  auto stale = tmp.write(".messy.writ.writ-tmp-Zz9Yy8", "half");
  auto fresh = tmp.write(".messy.writ.writ-tmp-Qq1Ww2", "in use");
  struct timeval old_times[2] = {{0, 0}, {0, 0}};                         // 1970: older than any minute
  struct timeval future[2] = {{4102444800, 0}, {4102444800, 0}};          // 2100: never a minute old
  ::utimes(stale.c_str(), old_times);
  ::utimes(fresh.c_str(), future);
  CHECK(run_writ("fmt --write " + q(messy)).status == 0);
  CHECK(!fs::exists(stale));
  CHECK(fs::exists(fresh));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path)) ++entries;
  CHECK(entries == 2);  // messy.writ and the fresh temporary: the write left nothing of its own
}

TEST_CASE("14: W002 reports the file's real size") {
  TempDir tmp;
  auto big = tmp.write("big.writ", std::string(5 * 1024 * 1024, '#'));
  auto r = run_check("check " + q(big));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("W002") && Catch::Contains("file is 5242880 bytes; the limit is 4194304 bytes"));
  auto f = run_writ("fmt " + q(big));
  CHECK(f.status == 2);
  CHECK_THAT(f.err, Catch::Contains("file is 5242880 bytes"));
}

TEST_CASE("15: a byte-order mark is rejected explicitly in both syntaxes") {
  TempDir tmp;
  auto d = run_check("check " + q(tmp.write("b.writ", "\xEF\xBB\xBFpolicy p { }\n")));
  CHECK(d.status == 2);
  CHECK_THAT(d.err, Catch::Contains("b.writ:1:1: error[W019]: file starts with a UTF-8 byte-order mark"));
  auto y = run_check("check " + q(tmp.write("b.yaml", "\xEF\xBB\xBFpolicy:\n  name: p\n")));
  CHECK(y.status == 2);
  CHECK_THAT(y.err, Catch::Contains("b.yaml:1:1: error[W019]"));
}

TEST_CASE("16: imports stay inside the policy's folder, files that are not policies are never quoted") {
  TempDir tmp;
  fs::create_directories(tmp.path / "pol");
  tmp.write("secret.writ", "SECRET_LINE = hunter2\n");
  auto root = tmp.write("pol/root.writ", "policy p { }\nimport \"../secret.writ\";\n");
  auto r = run_check("check " + q(root));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("imports stay inside the policy's folder"));
  CHECK(r.err.find("SECRET_LINE") == std::string::npos);
  // An option widens the root: then the file is read (and its syntax error shown, as a policy's).
  auto wide = run_check("--import-root " + q(tmp.path) + " check " + q(root));
  CHECK(wide.status == 2);
  CHECK_THAT(wide.err, Catch::Contains("secret.writ:1:1"));
  auto passwd = run_check("check /etc/passwd");
  CHECK(passwd.status == 2);
  CHECK_THAT(passwd.err, Catch::Contains("error[W009]: `/etc/passwd` is neither"));
  CHECK(passwd.err.find("root:") == std::string::npos);
  auto abs = tmp.write("pol/abs.writ", "policy p { }\nimport \"/proc/self/environ\";\n");
  auto a = run_check("check " + q(abs));
  CHECK(a.status == 2);
  CHECK_THAT(a.err, Catch::Contains("abs.writ:2:8: error[W008]") && Catch::Contains("imports stay inside"));
  CHECK(a.err.find("PATH=") == std::string::npos);
  // Allowed everywhere, it is still not a policy file: refused by name, never opened nor quoted.
  auto any = run_check("--import-root / check " + q(abs));
  CHECK(any.status == 2);
  CHECK_THAT(any.err, Catch::Contains("abs.writ:2:8: error[W009]"));
  CHECK(any.err.find("PATH=") == std::string::npos);
}

TEST_CASE("17: control characters in file names and source text are escaped") {
  TempDir tmp;
  auto name = tmp.write("a\x1b[31mb\n.writ", "policy p { role }\n");
  auto r = run_check("check " + q(name));
  CHECK(r.status == 2);
  CHECK(no_raw_control(r.err));
  CHECK_THAT(r.err, Catch::Contains("a\\x1b[31mb\\x0a.writ"));
  auto esc = tmp.write("esc.writ", "policy p { description \"\x1b]0;pwned\x07\"; }\n");
  auto e = run_check("check " + q(esc));
  CHECK(e.status == 2);
  CHECK(no_raw_control(e.err));
  CHECK_THAT(e.err, Catch::Contains("W018") && Catch::Contains("\\x1b]0;pwned"));
  // Request strings reach the answers printed on a terminal: a control character is refused there.
  auto req = tmp.write("r.json", R"({"principal":{"roles":["a\u001b[2J"]},"permission":"m/r:edit"})");
  auto j = run_writ("eval " + std::string(kPolicy) + " -r " + q(req));
  CHECK(j.status == 2);
  CHECK(no_raw_control(j.err));
  CHECK_THAT(j.err, Catch::Contains("$.principal.roles[0]: control character in `a\\x1b[2J`"));
  auto key = tmp.write("k.json", R"({"principal":{"roles":["a"]},"permission":"m/r:edit","context":{"x\n":true}})");
  CHECK_THAT(run_writ("eval " + std::string(kPolicy) + " -r " + q(key)).err, Catch::Contains("$.context: control character in key `x\\x0a`"));
}

TEST_CASE("18: writ test DIR counts a root that does not compile as failed") {
  TempDir tmp;
  fs::copy("policies/vendor_support_access", tmp.path / "v", fs::copy_options::recursive);
  tmp.write("v/broken.writ", "policy q { role }\n");
  auto r = run_writ("test " + q(tmp.path / "v"));
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("1 policy did not compile, counted as failed"));
  CHECK_THAT(r.out, Catch::Matches("(.|\\n)*\\n[0-9]+ passed, 1 failed\\n$"));
}

TEST_CASE("19: numbers out of range in a request are an error with the JSON path") {
  TempDir tmp;
  auto big = tmp.write("n.json", R"({"principal":{"roles":["a"]},"permission":"m/r:edit","at":1e400})");
  auto r = run_writ("eval " + std::string(kPolicy) + " -r " + q(big));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("n.json") && Catch::Contains("$.at: number out of range"));
  CHECK(r.err.find("json.exception") == std::string::npos);
  auto u = tmp.write("u.json", R"({"principal":{"roles":["a"]},"permission":"m/r:edit","at":18446744073709551615})");
  CHECK_THAT(run_writ("eval " + std::string(kPolicy) + " -r " + q(u)).err, Catch::Contains("$.at: integer 18446744073709551615 is out of range"));
  auto ctx = tmp.write("c.json", R"({"principal":{"roles":["a"]},"permission":"m/r:edit","context":{"n":9223372036854775808}})");
  CHECK_THAT(run_writ("eval " + std::string(kPolicy) + " -r " + q(ctx)).err, Catch::Contains("$.context.n: integer"));
  auto deep = tmp.write("d.json", std::string(100, '[') + std::string(100, ']'));
  CHECK_THAT(run_writ("eval " + std::string(kPolicy) + " -r " + q(deep)).err, Catch::Contains("nested deeper than 64 levels"));
}

TEST_CASE("7: a 20,000-role extends chain is decided, explained and asked who-can within 1 GiB") {
  TempDir tmp;
  std::string text = "policy p { }\nmodule m { action edit: write; resource r actions edit; }\nrole r0 { permit m/r:edit; }\n";
  for (int i = 1; i < 20000; ++i) text += "role r" + std::to_string(i) + " { extends r" + std::to_string(i - 1) + "; }\n";
  auto policy = tmp.write("chain.writ", text);
  auto req = tmp.write("req.json", R"({"principal":{"roles":["r19999"]},"permission":"m/r:edit"})");
  const std::string limit = "ulimit -v 1048576 && ";
  CHECK(shell(limit + kWrit + " eval " + q(policy) + " -r " + q(req) + " > " + q(tmp.path / "out")) == 0);
  CHECK_THAT(read_all(tmp.path / "out"), Catch::StartsWith("allow"));
  CHECK(shell(limit + kWrit + " explain " + q(policy) + " --role r19999 > /dev/null") == 0);
  CHECK(shell(limit + kWrit + " who-can " + q(policy) + " m/r:edit > /dev/null") == 0);
}
