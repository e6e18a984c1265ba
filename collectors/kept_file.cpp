#include "collectors/kept_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace suanli::collectors {

KeptFile::~KeptFile() {
  close_locked();
}

void KeptFile::close() {
  std::lock_guard lock(mutex_);
  close_locked();
}

void KeptFile::close_locked() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

std::optional<std::string> KeptFile::read() {
  std::lock_guard lock(mutex_);
  if (fd_ < 0) fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return std::nullopt;
  std::string text(std::max<std::size_t>(4096, last_size_ + 1024), '\0');
  std::size_t size = 0;
  ssize_t got = 0;
  do {
    if (text.size() - size < 1024) text.resize(text.size() * 2);
    got = ::pread(fd_, text.data() + size, text.size() - size, static_cast<off_t>(size));
    if (got > 0) size += static_cast<std::size_t>(got);
  } while (got > 0 || (got < 0 && errno == EINTR));
  if (got < 0) {
    close_locked();
    return std::nullopt;
  }
  text.resize(size);
  last_size_ = size;
  return text;
}

}  // namespace suanli::collectors
