#pragma once

// A tmpfs of a few pages mounted on a directory for one test, to make the agent's spool run out
// of space. Mounting needs root (CI runs the tests as root); elsewhere mounted() is false and
// why() says so, for GTEST_SKIP.

#include <cstdint>
#include <string>

namespace suanli::test {

class SmallTmpfs {
 public:
  // Creates `dir` (and its parents) and mounts a tmpfs of `bytes` on it.
  SmallTmpfs(const std::string& dir, std::uint64_t bytes);
  ~SmallTmpfs();  // unmounts (lazily, should a process still hold a file there)
  SmallTmpfs(const SmallTmpfs&) = delete;
  SmallTmpfs& operator=(const SmallTmpfs&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& why() const { return why_; }

  // Writes `path` (on this tmpfs) until the file system is full.
  void fill(const std::string& path) const;

 private:
  std::string dir_;
  bool mounted_ = false;
  std::string why_;
};

}  // namespace suanli::test
