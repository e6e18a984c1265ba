#include "collectors/cpu/proc_stat.hpp"

#include <array>
#include <charconv>
#include <cstddef>
#include <string>
#include <system_error>

#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::cpu {
namespace {

// Column order of a cpu line: user nice system idle iowait irq softirq steal guest guest_nice.
enum Column { kUser, kNice, kSystem, kIdle, kIowait, kIrq, kSoftirq, kSteal, kColumns };

std::optional<std::pair<int, CpuTimes>> parse_line(std::string_view line) {
  if (!line.starts_with("cpu")) return std::nullopt;
  const auto space = line.find(' ');
  const auto cpu = numbered_suffix(line.substr(0, space), "cpu");
  if (!cpu || space == std::string_view::npos) return std::nullopt;
  std::array<std::uint64_t, kColumns> v{};
  std::size_t read = 0;
  const char* at = line.data() + space;
  const char* end = line.data() + line.size();
  while (read < v.size()) {
    while (at < end && (*at == ' ' || *at == '\t'))
      ++at;
    const auto [next, error] = std::from_chars(at, end, v[read]);
    if (error != std::errc{}) break;
    at = next;
    ++read;
  }
  if (read <= kIdle) return std::nullopt;  // iowait and later came with Linux 2.5
  CpuTimes t;
  t.busy = v[kUser] + v[kNice] + v[kSystem] + v[kIrq] + v[kSoftirq] + v[kSteal];
  t.idle = v[kIdle] + v[kIowait];
  return std::pair{static_cast<int>(*cpu), t};
}

}  // namespace

std::map<int, CpuTimes> parse_proc_stat(std::string_view text) {
  std::map<int, CpuTimes> out;
  for (std::string_view line : split(text, '\n')) {
    if (auto parsed = parse_line(line)) out.insert(*parsed);
  }
  return out;
}

std::optional<double> busy_fraction(const std::map<int, CpuTimes>& before,
                                    const std::map<int, CpuTimes>& after) {
  std::uint64_t busy = 0;
  std::uint64_t total = 0;
  for (const auto& [cpu, was] : before) {
    const auto now = after.find(cpu);
    if (now == after.end()) continue;
    if (now->second.busy < was.busy || now->second.idle < was.idle) return std::nullopt;
    busy += now->second.busy - was.busy;
    total += (now->second.busy - was.busy) + (now->second.idle - was.idle);
  }
  if (total == 0) return std::nullopt;
  return static_cast<double>(busy) / static_cast<double>(total);
}

}  // namespace suanli::collectors::cpu
