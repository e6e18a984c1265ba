#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "config/schema.hpp"

namespace suanli {

// Exit codes of every program (docs/design.md, "Command-line contract").
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Writes each problem as one line to standard error; returns kExitUsage.
int report_problems(const std::vector<std::string>& problems);

// For --check-config after a file passed: reads the files it names that the program reads at
// start, then runs `more_checks` (the program's own look at those files' contents); reports
// what they found (kExitUsage), or prints the file plus every default, as JSON, on standard
// output, and "PATH: ok" on standard error (kExitOk).
int report_config_ok(const std::string& path, std::span<const config::KeyRule> rules,
                     const std::function<std::vector<std::string>()>& more_checks = {});

}  // namespace suanli
