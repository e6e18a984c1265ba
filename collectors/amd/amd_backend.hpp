#pragma once

#include <optional>
#include <string>
#include <vector>

#include "collectors/amd/amdgpu_card.hpp"
#include "collectors/device_backend.hpp"
#include "collectors/device_dirs.hpp"

namespace suanli::collectors::amd {

// The accelerators of `vendor` (AMD GPUs, Hygon DCUs) through the amdgpu sysfs under `sysfs_root`
// (docs/vendor-apis.md, "amdgpu sysfs"): no ROCm library is needed. amdsmi (dlopen) is not used:
// sysfs gives every reading this agent sends.
class AmdBackend final : public DeviceBackend {
 public:
  explicit AmdBackend(std::string sysfs_root, const AmdgpuVendor& vendor = kAmdVendor);

  std::optional<std::string> open() override;  // fails when no card of the vendor is present
  Expected<std::vector<DeviceInfo>> discover() override;
  Reading sample(std::size_t index) override;
  void close() override;

 private:
  const std::string sysfs_root_;
  const AmdgpuVendor& vendor_;
  DeviceDirs device_dirs_;
};

}  // namespace suanli::collectors::amd
