#include "collectors/amd/dpm_clocks.hpp"

#include <algorithm>

#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::amd {
namespace {

// "1: 1700Mhz *" -> 1700
std::optional<double> level_mhz(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view value = trim(line.substr(colon + 1));
  value = value.substr(0, value.find_first_not_of("0123456789"));
  const auto mhz = parse_u64(value);
  if (!mhz) return std::nullopt;
  return static_cast<double>(*mhz);
}

}  // namespace

DpmClocks parse_dpm_clocks(std::string_view text) {
  DpmClocks out;
  for (std::string_view line : split(text, '\n')) {
    const auto mhz = level_mhz(line);
    if (!mhz) continue;
    out.max_mhz = std::max(out.max_mhz.value_or(0.0), *mhz);
    if (line.find('*') != std::string_view::npos) out.current_mhz = mhz;
  }
  return out;
}

}  // namespace suanli::collectors::amd
