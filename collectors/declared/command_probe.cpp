#include "collectors/declared/command_probe.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace suanli::collectors::declared {
namespace {

using Clock = std::chrono::steady_clock;
// How often a wait looks at the stop flag.
constexpr std::chrono::milliseconds kStopCheck{100};

// A file descriptor that becomes readable when `pid` exits (pidfd_open, Linux 5.3); -1 where the
// kernel has none, and the wait then wakes every kStopCheck instead.
int exit_descriptor(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

std::optional<pid_t> spawn(const std::vector<std::string>& argv, std::string& detail) {
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  for (int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null",
                                     fd == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0);
  }
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    detail = argv[0] + ": cannot start: " + std::strerror(rc);
    return std::nullopt;
  }
  return pid;
}

constexpr int kLost = -1;  // waitpid failed: the child is not ours to wait for

// The exit status once `pid` has exited by `until` (kLost when it cannot be waited for), else
// nothing.
std::optional<int> wait_exit(pid_t pid, int exit_fd, Clock::time_point until,
                             const std::atomic<bool>& stop) {
  for (;;) {
    int status = 0;
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return kLost;
    const auto now = Clock::now();
    if (now >= until || stop.load()) return std::nullopt;
    auto slice =
        std::min(std::chrono::duration_cast<std::chrono::milliseconds>(until - now), kStopCheck);
    pollfd fd{exit_fd, POLLIN, 0};
    poll(exit_fd >= 0 ? &fd : nullptr, exit_fd >= 0 ? 1 : 0, static_cast<int>(slice.count()) + 1);
  }
}

}  // namespace

std::optional<std::string> run_command(const std::vector<std::string>& argv,
                                       std::chrono::milliseconds deadline,
                                       const std::atomic<bool>& stop, std::string& detail) {
  if (argv.empty()) {
    detail = "empty command";
    return "probe_failed";
  }
  const auto until = Clock::now() + deadline;
  auto pid = spawn(argv, detail);
  if (!pid) return "probe_failed";
  const int exit_fd = exit_descriptor(*pid);
  auto status = wait_exit(*pid, exit_fd, until, stop);
  if (!status) {
    kill(-*pid, SIGKILL);  // its whole group: a shell's children too
    while (waitpid(*pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  if (exit_fd >= 0) close(exit_fd);
  if (!status) {
    detail = argv[0] + ": still running after " + std::to_string(deadline.count()) + " ms; killed";
    return "probe_timeout";
  }
  if (*status == kLost) {
    detail = argv[0] + ": cannot wait for it (SIGCHLD ignored?)";
    return "probe_failed";
  }
  if (WIFEXITED(*status) && WEXITSTATUS(*status) == 0) return std::nullopt;
  detail =
      argv[0] + (WIFEXITED(*status) ? ": exited with status " + std::to_string(WEXITSTATUS(*status))
                                    : ": ended by signal " + std::to_string(WTERMSIG(*status)));
  return "probe_failed";
}

}  // namespace suanli::collectors::declared
