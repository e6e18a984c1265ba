#include "tests/support/fake_clock.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace suanli::test {

FakeClock::FakeClock(const TempDir& dir) : file_(dir.path() + "/faketime.rc") {
  if (library().empty()) {
    throw std::runtime_error(
        "libfaketime was not found when the build was configured: install Debian's faketime "
        "(scripts/setup.sh) and configure again");
  }
  step_by(std::chrono::seconds(0));
}

std::vector<std::string> FakeClock::env() const {
  const char* asan = std::getenv("ASAN_OPTIONS");
  std::string asan_options = asan != nullptr && *asan != '\0' ? std::string(asan) + ":" : "";
  return {"LD_PRELOAD=" + library(),
          "FAKETIME_TIMESTAMP_FILE=" + file_,
          "FAKETIME_NO_CACHE=1",
          "FAKETIME_DONT_FAKE_MONOTONIC=1",
          "DONT_FAKE_MONOTONIC=1",  // the same, for libfaketime before 0.9.10
          "ASAN_OPTIONS=" + asan_options + "verify_asan_link_order=0"};
}

void FakeClock::step_to(std::chrono::system_clock::time_point wall) {
  step_by(
      std::chrono::duration_cast<std::chrono::seconds>(wall - std::chrono::system_clock::now()));
}

// Written whole to a new file, then renamed over the old one, so that a read never sees half.
void FakeClock::step_by(std::chrono::seconds offset) {
  const std::string next = file_ + ".next";
  {
    std::ofstream out(next, std::ios::trunc);
    out << (offset.count() < 0 ? "" : "+") << offset.count() << '\n';
    if (!out) throw std::runtime_error("cannot write " + next);
  }
  if (std::rename(next.c_str(), file_.c_str()) != 0) {
    throw std::runtime_error("cannot rename " + next + " to " + file_);
  }
}

std::string FakeClock::library() {
  return SUANLI_LIBFAKETIME;
}

std::uint64_t epoch_ms(std::chrono::system_clock::time_point t) {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

}  // namespace suanli::test
