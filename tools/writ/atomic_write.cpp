// See atomic_write.hpp.
#include "tools/writ/atomic_write.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace writ::cli {
namespace {
namespace fs = std::filesystem;

std::string errno_text() { return std::strerror(errno); }

bool write_all(int fd, const std::string& contents) {
  const char* p = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

/// Removes temporaries of `name` in `dir` that a killed run left (older than a minute, so a
/// concurrent writer's file is not taken from under it).
void sweep_stale(int dirfd, const std::string& prefix) {
  int fd = ::openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  DIR* d = ::fdopendir(fd);
  if (d == nullptr) {
    ::close(fd);
    return;
  }
  const std::time_t now = std::time(nullptr);
  while (dirent* e = ::readdir(d)) {
    if (std::strncmp(e->d_name, prefix.c_str(), prefix.size()) != 0) continue;
    struct stat st {};
    if (::fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) continue;
    if (now - st.st_mtime >= 60) ::unlinkat(dirfd, e->d_name, 0);
  }
  ::closedir(d);
}

}  // namespace

std::string temp_prefix(const fs::path& path) { return "." + path.filename().string() + ".writ-tmp-"; }

std::string write_file_atomically(const fs::path& path, const std::string& contents) {
  if (path.filename().empty()) return "not a file name";
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const std::string name = path.filename().string();

  int dirfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) return "cannot open its folder: " + errno_text();
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } dir_closer{dirfd};

  // What is there now decides what may be replaced.
  struct stat old {};
  bool exists = ::fstatat(dirfd, name.c_str(), &old, AT_SYMLINK_NOFOLLOW) == 0;
  if (!exists && errno != ENOENT) return errno_text();
  if (exists) {
    if (S_ISLNK(old.st_mode)) return "it is a symbolic link; writ does not write through links (name the link's target)";
    if (!S_ISREG(old.st_mode)) return "it is not a regular file (a device, FIFO, socket or folder is never replaced)";
    if (old.st_nlink > 1) return "it has several hard links; replacing it would split them";
    if ((old.st_mode & 0222) == 0) return "it is read-only";
  }
  const std::string prefix = temp_prefix(path);
  sweep_stale(dirfd, prefix);

  // The new file: unnamed until complete where O_TMPFILE works, so a kill leaves nothing.
  int fd = -1;
  std::string tmp_name;
#ifdef O_TMPFILE
  fd = ::openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
#endif
  if (fd < 0) {
    std::string templ = (dir / (prefix + "XXXXXX")).string();
    fd = ::mkostemp(templ.data(), O_CLOEXEC);  // O_CREAT|O_EXCL on an unpredictable name
    if (fd < 0) return "cannot create a temporary file: " + errno_text();
    tmp_name = fs::path(templ).filename().string();
  }
  auto abandon = [&](std::string err) {
    ::close(fd);
    if (!tmp_name.empty()) ::unlinkat(dirfd, tmp_name.c_str(), 0);
    return err;
  };
  mode_t mode = exists ? (old.st_mode & 07777) : [] {
    mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  if (!write_all(fd, contents)) return abandon(errno_text());
  if (::fchmod(fd, mode) != 0) return abandon(errno_text());
  if (exists && (old.st_uid != ::geteuid() || old.st_gid != ::getegid()) && ::fchown(fd, old.st_uid, old.st_gid) != 0)
    return abandon("cannot keep its owner: " + errno_text());
  if (::fsync(fd) != 0) return abandon(errno_text());
  if (tmp_name.empty()) {
    // Give the O_TMPFILE file a name (unpredictable, exclusive: linkat never replaces), then rename.
    for (int attempt = 0; attempt < 100 && tmp_name.empty(); ++attempt) {
      std::string templ = (dir / (prefix + "XXXXXX")).string();
      int probe = ::mkostemp(templ.data(), O_CLOEXEC);
      if (probe < 0) return abandon("cannot create a temporary name: " + errno_text());
      ::close(probe);
      std::string candidate = fs::path(templ).filename().string();
      ::unlinkat(dirfd, candidate.c_str(), 0);
      std::string proc = "/proc/self/fd/" + std::to_string(fd);
      if (::linkat(AT_FDCWD, proc.c_str(), dirfd, candidate.c_str(), AT_SYMLINK_FOLLOW) == 0) tmp_name = candidate;
      else if (errno != EEXIST) return abandon("cannot name the temporary file: " + errno_text());
    }
    if (tmp_name.empty()) return abandon("cannot name the temporary file");
  }
  if (::close(fd) != 0) {
    ::unlinkat(dirfd, tmp_name.c_str(), 0);
    return errno_text();
  }
  if (::renameat(dirfd, tmp_name.c_str(), dirfd, name.c_str()) != 0) {
    std::string err = errno_text();
    ::unlinkat(dirfd, tmp_name.c_str(), 0);
    return err;
  }
  if (::fsync(dirfd) != 0) return "written, but its folder could not be synced: " + errno_text();
  return {};
}

}  // namespace writ::cli
