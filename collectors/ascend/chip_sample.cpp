#include "collectors/ascend/chip_sample.hpp"

#include <algorithm>
#include <string>

namespace suanli::collectors::ascend {
namespace {

// docs/vendor-apis.md, "DCMI health"; several alarms report the most critical one.
std::optional<std::string> health_problem(unsigned int health) {
  switch (health) {
    case dcmi::kHealthOk:
      return std::nullopt;
    case dcmi::kHealthMinor:
      return "health_minor";
    case dcmi::kHealthMajor:
      return "health_major";
    case dcmi::kHealthCritical:
      return "health_critical";
    case dcmi::kHealthNoDevice:
      return "not_found";
    default:
      return "health_" + std::to_string(health);
  }
}

void read_health(Reading& r, const DcmiApi& api, ChipCalls& calls) {
  unsigned int health = 0;
  if (calls.call(api.health, &health)) r.unhealthy = health_problem(health);
}

void read_activity(Reading& r, const DcmiApi& api, ChipCalls& calls) {
  unsigned int percent = 0;
  if (!calls.call(api.utilization_rate, dcmi::kUtilizationAiCore, &percent)) return;
  r.activity = std::min(percent, 100u) / 100.0;
  r.method = Method::busy_time;
}

void read_memory(Reading& r, const DcmiApi& api, ChipCalls& calls) {
  dcmi::HbmInfo hbm{};
  if (!calls.call(api.hbm_info, &hbm) || hbm.memory_size == 0) return;
  r.memory_total_bytes = hbm.memory_size * kMiB;
  r.memory_used_bytes = std::min(hbm.memory_usage, hbm.memory_size) * kMiB;
}

void read_power(Reading& r, const DcmiApi& api, ChipCalls& calls) {
  int tenths_of_watt = 0;
  if (calls.call(api.power_info, &tenths_of_watt) && tenths_of_watt >= 0) {
    r.power_w = tenths_of_watt / 10.0;
  }
}

void read_temperature(Reading& r, const DcmiApi& api, ChipCalls& calls) {
  int celsius = 0;
  if (calls.call(api.temperature, &celsius)) r.temperature_c = celsius;
}

void read_clock(Reading& r, const DcmiApi& api, ChipCalls& calls) {
  unsigned int mhz = 0;
  if (calls.call(api.frequency, dcmi::kFrequencyAiCoreCurrent, &mhz) && mhz > 0) {
    r.sm_clock_mhz = mhz;
  }
}

}  // namespace

ChipSample sample_chip(const DcmiApi& api, ChipAddress chip) {
  ChipSample out;
  ChipCalls calls(chip);
  for (auto step :
       {read_health, read_activity, read_memory, read_power, read_temperature, read_clock}) {
    step(out.reading, api, calls);
  }
  out.driver_gone = mark_failure(out.reading, calls.failure());
  return out;
}

}  // namespace suanli::collectors::ascend
