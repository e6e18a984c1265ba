#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace suanli::collectors {

// CPU time granted by a cgroup v2 `cpu.max` ("250000 100000" -> 2.5 CPUs); nullopt for
// "max 100000" (no limit) and malformed text.
std::optional<double> parse_cpu_max(std::string_view text);

// The CPU time this process may use, in CPUs, when a cgroup limits it: the tightest `cpu.max`
// from its own cgroup (the "0::PATH" line of procfs_root/self/cgroup) up to the root of
// sysfs_root/fs/cgroup, else cgroup v1 cpu.cfs_quota_us / cpu.cfs_period_us at the cpu
// controller's mount root. Nullopt when unlimited or unknown. A limit does not change the peak
// (that is the hardware's); it says how much of it a containerised agent's host could use.
std::optional<double> cgroup_cpu_limit(const std::string& sysfs_root,
                                       const std::string& procfs_root);

}  // namespace suanli::collectors
