#include "collectors/cpu/base_clock.hpp"

#include <algorithm>
#include <charconv>

#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::cpu {
namespace {

std::optional<double> highest(const std::string& sysfs_root, const std::vector<int>& cpus,
                              const char* file, double per_mhz) {
  std::optional<double> best;
  for (int cpu : cpus) {
    const auto value =
        read_u64(sysfs_root + "/devices/system/cpu/cpu" + std::to_string(cpu) + "/" + file);
    if (value && *value > 0)
      best = std::max(best.value_or(0.0), static_cast<double>(*value) / per_mhz);
  }
  return best;
}

std::optional<double> leading_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data() || !(value > 0)) return std::nullopt;
  return value;
}

}  // namespace

std::optional<BaseClock> sysfs_base_clock(const std::string& sysfs_root,
                                          const std::vector<int>& cpus) {
  if (auto khz = highest(sysfs_root, cpus, "cpufreq/base_frequency", 1000.0)) {
    return BaseClock{*khz, "cpufreq base_frequency"};
  }
  if (auto mhz = highest(sysfs_root, cpus, "acpi_cppc/nominal_freq", 1.0)) {
    return BaseClock{*mhz, "ACPI CPPC nominal_freq"};
  }
  return std::nullopt;
}

std::optional<double> clock_in_model_name(std::string_view model) {
  const auto at = model.rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = model.substr(at + 1);
  const auto value = leading_number(rest);
  if (!value) return std::nullopt;
  if (rest.find("GHz") != std::string_view::npos) return *value * 1000.0;
  if (rest.find("MHz") != std::string_view::npos) return *value;
  return std::nullopt;
}

std::optional<double> cpuinfo_mhz(std::string_view cpuinfo) {
  const auto field = find_field(cpuinfo, "cpu MHz", ':');
  return field ? leading_number(*field) : std::nullopt;
}

std::optional<BaseClock> base_clock(std::optional<BaseClock> from_sysfs, std::string_view model,
                                    std::string_view cpuinfo) {
  if (from_sysfs) return from_sysfs;
  if (auto mhz = clock_in_model_name(model)) return BaseClock{*mhz, "model name"};
  if (auto mhz = cpuinfo_mhz(cpuinfo)) return BaseClock{*mhz, "/proc/cpuinfo cpu MHz"};
  return std::nullopt;
}

}  // namespace suanli::collectors::cpu
