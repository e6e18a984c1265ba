#include "collectors/amd/amd_backend.hpp"

#include <utility>

#include "collectors/amd/amdgpu_reading.hpp"
#include "collectors/amd/kfd_topology.hpp"
#include "collectors/backend_descriptor.hpp"
#include "collectors/environment.hpp"

namespace suanli::collectors {
namespace amd {

AmdBackend::AmdBackend(std::string sysfs_root, const AmdgpuVendor& vendor)
    : sysfs_root_(std::move(sysfs_root)), vendor_(vendor) {}

std::optional<std::string> AmdBackend::open() {
  if (find_amdgpu_cards(sysfs_root_, vendor_).empty()) {
    return "no amdgpu device of " + std::string(vendor_.name) + " under " + sysfs_root_ +
           "/class/drm";
  }
  return std::nullopt;
}

Expected<std::vector<DeviceInfo>> AmdBackend::discover() {
  const std::vector<AmdgpuCard> cards = find_amdgpu_cards(sysfs_root_, vendor_);
  const std::vector<KfdGpuNode> kfd_nodes = read_kfd_gpu_nodes(sysfs_root_);
  std::vector<DeviceInfo> infos;
  std::vector<std::string> dirs;
  for (const AmdgpuCard& card : cards) {
    infos.push_back(describe_card(card, kfd_nodes, vendor_));
    dirs.push_back(card.device_dir);
  }
  device_dirs_.set(std::move(dirs));
  return infos;
}

Reading AmdBackend::sample(std::size_t index) {
  const auto dir = device_dirs_.at(index);
  if (!dir) {
    Reading r;
    r.unhealthy = "not_found";
    return r;
  }
  return read_amdgpu(*dir);
}

void AmdBackend::close() {
  device_dirs_.clear();
}

}  // namespace amd

extern const BackendDescriptor amd_backend{
    .spec = {.name = "amd", .reads = "AMD GPUs through amdgpu sysfs and the KFD topology"},
    .make = [](const config::AgentConfig&,
               const config::CollectorConfig&) -> std::unique_ptr<DeviceBackend> {
      return std::make_unique<amd::AmdBackend>(sysfs_root());
    }};

}  // namespace suanli::collectors
