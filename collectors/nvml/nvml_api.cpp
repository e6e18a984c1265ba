#include "collectors/nvml/nvml_api.hpp"

#include <initializer_list>
#include <optional>

namespace suanli::collectors::nvml {
namespace {

// Resolves symbols from one library and remembers the first required one it could not find.
class Resolver {
 public:
  explicit Resolver(const DynamicLibrary& library) : library_(library) {}

  template <class F>
  F* required(std::initializer_list<const char*> names) {
    F* fn = library_.symbol<F>(names);
    if (!fn && !missing_) missing_ = *names.begin();
    return fn;
  }

  template <class F>
  F* optional(std::initializer_list<const char*> names) const {
    return library_.symbol<F>(names);
  }

  const std::optional<std::string>& missing() const { return missing_; }

 private:
  const DynamicLibrary& library_;
  std::optional<std::string> missing_;
};

}  // namespace

std::string Api::describe(Return code) const {
  const char* text = error_string(code);
  return text ? text : "NVML error " + std::to_string(static_cast<int>(code));
}

double Api::watts(unsigned value) const {
  // Below 1000 a reading cannot be milliwatts of a powered accelerator (nvtop,
  // src/extract_gpuinfo_ixml.c, reads IXML so).
  if (flavor->power_maybe_watts && value < 1000) return value;
  return value / 1000.0;
}

Expected<std::shared_ptr<const Api>> load_api(const std::vector<std::string>& paths,
                                              const Flavor& flavor) {
  auto library = DynamicLibrary::open_first(paths);
  if (!library) return Expected<std::shared_ptr<const Api>>::failure(library.error());
  const std::string path = library.value()->path();
  auto api = std::make_shared<Api>();
  api->library = library.value();
  api->flavor = &flavor;
  Resolver r(*api->library);

  api->init = r.required<InitFn>({"nvmlInit_v2", "nvmlInit"});
  api->shutdown = r.required<ShutdownFn>({"nvmlShutdown"});
  api->error_string = r.required<ErrorStringFn>({"nvmlErrorString"});
  api->device_count = r.required<DeviceGetCountFn>({"nvmlDeviceGetCount_v2", "nvmlDeviceGetCount"});
  api->handle_by_index = r.required<DeviceGetHandleByIndexFn>(
      {"nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex"});
  api->name = r.required<DeviceGetStringFn>({"nvmlDeviceGetName"});
  api->uuid = r.required<DeviceGetStringFn>({"nvmlDeviceGetUUID"});
  api->pci_info = r.required<DeviceGetPciInfoFn>(
      {"nvmlDeviceGetPciInfo_v3", "nvmlDeviceGetPciInfo_v2", "nvmlDeviceGetPciInfo"});
  api->memory_info = r.required<DeviceGetMemoryInfoFn>({"nvmlDeviceGetMemoryInfo"});
  api->utilization = r.required<DeviceGetUtilizationRatesFn>({"nvmlDeviceGetUtilizationRates"});
  if (r.missing()) {
    return Expected<std::shared_ptr<const Api>>::failure(
        path + ": required NVML symbol " + *r.missing() +
        " not found (not an NVML library, or one too old)");
  }

  api->memory_info_v2 = r.optional<DeviceGetMemoryInfoV2Fn>({"nvmlDeviceGetMemoryInfo_v2"});
  api->clock_info = r.optional<DeviceGetClockFn>({"nvmlDeviceGetClockInfo"});
  api->max_clock_info = r.optional<DeviceGetClockFn>({"nvmlDeviceGetMaxClockInfo"});
  api->power_usage = r.optional<DeviceGetUintFn>({"nvmlDeviceGetPowerUsage"});
  api->enforced_power_limit = r.optional<DeviceGetUintFn>({"nvmlDeviceGetEnforcedPowerLimit"});
  api->temperature = r.optional<DeviceGetTemperatureFn>({"nvmlDeviceGetTemperature"});
  api->temperature_v = r.optional<DeviceGetTemperatureVFn>({"nvmlDeviceGetTemperatureV"});
  api->compute_capability =
      r.optional<DeviceGetComputeCapabilityFn>({"nvmlDeviceGetCudaComputeCapability"});
  api->num_gpu_cores = r.optional<DeviceGetUintFn>({"nvmlDeviceGetNumGpuCores"});
  api->mig_mode = r.optional<DeviceGetMigModeFn>({"nvmlDeviceGetMigMode"});
  api->max_mig_device_count = r.optional<DeviceGetUintFn>({"nvmlDeviceGetMaxMigDeviceCount"});
  api->mig_handle_by_index =
      r.optional<DeviceGetMigDeviceHandleByIndexFn>({"nvmlDeviceGetMigDeviceHandleByIndex"});
  // Only _v2 is used: it is the entry point documented for MIG device handles.
  api->attributes = r.optional<DeviceGetAttributesFn>({"nvmlDeviceGetAttributes_v2"});
  api->gpu_instance_profile_info =
      r.optional<DeviceGetGpuInstanceProfileInfoFn>({"nvmlDeviceGetGpuInstanceProfileInfo"});
  api->total_ecc_errors = r.optional<DeviceGetTotalEccErrorsFn>({"nvmlDeviceGetTotalEccErrors"});
  api->remapped_rows = r.optional<DeviceGetRemappedRowsFn>({"nvmlDeviceGetRemappedRows"});
  api->gpm_query_device_support =
      r.optional<GpmQueryDeviceSupportFn>({"nvmlGpmQueryDeviceSupport"});
  api->gpm_sample_alloc = r.optional<GpmSampleAllocFn>({"nvmlGpmSampleAlloc"});
  api->gpm_sample_free = r.optional<GpmSampleFreeFn>({"nvmlGpmSampleFree"});
  api->gpm_sample_get = r.optional<GpmSampleGetFn>({"nvmlGpmSampleGet"});
  api->gpm_metrics_get = r.optional<GpmMetricsGetFn>({"nvmlGpmMetricsGet"});
  return std::shared_ptr<const Api>(std::move(api));
}

}  // namespace suanli::collectors::nvml
