// Running the built `writ` binary from tests: exit status and captured output.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace writ::testing {

struct Run {
  int status = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

inline std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Runs `writ ARGS` (ARGS already shell-quoted) from `cwd` (default: the source directory).
inline Run run_writ(const std::string& args, const std::string& stdin_text = "", const std::string& cwd = WRIT_SOURCE_DIR) {
  namespace fs = std::filesystem;
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("writ-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "in") << stdin_text;
  }
  std::string cmd = "cd '" + cwd + "' && '" WRIT_BINARY "' " + args + " <'" + (dir / "in").string() + "' >'" +
                    (dir / "out").string() + "' 2>'" + (dir / "err").string() + "'";
  int raw = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  r.out = read_all(dir / "out");
  r.err = read_all(dir / "err");
  fs::remove_all(dir);
  return r;
}

/// A scratch directory removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static int n = 0;
    path = std::filesystem::temp_directory_path() / ("writ-tmp-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
};

}  // namespace writ::testing
