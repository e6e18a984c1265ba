#pragma once

#include <string>

#include "collectors/device_backend.hpp"

namespace suanli::collectors::amd {

// The dynamic readings of the card whose PCI device directory is `device_dir`:
// gpu_busy_percent (method busy_time), VRAM, current sclk, hwmon power, cap and temperature.
// A missing file leaves its reading absent; a card whose directory is gone is unhealthy
// "not_found".
Reading read_amdgpu(const std::string& device_dir);

}  // namespace suanli::collectors::amd
