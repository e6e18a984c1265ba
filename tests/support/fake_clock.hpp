#pragma once

// A child process whose wall clock the test steps while it runs, as NTP or `date -s` step a real
// one: libfaketime (Debian's faketime) preloaded, reading its offset from a file the test
// rewrites (FAKETIME_TIMESTAMP_FILE, read on every call with FAKETIME_NO_CACHE). The monotonic
// clock is left alone (FAKETIME_DONT_FAKE_MONOTONIC), since a real step only moves the wall clock.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/process.hpp"

namespace suanli::test {

class FakeClock {
 public:
  // The clock file in `dir`, reading the real time.
  explicit FakeClock(const TempDir& dir);

  // NAME=value entries for BackgroundProcess: the preload, the clock file, and ASan told not to
  // insist on coming first in the preload list (a sanitized build's runtime is linked in).
  std::vector<std::string> env() const;

  // From now on the process reads `wall`: a step from wherever its clock was.
  void step_to(std::chrono::system_clock::time_point wall);
  // From now on the process reads the real time plus `offset`.
  void step_by(std::chrono::seconds offset);

  // The preloaded library, found when the build was configured; empty when it was not.
  static std::string library();

 private:
  std::string file_;
};

// Milliseconds since the Unix epoch of `t`.
std::uint64_t epoch_ms(std::chrono::system_clock::time_point t);

}  // namespace suanli::test
