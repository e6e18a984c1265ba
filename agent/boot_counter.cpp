#include "agent/boot_counter.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/program.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::agent {
namespace {

std::string failure(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

// The stored text, without trailing white space, or why there is none.
Expected<std::string> read_boot_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return Expected<std::string>::failure(errno == ENOENT ? "there is no " + path
                                                          : failure("cannot read", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  return s;
}

enum class Stored { number, too_large, not_a_number };

Stored parse_boot(const std::string& s, std::uint64_t& value) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || end != s.data() + s.size()) return Stored::not_a_number;
  if (ec == std::errc::result_out_of_range) return Stored::too_large;
  if (ec != std::errc()) return Stored::not_a_number;
  return value >= wire::kMaxCounter ? Stored::too_large : Stored::number;
}

std::uint64_t unix_seconds() {
  using namespace std::chrono;
  return static_cast<std::uint64_t>(
      duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

}  // namespace

Expected<Boot, BootError> next_boot(const std::string& state_dir) {
  using Result = Expected<Boot, BootError>;
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  if (ec)
    return Result::failure({"cannot create " + state_dir + ": " + ec.message(), kExitFailure});
  const std::string path = state_dir + "/boot";
  const std::string tmp = path + ".tmp";
  Boot boot;
  auto text = read_boot_text(path);
  std::uint64_t stored = 0;
  Stored kind = text ? parse_boot(*text, stored) : Stored::not_a_number;
  if (kind == Stored::too_large) {
    return Result::failure({path + " holds " + text->substr(0, 40) +
                                ", which cannot be raised: a boot must stay at or below 2^53 (" +
                                std::to_string(wire::kMaxCounter) +
                                "). Remove the file to start again from the current Unix time",
                            kExitUsage});
  }
  if (kind == Stored::number) {
    boot.value = stored + 1;
  } else {
    boot.value = unix_seconds();
    boot.fallback = text ? path + " does not hold a number" : text.error();
  }

  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return Result::failure({failure("cannot write", tmp), kExitFailure});
  std::string line = std::to_string(boot.value) + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  errno = saved;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    return Result::failure({failure("cannot write", path), kExitFailure});
  }
  return boot;
}

}  // namespace suanli::agent
