// See atomic_write.hpp.
#include "tools/writ/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace writ::cli {

std::string write_file_atomically(const std::filesystem::path& path, const std::string& contents) {
  // An unpredictable name in the target's directory (mkstemp: random suffix, O_EXCL), so a
  // concurrent writer or an attacker cannot pre-create or guess it, and rename stays atomic.
  std::string name = path.string() + ".writ-tmp-XXXXXX";
  int fd = ::mkstemp(name.data());
  if (fd < 0) return std::strerror(errno);
  const std::filesystem::path tmp = name;
  if (::fchmod(fd, 0644) != 0) {
    std::string err = std::strerror(errno);
    ::close(fd);
    ::unlink(tmp.c_str());
    return err;
  }
  const char* p = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string err = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return err;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string err = std::strerror(errno);
    ::unlink(tmp.c_str());
    return err;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string err = std::strerror(errno);
    ::unlink(tmp.c_str());
    return err;
  }
  // Make the rename itself durable.
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

}  // namespace writ::cli
