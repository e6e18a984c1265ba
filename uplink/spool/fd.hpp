#pragma once

// File descriptors owned by RAII, and whole-buffer reads and writes that retry on EINTR.

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "config/expected.hpp"

namespace suanli::spool {

using Status = Expected<std::monostate>;

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release();
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// "what: strerror(err)".
std::string errno_text(std::string_view what, int err);

// Writes all of `data` at `offset`.
Status pwrite_all(int fd, std::string_view data, off_t offset, std::string_view what);

// Reads up to `n` bytes at `offset`; fewer only at end of file.
Expected<std::size_t> pread_up_to(int fd, char* buf, std::size_t n, off_t offset);

// Size of the open file.
Expected<std::uint64_t> file_size(int fd);

}  // namespace suanli::spool
