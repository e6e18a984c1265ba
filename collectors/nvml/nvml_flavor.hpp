#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/device_backend.hpp"

namespace suanli::collectors::nvml {

// How a library that speaks NVML (NVIDIA's, or a vendor's with the same names and layouts, such
// as Iluvatar's IXML) departs from NVIDIA's.
struct Flavor {
  std::string_view backend;  // the backend's name; a device without a UUID is "<backend>-<bus id>"
  std::string_view vendor;   // DeviceDescription::vendor
  const char* library_env;  // the environment variable naming the library, e.g. SUANLI_NVML_LIBRARY
  std::vector<std::string> libraries;  // where to look when neither it nor the config says
  // The CUDA compute capability names an NVIDIA architecture (and so the CUDA cores per SM).
  bool nvidia_architecture = true;
  // nvmlDeviceGetPowerUsage and the power limit: milliwatts (NVIDIA's header), or either watts or
  // milliwatts (IXML; see collectors/iluvatar/README.md), told apart by size.
  bool power_maybe_watts = false;
};

// NVIDIA GPUs through libnvidia-ml.so.1.
const Flavor& nvidia_flavor();

// A backend reading the devices of `flavor`'s library; `configured` is its library path from the
// config.
std::unique_ptr<DeviceBackend> make_nvml_backend(const Flavor& flavor,
                                                 std::optional<std::string> configured);

}  // namespace suanli::collectors::nvml
