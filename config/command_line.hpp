#pragma once

// Included only by each program's main.cpp, so CLI11 (slow to compile) stays in one
// translation unit per program.

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string_view>

#include "config/program.hpp"
#include "suanli/version.hpp"

namespace suanli {

// Adds --version, parses, and returns the exit status when the program is done already
// (--help, --version, bad usage: exit 2 with CLI11's message on standard error).
inline std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv,
                                             std::string_view program) {
  bool version = false;
  app.add_flag("--version", version, "Print the version and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  if (version) {
    std::cout << program << ' ' << kVersion << '\n';
    return kExitOk;
  }
  return std::nullopt;
}

}  // namespace suanli
