#include "uplink/spool/fd.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace suanli::spool {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) reset(other.release());
  return *this;
}

int UniqueFd::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

std::string errno_text(std::string_view what, int err) {
  return std::string(what) + ": " + std::strerror(err);
}

Status pwrite_all(int fd, std::string_view data, off_t offset, std::string_view what) {
  while (!data.empty()) {
    ssize_t n = ::pwrite(fd, data.data(), data.size(), offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::failure(errno_text(what, errno));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
    offset += n;
  }
  return std::monostate{};
}

Expected<std::size_t> pread_up_to(int fd, char* buf, std::size_t n, off_t offset) {
  std::size_t done = 0;
  while (done < n) {
    ssize_t got = ::pread(fd, buf + done, n - done, offset + static_cast<off_t>(done));
    if (got < 0) {
      if (errno == EINTR) continue;
      return Expected<std::size_t>::failure(errno_text("read", errno));
    }
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

Expected<std::uint64_t> file_size(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return Expected<std::uint64_t>::failure(errno_text("fstat", errno));
  return static_cast<std::uint64_t>(st.st_size);
}

}  // namespace suanli::spool
