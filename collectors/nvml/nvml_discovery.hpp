#pragma once

#include <memory>
#include <vector>

#include "collectors/nvml/nvml_api.hpp"
#include "collectors/nvml/nvml_device.hpp"
#include "config/expected.hpp"

namespace suanli::collectors::nvml {

// Every GPU, each followed by its MIG devices (device-apis.md §1.8); one entry per UUID. A GPU
// whose handle cannot be had is left out; driver-wide errors fail the whole enumeration.
Expected<std::vector<NvmlDevice>> enumerate(const std::shared_ptr<const Api>& api);

}  // namespace suanli::collectors::nvml
