#pragma once

#include <optional>
#include <string>
#include <vector>

#include "collectors/cpu/base_clock.hpp"

namespace suanli::collectors::cpu {

// The online CPUs of one physical package (socket).
struct CpuPackage {
  int id = 0;             // physical_package_id; 0 when the topology is missing
  std::vector<int> cpus;  // online logical CPUs, ascending
  // Physical cores: distinct (die_id, core_id) among the online CPUs, so SMT siblings count
  // once (they share the FMA units); the logical CPU count when core_id is missing.
  int cores = 0;
  std::optional<double> max_clock_mhz;  // highest cpufreq cpuinfo_max_freq; absent in most VMs
  // The clock its peak is derived at (base_clock.hpp): from sysfs here, from /proc/cpuinfo by
  // the backend when sysfs has none.
  std::optional<BaseClock> base_clock;
};

// The online CPUs (/sys/devices/system/cpu/online under `sysfs_root`); nullopt when missing.
std::optional<std::vector<int>> read_online_cpus(const std::string& sysfs_root);

// Groups `online` by physical_package_id, ascending. When any CPU has no package id (missing
// topology, or -1 without firmware tables) all of them form one package 0.
std::vector<CpuPackage> read_packages(const std::string& sysfs_root,
                                      const std::vector<int>& online);

}  // namespace suanli::collectors::cpu
