#pragma once

#include <cstdint>
#include <string>

#include "config/expected.hpp"

namespace suanli::agent {

// The agent's start counter (wire `boot`), kept in STATE_DIR/boot and raised by one at every
// start, written atomically (temporary file, fsync, rename). When the stored value cannot be
// read (missing after a wipe, corrupt), the next boot is the current Unix time in seconds, which
// is above any count reached by starting once per second or slower, so receivers never see an
// older boot after a newer one. Fails only when the new value cannot be stored.
Expected<std::uint64_t> next_boot(const std::string& state_dir);

}  // namespace suanli::agent
