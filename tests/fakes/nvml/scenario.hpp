#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/fakes/nvml/return_codes.hpp"

// The scenario a fake libnvidia-ml.so.1 plays (README.md beside this file). A reading left out
// of the scenario answers NOT_SUPPORTED.
namespace suanli::fake_nvml {

// Per-sample series: value k is for the k-th sample (1-based); the last one repeats.
using Series = std::vector<double>;

struct GpmSpec {
  Series tensor_active;  // fractions; NVML_GPM_METRIC_ANY_TENSOR_UTIL
  Series sm_active;      // fractions; NVML_GPM_METRIC_SM_UTIL
};

struct SliceSpec {
  std::string name;
  std::string uuid;
  std::optional<unsigned> sm_count;
  unsigned slice_count = 1;  // GPU-instance slices
  std::optional<std::uint64_t> memory_total_bytes;
  std::uint64_t memory_used_bytes = 0;
  std::optional<GpmSpec> gpm;
};

struct MigSpec {
  bool enabled = true;
  unsigned total_slices = 7;
  std::vector<SliceSpec> slices;
};

struct DeviceSpec {
  std::string name;
  std::string uuid;
  std::optional<unsigned> pci_device_id;
  unsigned pci_subsystem_id = 0;
  unsigned domain = 0;
  unsigned bus = 0;
  unsigned device = 0;
  std::optional<std::uint64_t> memory_total_bytes;
  std::uint64_t memory_used_bytes = 0;
  std::uint64_t memory_reserved_bytes = 0;
  Series utilization;  // fractions of time busy
  std::optional<unsigned> sm_clock_mhz;
  std::optional<unsigned> max_sm_clock_mhz;
  std::optional<double> power_w;
  std::optional<double> power_limit_w;
  std::optional<int> temperature_c;
  std::optional<std::pair<int, int>> compute_capability;
  std::optional<unsigned> cuda_cores;
  std::optional<std::uint64_t> ecc_uncorrected;
  std::optional<bool> row_remap_pending;
  std::optional<bool> row_remap_failure;
  std::optional<GpmSpec> gpm;
  std::optional<MigSpec> mig;
};

struct Fault {
  std::string call;  // an entry point; a plain name also matches its _v2/_v3 versions
  std::optional<std::size_t> device;
  std::optional<std::size_t> slice;
  std::optional<Return> error;
  unsigned block_ms = 0;
  bool until_shutdown = false;  // block_ms is then the most it blocks
  bool hang = false;            // blocks while the hang switch is on (fakeNvmlSetHang)
  unsigned from_sample = 0;
};

struct Scenario {
  std::vector<DeviceSpec> devices;
  std::vector<Fault> faults;
};

// Parses a scenario document; `faults_text`, when not empty, is a JSON array of more faults.
// Throws std::runtime_error naming the offending key.
Scenario parse_scenario(std::string_view text, std::string_view faults_text);

// The value of `series` at sample `sample` (1-based; 0 reads the first value).
double at_sample(const Series& series, unsigned sample);

}  // namespace suanli::fake_nvml
