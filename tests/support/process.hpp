#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace suanli::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or by the time limit
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is a path) with `env_extra` ("NAME=value") added to the environment, and
// waits at most `limit` for it; past the limit it is killed (SIGKILL) and timed_out is set.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& env_extra = {},
                          std::chrono::milliseconds limit = std::chrono::seconds(60));

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  // Writes `content` to path()/name and returns that path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

}  // namespace suanli::test
