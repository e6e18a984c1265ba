#include "collectors/cambricon/mlu_sample.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "collectors/cambricon/mlu_calls.hpp"

namespace suanli::collectors::cambricon {
namespace {

// cndevDriverHealthStateEnum_t, in order.
constexpr std::array<const char*, 9> kDriverStates = {"early_inited", "bring_up",    "booting",
                                                      "lateinit",     "running",     "boot_error",
                                                      "reset",        "reset_error", "unknown"};

// Why cndevGetCardHealthState calls the MLU sick: the device state, else the driver's, else the
// bare flag.
std::optional<std::string> health_problem(const cndev::CardHealthState& state) {
  if (state.health == 1) return std::nullopt;
  if (state.deviceState == cndev::kDeviceInProblem) return "device_in_problem";
  if (state.driverState != cndev::kDriverRunning) {
    const auto at = static_cast<std::size_t>(state.driverState);
    return std::string("driver_") +
           (at < kDriverStates.size() ? kDriverStates[at] : std::to_string(state.driverState));
  }
  return "health_sick";
}

void read_health(Reading& r, const CndevApi& api, MluCalls& calls) {
  cndev::CardHealthState state;
  if (calls.read(api.health, state)) r.unhealthy = health_problem(state);
}

void read_activity(Reading& r, const CndevApi& api, MluCalls& calls) {
  cndev::UtilizationInfo utilization;
  if (!calls.read(api.utilization, utilization)) return;
  r.activity = std::clamp(utilization.averageCoreUtilization, 0, 100) / 100.0;
  r.method = Method::busy_time;
}

void read_memory(Reading& r, const CndevApi& api, MluCalls& calls) {
  cndev::MemoryInfoV2 memory;
  if (!calls.read(api.memory, memory) || memory.physicalMemoryTotal <= 0) return;
  r.memory_total_bytes = static_cast<std::uint64_t>(memory.physicalMemoryTotal) * kMiB;
  r.memory_used_bytes =
      static_cast<std::uint64_t>(std::max<std::int64_t>(0, memory.physicalMemoryUsed)) * kMiB;
}

void read_power(Reading& r, const CndevApi& api, MluCalls& calls) {
  cndev::DevicePowerInfo power;
  if (!calls.read(api.power, power)) return;
  if (power.usage > 0) r.power_w = power.usage;
  if (power.cap > 0) r.power_limit_w = power.cap;
}

// The chip's hottest sensor, else the board's; 0 is a sensor the MLU does not have.
void read_temperature(Reading& r, const CndevApi& api, MluCalls& calls) {
  cndev::TemperatureInfo temperature;
  if (!calls.read(api.temperature, temperature)) return;
  if (temperature.chip != 0) {
    r.temperature_c = temperature.chip;
  } else if (temperature.board != 0) {
    r.temperature_c = temperature.board;
  }
}

void read_clock(Reading& r, const CndevApi& api, MluCalls& calls) {
  cndev::FrequencyInfo frequency;
  if (calls.read(api.frequency, frequency) && frequency.boardFreq > 0) {
    r.sm_clock_mhz = frequency.boardFreq;
  }
}

}  // namespace

MluSample sample_mlu(const CndevApi& api, cndev::Device handle) {
  MluSample out;
  MluCalls calls(handle);
  for (auto step :
       {read_health, read_activity, read_memory, read_power, read_temperature, read_clock}) {
    step(out.reading, api, calls);
  }
  out.driver_gone = mark_failure(out.reading, calls.failure());
  return out;
}

}  // namespace suanli::collectors::cambricon
