#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace suanli::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or by the time limit
  bool timed_out = false;
  std::string out;
  std::string err;
};

// `argv` as a test starts it. In a cross build whose tests run under an emulator
// (CMAKE_CROSSCOMPILING_EMULATOR), a program built in this build tree cannot run by itself, so
// the emulator is put in front of it; host programs (mosquitto, openssl) are left as they are.
std::vector<std::string> with_emulator(const std::vector<std::string>& argv);

// Runs `argv` (argv[0] is a path) with `env_extra` ("NAME=value") added to the environment, and
// waits at most `limit` for it; past the limit it is killed (SIGKILL) and timed_out is set.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& env_extra = {},
                          std::chrono::milliseconds limit = std::chrono::seconds(60));

// A child process that runs while the test goes on; its output goes to files. The destructor
// kills it (SIGKILL) if it still runs.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env_extra,
                    const std::string& out_file, const std::string& err_file);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  void signal(int signo) const;
  // The exit status, -1 when killed by a signal, nullopt when still running after `limit`.
  std::optional<int> wait(std::chrono::milliseconds limit);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

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
