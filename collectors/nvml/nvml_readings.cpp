#include "collectors/nvml/nvml_readings.hpp"

#include <algorithm>
#include <string>

namespace suanli::collectors::nvml {
namespace {

std::optional<double> read_temperature(const Api& api, DeviceHandle device, Probe& probe) {
  Temperature versioned{kTemperatureV1Version, kTemperatureGpu, 0};
  if (probe.call(api.temperature_v, device, &versioned)) return versioned.temperature;
  unsigned celsius = 0;
  if (probe.call(api.temperature, device, kTemperatureGpu, &celsius)) return celsius;
  return std::nullopt;
}

// Health counters that mark a device unhealthy without failing a call (docs/vendor-apis.md,
// "NVML health signals").
std::optional<std::string> read_health(const Api& api, DeviceHandle device, Probe& probe) {
  unsigned long long uncorrected = 0;
  if (probe.call(api.total_ecc_errors, device, kMemoryErrorUncorrected, kVolatileEcc,
                 &uncorrected) &&
      uncorrected > 0) {
    return "ecc_uncorrected";
  }
  unsigned corrected_rows = 0, uncorrected_rows = 0, pending = 0, failure = 0;
  if (probe.call(api.remapped_rows, device, &corrected_rows, &uncorrected_rows, &pending,
                 &failure)) {
    if (failure) return "row_remap_failure";
    if (pending) return "row_remap_pending";
  }
  return std::nullopt;
}

// Readings of the physical GPU; a MIG device shares them with its parent.
std::optional<std::string> read_physical(const Api& api, DeviceHandle device, Probe& probe,
                                         Reading& r) {
  unsigned value = 0;
  if (probe.call(api.clock_info, device, kClockSm, &value)) r.sm_clock_mhz = value;
  if (probe.call(api.power_usage, device, &value)) r.power_w = api.watts(value);
  if (probe.call(api.enforced_power_limit, device, &value)) r.power_limit_w = api.watts(value);
  r.temperature_c = read_temperature(api, device, probe);
  return read_health(api, device, probe);
}

}  // namespace

std::optional<MemoryReading> read_memory(const Api& api, DeviceHandle device, Probe& probe) {
  MemoryV2 v2{};
  v2.version = kMemoryV2Version;
  if (probe.call(api.memory_info_v2, device, &v2)) {
    if (v2.total == 0) return std::nullopt;
    return MemoryReading{v2.total, v2.used};
  }
  Memory v1{};
  if (!probe.call(api.memory_info, device, &v1) || v1.total == 0) return std::nullopt;
  return MemoryReading{v1.total, v1.used};
}

Sampled read_device(const Api& api, const NvmlDevice& device) {
  Probe probe;
  Reading r;
  Utilization utilization{};
  if (probe.call(api.utilization, device.handle, &utilization)) {
    r.method = Method::busy_time;
    r.activity = std::clamp(utilization.gpu / 100.0, 0.0, 1.0);
  }
  if (device.gpm) {
    if (auto gpm = device.gpm->activity(probe)) {
      r.method = gpm->method;
      r.activity = gpm->value;
    }
  }
  if (auto memory = read_memory(api, device.handle, probe)) {
    r.memory_total_bytes = memory->total;
    r.memory_used_bytes = memory->used;
  }
  std::optional<std::string> health;
  if (!device.mig) health = read_physical(api, device.handle, probe, r);
  r.unhealthy = probe.failed() ? probe.unhealthy() : health;
  return {std::move(r), probe.fault() == Fault::driver};
}

}  // namespace suanli::collectors::nvml
