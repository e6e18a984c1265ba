#include "collectors/amd/amdgpu_reading.hpp"

#include <algorithm>

#include "collectors/amd/dpm_clocks.hpp"
#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::amd {
namespace {

constexpr double kMicro = 1e-6;
constexpr double kMilli = 1e-3;

std::optional<double> scaled(std::optional<std::int64_t> raw, double scale) {
  if (!raw) return std::nullopt;
  return static_cast<double>(*raw) * scale;
}

std::optional<std::string> hwmon_dir(const std::string& device_dir) {
  for (const std::string& name : list_dir(device_dir + "/hwmon")) {
    if (numbered_suffix(name, "hwmon")) return device_dir + "/hwmon/" + name + "/";
  }
  return std::nullopt;
}

void read_hwmon(const std::string& dir, Reading& r) {
  r.power_w = scaled(read_i64(dir + "power1_average"), kMicro);
  if (!r.power_w) r.power_w = scaled(read_i64(dir + "power1_input"), kMicro);
  r.power_limit_w = scaled(read_i64(dir + "power1_cap"), kMicro);
  r.temperature_c = scaled(read_i64(dir + "temp1_input"), kMilli);
}

}  // namespace

Reading read_amdgpu(const std::string& device_dir) {
  Reading r;
  if (!is_directory(device_dir) || !read_u64(device_dir + "/vendor")) {
    r.unhealthy = "not_found";
    return r;
  }
  if (auto busy = read_u64(device_dir + "/gpu_busy_percent")) {
    r.method = Method::busy_time;
    r.activity = static_cast<double>(std::min<std::uint64_t>(*busy, 100)) / 100.0;
  }
  r.memory_total_bytes = read_u64(device_dir + "/mem_info_vram_total");
  r.memory_used_bytes = read_u64(device_dir + "/mem_info_vram_used");
  if (auto dpm = read_text(device_dir + "/pp_dpm_sclk")) {
    r.sm_clock_mhz = parse_dpm_clocks(*dpm).current_mhz;
  }
  if (auto dir = hwmon_dir(device_dir)) read_hwmon(*dir, r);
  return r;
}

}  // namespace suanli::collectors::amd
