#pragma once

#include <memory>
#include <string>
#include <vector>

#include "collectors/dynamic_library.hpp"
#include "collectors/nvml/nvml_abi.hpp"
#include "collectors/nvml/nvml_flavor.hpp"
#include "config/expected.hpp"

namespace suanli::collectors::nvml {

// The resolved entry points of one loaded NVML library. Required ones are never null; an
// optional one is null when the library does not export it (an older driver). Holding an Api
// keeps the library loaded.
struct Api {
  std::shared_ptr<DynamicLibrary> library;
  const Flavor* flavor;  // whose NVML it is

  // Required.
  InitFn* init;
  ShutdownFn* shutdown;
  ErrorStringFn* error_string;
  DeviceGetCountFn* device_count;
  DeviceGetHandleByIndexFn* handle_by_index;
  DeviceGetStringFn* name;
  DeviceGetStringFn* uuid;
  DeviceGetPciInfoFn* pci_info;
  DeviceGetMemoryInfoFn* memory_info;
  DeviceGetUtilizationRatesFn* utilization;

  // Optional.
  DeviceGetMemoryInfoV2Fn* memory_info_v2;
  DeviceGetClockFn* clock_info;
  DeviceGetClockFn* max_clock_info;
  DeviceGetUintFn* power_usage;
  DeviceGetUintFn* enforced_power_limit;
  DeviceGetTemperatureFn* temperature;
  DeviceGetTemperatureVFn* temperature_v;
  DeviceGetComputeCapabilityFn* compute_capability;
  DeviceGetUintFn* num_gpu_cores;
  DeviceGetMigModeFn* mig_mode;
  DeviceGetUintFn* max_mig_device_count;
  DeviceGetMigDeviceHandleByIndexFn* mig_handle_by_index;
  DeviceGetAttributesFn* attributes;
  DeviceGetGpuInstanceProfileInfoFn* gpu_instance_profile_info;
  DeviceGetTotalEccErrorsFn* total_ecc_errors;
  DeviceGetRemappedRowsFn* remapped_rows;
  GpmQueryDeviceSupportFn* gpm_query_device_support;
  GpmSampleAllocFn* gpm_sample_alloc;
  GpmSampleFreeFn* gpm_sample_free;
  GpmSampleGetFn* gpm_sample_get;
  GpmMetricsGetFn* gpm_metrics_get;

  // nvmlErrorString's text for `code`, never null.
  std::string describe(Return code) const;

  // A power reading in watts.
  double watts(unsigned value) const;
};

// Opens the first of `paths` that loads and resolves its symbols, newest version first. Fails
// with dlerror()'s text, or naming the first required symbol the library lacks.
Expected<std::shared_ptr<const Api>> load_api(const std::vector<std::string>& paths,
                                              const Flavor& flavor = nvidia_flavor());

}  // namespace suanli::collectors::nvml
