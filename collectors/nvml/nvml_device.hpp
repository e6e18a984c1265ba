#pragma once

#include <memory>

#include "collectors/device_backend.hpp"
#include "collectors/nvml/nvml_abi.hpp"
#include "collectors/nvml/nvml_gpm.hpp"

namespace suanli::collectors::nvml {

// One device of discover(): what it reported, and what sample() needs to read it again.
struct NvmlDevice {
  DeviceInfo info;
  DeviceHandle handle = nullptr;
  bool mig = false;  // a MIG device: clocks, power and temperature belong to its parent
  std::unique_ptr<GpmSampler> gpm;  // null when the device has no GPM
};

}  // namespace suanli::collectors::nvml
