#pragma once

#include <optional>
#include <string>
#include <vector>

#include "collectors/device_backend.hpp"
#include "collectors/device_dirs.hpp"

namespace suanli::collectors::pci {

// The accelerators on the PCI bus under `sysfs_root`, by identity only (docs/devices.md,
// "Unclaimed PCI accelerators"): so that a card no vendor backend reads is still counted, as a
// device whose peak is unknown. Its descriptor lists only the devices no other backend claims.
class PciBackend final : public DeviceBackend {
 public:
  explicit PciBackend(std::string sysfs_root);

  std::optional<std::string> open() override;  // fails when the bus has no accelerator
  Expected<std::vector<DeviceInfo>> discover() override;
  // Nothing is measured (method none, healthy); "not_found" once the function left the bus.
  Reading sample(std::size_t index) override;
  void close() override;

 private:
  const std::string sysfs_root_;
  DeviceDirs dirs_;
};

}  // namespace suanli::collectors::pci
