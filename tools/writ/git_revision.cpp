// See git_revision.hpp. git runs with an argument vector (never a shell), its output read through
// a pipe with a size limit per object, since a revision is as untrusted as any other input.
#include "tools/writ/git_revision.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <vector>

#include "compiler/source/limits.hpp"

extern char** environ;

namespace writ::cli {

namespace {

/// Total bytes one extraction may write: every file is also bounded by the source size limit.
constexpr std::size_t kMaxTreeBytes = std::size_t{256} << 20;
constexpr std::size_t kMaxListing = std::size_t{16} << 20;

/// Runs git with `args`; its stdout (at most `limit` bytes) in `out`. false with `error` set.
bool run_git(const std::vector<std::string>& args, std::size_t limit, std::string& out, std::string& error) {
  int pipe_out[2], pipe_err[2];
  if (pipe2(pipe_out, O_CLOEXEC) != 0) return error = "cannot run git: no pipe", false;
  if (pipe2(pipe_err, O_CLOEXEC) != 0) {
    close(pipe_out[0]);
    close(pipe_out[1]);
    return error = "cannot run git: no pipe", false;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, pipe_out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, pipe_err[1], 2);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> argv_s{"git"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "git", &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(pipe_out[1]);
  close(pipe_err[1]);
  if (rc != 0) {
    close(pipe_out[0]);
    close(pipe_err[0]);
    return error = "cannot run git (is it installed?)", false;
  }
  // stderr is small (messages); read stdout to the end or the limit, then stderr.
  out.clear();
  bool too_big = false;
  char buf[65536];
  for (;;) {
    ssize_t n = read(pipe_out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (out.size() + static_cast<std::size_t>(n) > limit) {
      too_big = true;
      break;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  close(pipe_out[0]);
  std::string err;
  for (;;) {
    ssize_t n = read(pipe_err[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || err.size() > 4096) break;
    err.append(buf, static_cast<std::size_t>(n));
  }
  close(pipe_err[0]);
  if (too_big) kill(pid, SIGTERM);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (too_big) return error = "git output is larger than the limit", false;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    auto nl = err.find('\n');
    error = "git: " + (err.empty() ? std::string("failed") : err.substr(0, nl));
    return false;
  }
  return true;
}

bool safe_relative(const std::string& name) {
  if (name.empty() || name.front() == '/') return false;
  for (const auto& part : std::filesystem::path(name))
    if (part == "..") return false;
  return true;
}

}  // namespace

RevisionTree& RevisionTree::operator=(RevisionTree&& o) noexcept {
  if (this != &o) {
    std::error_code ec;
    if (!folder_.empty()) std::filesystem::remove_all(folder_, ec);
    folder_ = std::move(o.folder_);
    path_ = std::move(o.path_);
    o.folder_.clear();
  }
  return *this;
}

RevisionTree::~RevisionTree() {
  std::error_code ec;
  if (!folder_.empty()) std::filesystem::remove_all(folder_, ec);
}

std::optional<std::pair<std::string, std::string>> split_revision(const std::string& arg) {
  std::error_code ec;
  if (std::filesystem::exists(arg, ec)) return std::nullopt;
  auto colon = arg.find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  return std::pair{arg.substr(0, colon), arg.substr(colon + 1)};
}

std::optional<RevisionTree> RevisionTree::extract(const std::string& rev, const std::string& path, std::string& error) {
  if (!rev.empty() && rev.front() == '-') return error = "a revision cannot start with `-`", std::nullopt;
  std::string prefix;
  if (!run_git({"rev-parse", "--show-prefix"}, 4096, prefix, error)) return std::nullopt;
  while (!prefix.empty() && (prefix.back() == '\n' || prefix.back() == '\r')) prefix.pop_back();
  std::string commit;
  if (!run_git({"rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"}, 4096, commit, error)) {
    error = "`" + rev + "` is not a revision of this repository";
    return std::nullopt;
  }
  while (!commit.empty() && commit.back() == '\n') commit.pop_back();
  // The path as the repository names it; a file brings its whole folder, for its imports.
  const std::string want = (std::filesystem::path(prefix) / path).lexically_normal().generic_string();
  std::string listing;
  if (!run_git({"ls-tree", "-r", "-z", "--full-tree", commit, "--", want}, kMaxListing, listing, error)) return std::nullopt;
  auto parse = [](const std::string& l, std::vector<std::pair<std::string, std::string>>& blobs) {
    std::size_t at = 0;
    while (at < l.size()) {
      auto end = l.find('\0', at);
      if (end == std::string::npos) end = l.size();
      std::string entry = l.substr(at, end - at);
      at = end + 1;
      auto tab = entry.find('\t');
      if (tab == std::string::npos) continue;
      std::string meta = entry.substr(0, tab), name = entry.substr(tab + 1);
      // `<mode> blob <sha>`: only blobs (not submodules or links).
      if (meta.find(" blob ") == std::string::npos || meta.rfind("120000", 0) == 0) continue;
      blobs.emplace_back(meta.substr(meta.rfind(' ') + 1), name);
    }
  };
  std::vector<std::pair<std::string, std::string>> blobs;
  parse(listing, blobs);
  if (blobs.empty()) return error = "`" + path + "` does not exist in `" + rev + "`", std::nullopt;
  bool is_file = blobs.size() == 1 && blobs.front().second == want;
  std::string base = want;
  if (is_file) {
    base = std::filesystem::path(want).parent_path().generic_string();
    blobs.clear();
    if (!run_git({"ls-tree", "-r", "-z", "--full-tree", commit, "--", base.empty() ? "." : base}, kMaxListing, listing, error))
      return std::nullopt;
    parse(listing, blobs);
  }
  RevisionTree t;
  std::string tmpl = (std::filesystem::temp_directory_path() / "writ-diff-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) return error = "cannot create a temporary folder", std::nullopt;
  t.folder_ = tmpl;
  std::size_t total = 0;
  for (const auto& [sha, name] : blobs) {
    if (!safe_relative(name)) continue;
    const auto ext = std::filesystem::path(name).extension();
    if (ext != ".writ" && ext != ".yaml" && ext != ".yml") continue;  // only what a policy can read
    std::string text;
    if (!run_git({"cat-file", "blob", sha}, limits::kMaxFileBytes + 1, text, error)) return std::nullopt;
    total += text.size();
    if (total > kMaxTreeBytes) return error = "the revision's policy files are larger than the limit", std::nullopt;
    auto dest = t.folder_ / name;
    std::filesystem::create_directories(dest.parent_path());
    std::ofstream f(dest, std::ios::binary);
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!f) return error = "cannot write a temporary file", std::nullopt;
  }
  t.path_ = t.folder_ / want;
  return t;
}

}  // namespace writ::cli
