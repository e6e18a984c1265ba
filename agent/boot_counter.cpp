#include "agent/boot_counter.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace suanli::agent {
namespace {

std::optional<std::uint64_t> read_boot(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

std::uint64_t unix_seconds() {
  using namespace std::chrono;
  return static_cast<std::uint64_t>(
      duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

std::string failure(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

}  // namespace

Expected<std::uint64_t> next_boot(const std::string& state_dir) {
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  if (ec)
    return Expected<std::uint64_t>::failure("cannot create " + state_dir + ": " + ec.message());
  const std::string path = state_dir + "/boot";
  const std::string tmp = path + ".tmp";
  auto stored = read_boot(path);
  std::uint64_t boot = stored ? *stored + 1 : unix_seconds();

  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return Expected<std::uint64_t>::failure(failure("cannot write", tmp));
  std::string text = std::to_string(boot) + "\n";
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  int saved = errno;
  ::close(fd);
  errno = saved;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    return Expected<std::uint64_t>::failure(failure("cannot write", path));
  }
  return boot;
}

}  // namespace suanli::agent
