#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

namespace suanli::collectors::cpu {

// One CPU's time counters from /proc/stat, in USER_HZ ticks (docs/vendor-apis.md, "CPUs:
// /proc/stat").
struct CpuTimes {
  std::uint64_t busy = 0;  // user + nice + system + irq + softirq + steal (guest is in user)
  std::uint64_t idle = 0;  // idle + iowait
};

// The per-CPU lines of /proc/stat ("cpu3 ..."), keyed by CPU number; the "cpu" total line and
// malformed lines are skipped.
std::map<int, CpuTimes> parse_proc_stat(std::string_view text);

// The busy fraction of the CPUs of `before` between two snapshots, over the CPUs present in
// both. Nullopt when no time passed or a counter went backwards (hotplug, iowait jump-back).
std::optional<double> busy_fraction(const std::map<int, CpuTimes>& before,
                                    const std::map<int, CpuTimes>& after);

}  // namespace suanli::collectors::cpu
