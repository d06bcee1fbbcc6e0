// See read_file.hpp.
#include "compiler/source/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace writ::source {
namespace {

const char* kind_of(mode_t m) {
  if (S_ISDIR(m)) return "a directory";
  if (S_ISFIFO(m)) return "a FIFO";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  return "not a regular file";
}

ReadResult failed(std::string what) {
  ReadResult r;
  r.status = ReadResult::Status::error;
  r.error = std::move(what);
  return r;
}

}  // namespace

ReadResult read_regular_file(const std::string& path, std::size_t limit) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer for ever.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT) return failed("no such file");
    if (errno == ENAMETOOLONG) return failed("file name too long");
    return failed(std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    std::string e = std::strerror(errno);
    ::close(fd);
    return failed(e);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return failed(std::string("only regular files are read; this is ") + kind_of(st.st_mode));
  }
  ReadResult r;
  if (static_cast<unsigned long long>(st.st_size) > limit) {
    ::close(fd);
    r.status = ReadResult::Status::too_large;
    r.size = static_cast<std::size_t>(st.st_size);
    return r;
  }
  r.text.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string e = std::strerror(errno);
      ::close(fd);
      return failed(e);
    }
    if (n == 0) break;
    r.text.append(buf, static_cast<std::size_t>(n));
    if (r.text.size() > limit) {  // the file grew while we read it
      ::close(fd);
      r.status = ReadResult::Status::too_large;
      r.size = r.text.size();
      r.text.clear();
      return r;
    }
  }
  ::close(fd);
  r.status = ReadResult::Status::ok;
  return r;
}

ReadResult read_stream(std::FILE* in, std::size_t limit) {
  ReadResult r;
  char buf[65536];
  for (;;) {
    std::size_t n = std::fread(buf, 1, sizeof buf, in);
    r.text.append(buf, n);
    if (r.text.size() > limit) {
      r.status = ReadResult::Status::too_large;
      r.size = r.text.size();
      r.text.clear();
      return r;
    }
    if (n < sizeof buf) {
      if (std::ferror(in)) return failed(std::strerror(errno));
      break;
    }
  }
  r.status = ReadResult::Status::ok;
  return r;
}

}  // namespace writ::source
