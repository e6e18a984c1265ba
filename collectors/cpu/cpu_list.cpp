#include "collectors/cpu/cpu_list.hpp"

#include <algorithm>
#include <cstdint>

#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::cpu {
namespace {

constexpr std::uint64_t kMaxCpu = 1 << 20;

}  // namespace

std::optional<std::vector<int>> parse_cpu_list(std::string_view text) {
  std::vector<int> cpus;
  for (std::string_view range : split(trim(text), ',')) {
    const auto dash = range.find('-');
    const auto first = parse_u64(range.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : parse_u64(range.substr(dash + 1));
    if (!first || !last || *first > *last || *last > kMaxCpu) return std::nullopt;
    for (auto n = *first; n <= *last; ++n)
      cpus.push_back(static_cast<int>(n));
  }
  std::sort(cpus.begin(), cpus.end());
  cpus.erase(std::unique(cpus.begin(), cpus.end()), cpus.end());
  return cpus;
}

}  // namespace suanli::collectors::cpu
