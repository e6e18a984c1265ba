#include "collectors/cpu/cpu_backend.hpp"

#include <utility>

#include "collectors/backend_descriptor.hpp"
#include "collectors/cpu/cpu_model.hpp"
#include "collectors/cpu/package_device.hpp"
#include "collectors/environment.hpp"
#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors {
namespace cpu {
namespace {

std::map<int, CpuTimes> only(const std::map<int, CpuTimes>& all, const std::vector<int>& cpus) {
  std::map<int, CpuTimes> out;
  for (int cpu : cpus) {
    if (auto it = all.find(cpu); it != all.end()) out.insert(*it);
  }
  return out;
}

std::vector<int> cpus_of(const std::map<int, CpuTimes>& stat) {
  std::vector<int> cpus;
  for (const auto& [cpu, times] : stat)
    cpus.push_back(cpu);
  return cpus;
}

}  // namespace

CpuBackend::CpuBackend(std::string sysfs_root, std::string procfs_root,
                       std::optional<Isa> program_isa)
    : sysfs_root_(std::move(sysfs_root)),
      procfs_root_(std::move(procfs_root)),
      program_isa_(program_isa),
      stat_file_(procfs_root_ + "/stat") {}

std::optional<CpuBackend::Snapshot> CpuBackend::read_stat() const {
  auto text = stat_file_.read();
  if (!text) return std::nullopt;
  return parse_proc_stat(*text);
}

std::string CpuBackend::stat_unreadable() const {
  return procfs_root_ + "/stat: cannot read";
}

std::optional<std::string> CpuBackend::open() {
  if (!read_stat()) return stat_unreadable();
  return std::nullopt;
}

Expected<std::vector<DeviceInfo>> CpuBackend::discover() {
  auto stat = read_stat();
  if (!stat) return Expected<std::vector<DeviceInfo>>::failure(stat_unreadable());
  const auto online = read_online_cpus(sysfs_root_).value_or(cpus_of(*stat));
  std::vector<CpuPackage> packages = read_packages(sysfs_root_, online);
  const std::string cpuinfo = read_text(procfs_root_ + "/cpuinfo").value_or("");
  CpuModel model = describe_cpu(cpuinfo);
  if (program_isa_) model = as_seen_by(std::move(model), *program_isa_);
  std::vector<DeviceInfo> infos;
  std::vector<Snapshot> baseline;
  for (CpuPackage& package : packages) {
    package.base_clock = base_clock(package.base_clock, model.model, cpuinfo);
    infos.push_back(package_device(package, model));
    baseline.push_back(only(*stat, package.cpus));
  }
  std::lock_guard lock(mutex_);
  packages_ = std::move(packages);
  previous_ = std::move(baseline);
  return infos;
}

Reading CpuBackend::sample(std::size_t index) {
  Reading r;
  r.method = Method::cpu_time;
  const auto stat = read_stat();
  std::lock_guard lock(mutex_);
  if (index >= packages_.size()) {
    r.unhealthy = "not_found";
    r.method = Method::none;
    return r;
  }
  if (!stat) return r;
  Snapshot now = only(*stat, packages_[index].cpus);
  r.activity = busy_fraction(previous_[index], now);
  previous_[index] = std::move(now);
  return r;
}

void CpuBackend::close() {
  stat_file_.close();
  std::lock_guard lock(mutex_);
  packages_.clear();
  previous_.clear();
}

}  // namespace cpu

extern const BackendDescriptor cpu_backend{
    .spec = {.name = "cpu", .reads = "CPUs through /proc and /sys"},
    .make = [](const config::AgentConfig&,
               const config::CollectorConfig&) -> std::unique_ptr<DeviceBackend> {
      return std::make_unique<cpu::CpuBackend>(sysfs_root(), procfs_root(), cpu::program_isa());
    }};

}  // namespace suanli::collectors
