// Entry points for clocks, power, temperature, compute capability and health counters.
#include <tuple>
#include <type_traits>

#include "tests/fakes/nvml/export_helpers.hpp"

using namespace suanli::fake_nvml;

namespace {

constexpr int kClockGraphics = 0;

Return clock(std::string_view call, DeviceHandle device, int type, unsigned* mhz,
             std::optional<unsigned> DeviceSpec::*field) {
  return on_gpu(call, device, [&](const DeviceSpec& d, Context&) {
    if (type != abi::kClockSm && type != kClockGraphics) return Return::not_supported;
    return put(d.*field, mhz);
  });
}

}  // namespace

extern "C" {

Return nvmlDeviceGetClockInfo(DeviceHandle device, int type, unsigned* mhz) {
  return clock(__func__, device, type, mhz, &DeviceSpec::sm_clock_mhz);
}

Return nvmlDeviceGetMaxClockInfo(DeviceHandle device, int type, unsigned* mhz) {
  return clock(__func__, device, type, mhz, &DeviceSpec::max_sm_clock_mhz);
}

Return nvmlDeviceGetPowerUsage(DeviceHandle device, unsigned* milliwatt) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context&) {
    return put(milliwatts(d.power_w), milliwatt);
  });
}

Return nvmlDeviceGetEnforcedPowerLimit(DeviceHandle device, unsigned* milliwatt) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context&) {
    return put(milliwatts(d.power_limit_w), milliwatt);
  });
}

Return nvmlDeviceGetTemperature(DeviceHandle device, int sensor, unsigned* celsius) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context&) {
    if (sensor != abi::kTemperatureGpu) return Return::invalid_argument;
    if (d.temperature_c && *d.temperature_c < 0) return Return::not_supported;
    return put(d.temperature_c, celsius);
  });
}

Return nvmlDeviceGetTemperatureV(DeviceHandle device, abi::Temperature* temperature) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context&) {
    if (!temperature) return Return::invalid_argument;
    if (temperature->version != abi::kTemperatureV1Version) {
      return Return::argument_version_mismatch;
    }
    if (temperature->sensor_type != abi::kTemperatureGpu) return Return::invalid_argument;
    return put(d.temperature_c, &temperature->temperature);
  });
}

// A MIG device answers with its GPU's capability.
Return nvmlDeviceGetCudaComputeCapability(DeviceHandle device, int* major, int* minor) {
  return on_device(__func__, device, [&](Context& c) {
    if (!major || !minor) return Return::invalid_argument;
    if (!c.gpu->compute_capability) return Return::not_supported;
    std::tie(*major, *minor) = *c.gpu->compute_capability;
    return Return::success;
  });
}

Return nvmlDeviceGetNumGpuCores(DeviceHandle device, unsigned* cores) {
  return on_gpu(__func__, device,
                [&](const DeviceSpec& d, Context&) { return put(d.cuda_cores, cores); });
}

Return nvmlDeviceGetTotalEccErrors(DeviceHandle device, int error_type, int counter_type,
                                   unsigned long long* count) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context&) {
    bool uncorrected_volatile =
        error_type == abi::kMemoryErrorUncorrected && counter_type == abi::kVolatileEcc;
    auto value = d.ecc_uncorrected;
    if (value && !uncorrected_volatile) value = 0;
    return put(value, count);
  });
}

Return nvmlDeviceGetRemappedRows(DeviceHandle device, unsigned* corrected, unsigned* uncorrected,
                                 unsigned* pending, unsigned* failure) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context&) {
    if (!corrected || !uncorrected || !pending || !failure) return Return::invalid_argument;
    if (!d.row_remap_pending && !d.row_remap_failure) return Return::not_supported;
    *corrected = 0;
    *uncorrected = 0;
    *pending = d.row_remap_pending.value_or(false);
    *failure = d.row_remap_failure.value_or(false);
    return Return::success;
  });
}

}  // extern "C"

static_assert(std::is_same_v<decltype(nvmlDeviceGetClockInfo), abi::DeviceGetClockFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetPowerUsage), abi::DeviceGetUintFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetTemperature), abi::DeviceGetTemperatureFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetTemperatureV), abi::DeviceGetTemperatureVFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetCudaComputeCapability),
                             abi::DeviceGetComputeCapabilityFn>);
static_assert(
    std::is_same_v<decltype(nvmlDeviceGetTotalEccErrors), abi::DeviceGetTotalEccErrorsFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetRemappedRows), abi::DeviceGetRemappedRowsFn>);
