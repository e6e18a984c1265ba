#include "collectors/kept_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "collectors/sysfs_reader.hpp"

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
  auto text = read_whole(fd_, last_size_ + 1024);
  if (!text) {
    close_locked();
    return std::nullopt;
  }
  last_size_ = text->size();
  return text;
}

}  // namespace suanli::collectors
