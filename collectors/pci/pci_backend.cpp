#include "collectors/pci/pci_backend.hpp"

#include <utility>

#include "collectors/backend_descriptor.hpp"
#include "collectors/environment.hpp"
#include "collectors/pci/pci_scan.hpp"
#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors {
namespace pci {

PciBackend::PciBackend(std::string sysfs_root) : sysfs_root_(std::move(sysfs_root)) {}

std::optional<std::string> PciBackend::open() {
  if (find_accelerators(sysfs_root_).empty()) {
    return "no accelerator under " + sysfs_root_ + "/bus/pci/devices";
  }
  return std::nullopt;
}

Expected<std::vector<DeviceInfo>> PciBackend::discover() {
  std::vector<DeviceInfo> infos;
  std::vector<std::string> dirs;
  for (const PciFunction& function : find_accelerators(sysfs_root_)) {
    infos.push_back(describe_function(function));
    dirs.push_back(function.dir);
  }
  dirs_.set(std::move(dirs));
  return infos;
}

Reading PciBackend::sample(std::size_t index) {
  const auto dir = dirs_.at(index);
  Reading r;
  if (!dir || !read_u64(*dir + "/vendor")) r.unhealthy = "not_found";
  return r;
}

void PciBackend::close() {
  dirs_.clear();
}

}  // namespace pci

extern const BackendDescriptor pci_backend{
    .spec = {.name = "pci",
             .reads = "Accelerators on the PCI bus that no other backend reads, by identity "
                      "only (peak unknown, nothing measured)"},
    .make = [](const config::AgentConfig&,
               const config::CollectorConfig&) -> std::unique_ptr<DeviceBackend> {
      return std::make_unique<pci::PciBackend>(sysfs_root());
    },
    .lists_unclaimed_only = true};

}  // namespace suanli::collectors
