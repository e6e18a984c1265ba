#pragma once

#include <memory>
#include <vector>

#include "collectors/nvml/nvml_api.hpp"
#include "collectors/nvml/nvml_device.hpp"
#include "config/expected.hpp"

namespace suanli::collectors::nvml {

// Every GPU, each followed by its MIG devices (docs/vendor-apis.md, "NVML MIG enumeration");
// one entry per UUID.
// Driver-wide errors fail the whole enumeration. A GPU that fails with a device fault (lost,
// reset required, ...) while it is described keeps its entries from `known`, marked
// unreachable, so that installed capacity does not vanish with a lost GPU; one not known before
// is left out when it has no handle. `known` becomes what this enumeration described.
Expected<std::vector<NvmlDevice>> enumerate(const std::shared_ptr<const Api>& api,
                                            KnownGpus& known);

}  // namespace suanli::collectors::nvml
