#pragma once

#include <cstdint>
#include <optional>

#include "collectors/device_backend.hpp"
#include "collectors/nvml/nvml_api.hpp"
#include "collectors/nvml/nvml_device.hpp"
#include "collectors/nvml/nvml_probe.hpp"

namespace suanli::collectors::nvml {

struct MemoryReading {
  std::uint64_t total = 0;
  std::uint64_t used = 0;
};

// nvmlDeviceGetMemoryInfo_v2 (used = allocated), else the plain call (used includes the
// driver's reservation). Nothing when both fail or total is 0 (unified memory).
std::optional<MemoryReading> read_memory(const Api& api, DeviceHandle device, Probe& probe);

struct Sampled {
  Reading reading;
  bool driver_error = false;  // NVML must be opened again
};

// One sample of `device`. Utilization is read first: a device's sample starts with it.
Sampled read_device(const Api& api, const NvmlDevice& device);

}  // namespace suanli::collectors::nvml
