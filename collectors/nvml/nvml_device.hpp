#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
  // Set for a GPU known from an earlier discovery that NVML no longer describes (GPU_IS_LOST,
  // ...): its earlier description stands, and sample() reports this reason without a call.
  std::optional<std::string> unreachable;
};

// The GPUs described so far, by NVML index: each one's DeviceInfo and its MIG devices'.
using KnownGpus = std::map<unsigned, std::vector<DeviceInfo>>;

}  // namespace suanli::collectors::nvml
