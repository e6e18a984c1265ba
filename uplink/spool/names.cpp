#include "uplink/spool/names.hpp"

#include <cstdio>

namespace suanli::spool {
namespace {

constexpr std::string_view kNamePrefix = "seg-";
constexpr std::size_t kIdDigits = 20;

}  // namespace

std::string file_name(std::uint64_t first_id, FileKind kind) {
  char digits[kIdDigits + 1];
  std::snprintf(digits, sizeof digits, "%020llu", static_cast<unsigned long long>(first_id));
  return std::string(kNamePrefix) + digits + (kind == FileKind::segment ? ".log" : ".ack");
}

std::optional<SpoolFileName> parse_file_name(std::string_view name) {
  if (name.size() != kNamePrefix.size() + kIdDigits + 4 || !name.starts_with(kNamePrefix))
    return std::nullopt;
  SpoolFileName out;
  std::string_view suffix = name.substr(kNamePrefix.size() + kIdDigits);
  if (suffix == ".log") {
    out.kind = FileKind::segment;
  } else if (suffix == ".ack") {
    out.kind = FileKind::acks;
  } else {
    return std::nullopt;
  }
  std::uint64_t id = 0;
  for (char c : name.substr(kNamePrefix.size(), kIdDigits)) {
    if (c < '0' || c > '9') return std::nullopt;
    std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (id > (UINT64_MAX - digit) / 10) return std::nullopt;
    id = id * 10 + digit;
  }
  out.first_id = id;
  return out;
}

}  // namespace suanli::spool
