#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace suanli::collectors::declared {

// Runs `argv` (no shell; the program is looked up in PATH) in a process group of its own, with
// standard input and output on /dev/null, and waits for it at most `deadline`. Nothing when it
// exited 0; else why not: "probe_failed" (did not start, exited non-zero or by a signal) or
// "probe_timeout" (still running at the deadline, or when `stop` was set: the group is killed
// and reaped before returning). `detail` receives the cause in words.
std::optional<std::string> run_command(const std::vector<std::string>& argv,
                                       std::chrono::milliseconds deadline,
                                       const std::atomic<bool>& stop, std::string& detail);

}  // namespace suanli::collectors::declared
