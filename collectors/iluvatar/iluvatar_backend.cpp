#include "collectors/backend_descriptor.hpp"
#include "collectors/nvml/nvml_flavor.hpp"

namespace suanli::collectors {
namespace {

// IXML exports NVML's names with NVML's layouts (README.md); its compute capability is a CUDA
// compatibility level, not an NVIDIA architecture, and its power may come in watts.
const nvml::Flavor& iluvatar_flavor() {
  static const nvml::Flavor flavor{.backend = "iluvatar",
                                   .vendor = "Iluvatar",
                                   .library_env = "SUANLI_IXML_LIBRARY",
                                   .libraries = {"libixml.so", "/usr/local/corex/lib64/libixml.so",
                                                 "/usr/local/corex/lib/libixml.so"},
                                   .nvidia_architecture = false,
                                   .power_maybe_watts = true};
  return flavor;
}

}  // namespace

extern const BackendDescriptor iluvatar_backend{
    .spec = {.name = "iluvatar",
             .reads = "Iluvatar CoreX GPUs through IXML",
             .library_doc = "Path of libixml.so (default: the loader's search, then "
                            "/usr/local/corex/lib64 and /usr/local/corex/lib; env "
                            "SUANLI_IXML_LIBRARY)."},
    .make = [](const config::AgentConfig&,
               const config::CollectorConfig& own) -> std::unique_ptr<DeviceBackend> {
      return nvml::make_nvml_backend(iluvatar_flavor(), own.library);
    }};

}  // namespace suanli::collectors
