#pragma once

#include <cstdint>
#include <string>

#include "config/expected.hpp"

namespace suanli::agent {

struct Boot {
  std::uint64_t value = 0;
  // Why the stored value could not be used and the current Unix time was taken instead (to be
  // logged as a warning, protocol.md §3); empty when the stored value was raised by one.
  std::string fallback;
};

struct BootError {
  std::string message;
  int exit_code = 0;  // kExitUsage: the file holds a value the agent must not use
};

// The agent's start counter (wire `boot`), kept in STATE_DIR/boot and raised by one at every
// start, written atomically (temporary file, fsync, rename). When the stored value cannot be
// read (missing after a wipe, corrupt), the next boot is the current Unix time in seconds, which
// is above any count reached by starting once per second or slower, so receivers never see an
// older boot after a newer one. Fails when the new value cannot be stored, and when the stored
// value cannot be raised within the wire's bound (wire::kMaxCounter): going back to a smaller
// boot would make receivers ignore the node.
Expected<Boot, BootError> next_boot(const std::string& state_dir);

}  // namespace suanli::agent
