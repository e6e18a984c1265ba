#pragma once

// A CPU's base (nominal) clock, the clock of the TOP500 Rpeak convention; never the maximum
// turbo (cpufreq cpuinfo_max_freq).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace suanli::collectors::cpu {

struct BaseClock {
  double mhz = 0;
  std::string source;  // where it came from, in words, for the peak's basis
};

// The highest cpufreq base_frequency (kHz) of `cpus`, else their ACPI CPPC nominal_freq (MHz),
// under sysfs_root; nullopt when neither is there (most VMs).
std::optional<BaseClock> sysfs_base_clock(const std::string& sysfs_root,
                                          const std::vector<int>& cpus);

// The clock a model name states ("Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz" -> 3000).
std::optional<double> clock_in_model_name(std::string_view model);

// The first "cpu MHz" of /proc/cpuinfo: a VM's hypervisor reports the nominal clock there.
std::optional<double> cpuinfo_mhz(std::string_view cpuinfo);

// sysfs base clock, else the model name's, else cpuinfo's cpu MHz; nullopt when none is known.
std::optional<BaseClock> base_clock(std::optional<BaseClock> from_sysfs, std::string_view model,
                                    std::string_view cpuinfo);

}  // namespace suanli::collectors::cpu
