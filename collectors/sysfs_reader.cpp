#include "collectors/sysfs_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <filesystem>
#include <system_error>

namespace suanli::collectors {

std::optional<std::string> read_text(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  auto text = read_whole(fd);
  ::close(fd);
  return text;
}

// With pread(2), not an ifstream: the agent reads /proc/stat every sample (KeptFile), and a
// stream's locale, buffer and sentries cost more than the read itself.
std::optional<std::string> read_whole(int fd, std::size_t size_hint) {
  std::string text(std::max<std::size_t>(4096, size_hint), '\0');
  std::size_t size = 0;
  ssize_t got = 0;
  do {
    if (text.size() - size < 1024) text.resize(text.size() * 2);
    got = ::pread(fd, text.data() + size, text.size() - size, static_cast<off_t>(size));
    if (got > 0) size += static_cast<std::size_t>(got);
  } while (got > 0 || (got < 0 && errno == EINTR));
  if (got < 0) return std::nullopt;
  text.resize(size);
  return text;
}

std::optional<std::string> read_line(const std::string& path) {
  auto text = read_text(path);
  if (!text) return std::nullopt;
  std::string_view view = *text;
  return std::string(trim(view.substr(0, view.find('\n'))));
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

template <class T>
std::optional<T> parse_number(std::string_view text) {
  text = trim(text);
  int base = 10;
  if (text.starts_with("0x") || text.starts_with("0X")) {
    text.remove_prefix(2);
    base = 16;
  }
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_u64(std::string_view text) {
  return parse_number<std::uint64_t>(text);
}

std::optional<std::int64_t> parse_i64(std::string_view text) {
  return parse_number<std::int64_t>(text);
}

std::optional<std::uint64_t> read_u64(const std::string& path) {
  auto line = read_line(path);
  return line ? parse_u64(*line) : std::nullopt;
}

std::optional<std::int64_t> read_i64(const std::string& path) {
  auto line = read_line(path);
  return line ? parse_i64(*line) : std::nullopt;
}

std::vector<std::string> list_dir(const std::string& path) {
  std::vector<std::string> names;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool is_directory(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  while (!text.empty()) {
    const auto at = text.find(separator);
    pieces.push_back(text.substr(0, at));
    text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
  }
  return pieces;
}

std::optional<std::string_view> find_field(std::string_view text, std::string_view key,
                                           char separator) {
  for (std::string_view line : split(text, '\n')) {
    const auto sep = line.find(separator);
    if (sep != std::string_view::npos && trim(line.substr(0, sep)) == key) {
      return trim(line.substr(sep + 1));
    }
  }
  return std::nullopt;
}

std::string format_hex(std::uint64_t value, int width) {
  char digits[16];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value, 16);
  std::string out(digits, ec == std::errc() ? end : digits);
  if (static_cast<int>(out.size()) < width) out.insert(0, width - out.size(), '0');
  return out;
}

std::optional<std::uint64_t> numbered_suffix(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix)) return std::nullopt;
  name.remove_prefix(prefix.size());
  if (name.empty() || name.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return parse_u64(name);
}

}  // namespace suanli::collectors
