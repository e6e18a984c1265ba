#include "tests/support/small_tmpfs.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace suanli::test {

SmallTmpfs::SmallTmpfs(const std::string& dir, std::uint64_t bytes) : dir_(dir) {
  std::filesystem::create_directories(dir_);
  std::string options = "size=" + std::to_string(bytes) + ",mode=0750";
  if (::mount("tmpfs", dir_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
    why_ = "cannot mount a tmpfs on " + dir_ + " (" + std::strerror(errno) +
           "); the test needs root (or CAP_SYS_ADMIN)";
    return;
  }
  mounted_ = true;
}

SmallTmpfs::~SmallTmpfs() {
  if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
}

void SmallTmpfs::fill(const std::string& path) const {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
  if (fd < 0) return;
  // Big writes first, then single bytes, so that not even a partial page is left.
  for (std::size_t chunk : {std::size_t{4096}, std::size_t{1}}) {
    std::string zeros(chunk, '\0');
    while (::write(fd, zeros.data(), zeros.size()) == static_cast<ssize_t>(zeros.size())) {
    }
  }
  ::close(fd);
}

}  // namespace suanli::test
