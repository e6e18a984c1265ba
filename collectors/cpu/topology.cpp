#include "collectors/cpu/topology.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "collectors/cpu/cpu_list.hpp"
#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::cpu {
namespace {

std::string cpu_dir(const std::string& sysfs_root, int cpu) {
  return sysfs_root + "/devices/system/cpu/cpu" + std::to_string(cpu);
}

std::optional<std::int64_t> topology_value(const std::string& sysfs_root, int cpu,
                                           const char* name) {
  auto value = read_i64(cpu_dir(sysfs_root, cpu) + "/topology/" + name);
  if (value && *value < 0) return std::nullopt;
  return value;
}

int count_cores(const std::string& sysfs_root, const std::vector<int>& cpus) {
  std::set<std::pair<std::int64_t, std::int64_t>> cores;
  for (int cpu : cpus) {
    const auto core = topology_value(sysfs_root, cpu, "core_id");
    if (!core) return static_cast<int>(cpus.size());
    cores.emplace(topology_value(sysfs_root, cpu, "die_id").value_or(0), *core);
  }
  return static_cast<int>(cores.size());
}

std::optional<double> max_clock_mhz(const std::string& sysfs_root, const std::vector<int>& cpus) {
  std::optional<double> best;
  for (int cpu : cpus) {
    const auto khz = read_u64(cpu_dir(sysfs_root, cpu) + "/cpufreq/cpuinfo_max_freq");
    if (khz && *khz > 0) best = std::max(best.value_or(0.0), static_cast<double>(*khz) / 1000.0);
  }
  return best;
}

std::map<int, std::vector<int>> group_by_package(const std::string& sysfs_root,
                                                 const std::vector<int>& online) {
  std::map<int, std::vector<int>> groups;
  for (int cpu : online) {
    const auto package = topology_value(sysfs_root, cpu, "physical_package_id");
    if (!package) return {{0, online}};
    groups[static_cast<int>(*package)].push_back(cpu);
  }
  return groups;
}

}  // namespace

std::optional<std::vector<int>> read_online_cpus(const std::string& sysfs_root) {
  auto text = read_text(sysfs_root + "/devices/system/cpu/online");
  return text ? parse_cpu_list(*text) : std::nullopt;
}

std::vector<CpuPackage> read_packages(const std::string& sysfs_root,
                                      const std::vector<int>& online) {
  std::vector<CpuPackage> out;
  if (online.empty()) return out;
  for (auto& [id, cpus] : group_by_package(sysfs_root, online)) {
    CpuPackage p;
    p.id = id;
    p.cores = count_cores(sysfs_root, cpus);
    p.max_clock_mhz = max_clock_mhz(sysfs_root, cpus);
    p.base_clock = sysfs_base_clock(sysfs_root, cpus);
    p.cpus = std::move(cpus);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace suanli::collectors::cpu
