#pragma once

#include <mutex>
#include <optional>
#include <string>

namespace suanli::collectors {

// A file read whole, again and again, through one descriptor kept open between reads (each read
// starts at offset 0): for a file that changes in place and is read every sample, such as
// /proc/stat, whose open and close cost the kernel more than generating and reading it. A read
// that fails closes the descriptor; the next read opens the file again. Thread-safe.
class KeptFile {
 public:
  explicit KeptFile(std::string path) : path_(std::move(path)) {}
  ~KeptFile();
  KeptFile(const KeptFile&) = delete;
  KeptFile& operator=(const KeptFile&) = delete;

  const std::string& path() const { return path_; }
  // Its whole content, or nothing when it cannot be opened or read.
  std::optional<std::string> read();
  void close();

 private:
  void close_locked();

  const std::string path_;
  std::mutex mutex_;
  int fd_ = -1;
  std::size_t last_size_ = 0;
};

}  // namespace suanli::collectors
