#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "collectors/cpu/cpu_model.hpp"
#include "collectors/cpu/proc_stat.hpp"
#include "collectors/cpu/topology.hpp"
#include "collectors/device_backend.hpp"
#include "collectors/kept_file.hpp"

namespace suanli::collectors::cpu {

// The CPUs of this node, one device per physical package, from /proc and /sys under the given
// roots. Activity is the busy share of the package's CPU time since the device's previous
// sample (method cpu_time). With `program_isa` set, a cpuinfo of another instruction set
// (user-mode emulation) leaves the peak unknown (as_seen_by).
class CpuBackend final : public DeviceBackend {
 public:
  CpuBackend(std::string sysfs_root, std::string procfs_root,
             std::optional<Isa> program_isa = std::nullopt);

  std::optional<std::string> open() override;  // fails only when /proc/stat cannot be read
  Expected<std::vector<DeviceInfo>> discover() override;
  Reading sample(std::size_t index) override;
  void close() override;

 private:
  using Snapshot = std::map<int, CpuTimes>;
  std::optional<Snapshot> read_stat() const;
  std::string stat_unreadable() const;

  const std::string sysfs_root_;
  const std::string procfs_root_;
  const std::optional<Isa> program_isa_;
  mutable KeptFile stat_file_;  // procfs_root_/stat, open from the first read to close()
  std::mutex mutex_;
  std::vector<CpuPackage> packages_;
  std::vector<Snapshot> previous_;  // per package: its CPUs' counters at the last sample
};

}  // namespace suanli::collectors::cpu
