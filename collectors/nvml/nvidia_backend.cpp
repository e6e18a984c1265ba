#include "collectors/backend_descriptor.hpp"
#include "collectors/nvml/nvml_flavor.hpp"

namespace suanli::collectors {
namespace nvml {

const Flavor& nvidia_flavor() {
  static const Flavor flavor{.backend = "nvml",
                             .vendor = "NVIDIA",
                             .library_env = "SUANLI_NVML_LIBRARY",
                             .libraries = {"libnvidia-ml.so.1"}};
  return flavor;
}

}  // namespace nvml

extern const BackendDescriptor nvml_backend{
    .spec = {.name = "nvml",
             .reads = "NVIDIA GPUs through NVML",
             .library_doc = "Path of libnvidia-ml.so.1 (default: the loader's search; env "
                            "SUANLI_NVML_LIBRARY)."},
    .make = [](const config::AgentConfig&,
               const config::CollectorConfig& own) -> std::unique_ptr<DeviceBackend> {
      return nvml::make_nvml_backend(nvml::nvidia_flavor(), own.library);
    }};

}  // namespace suanli::collectors
