// Entry points for GPM (Hopper and newer): samples and metrics between two of them.
#include <cstring>
#include <type_traits>

#include "tests/fakes/nvml/export_helpers.hpp"

using namespace suanli::fake_nvml;

namespace {

constexpr std::uintptr_t kSampleStep = 16;  // sample handles look like aligned pointers

const GpmSpec* gpm_of(const Scenario& scenario, const Target& t) {
  if (t.gpu >= scenario.devices.size()) return nullptr;
  const DeviceSpec& d = scenario.devices[t.gpu];
  if (!t.slice) return d.gpm ? &*d.gpm : nullptr;
  if (!d.mig || *t.slice >= d.mig->slices.size()) return nullptr;
  const auto& slice = d.mig->slices[*t.slice];
  return slice.gpm ? &*slice.gpm : nullptr;
}

GpmRecord* record_of(Context& c, GpmSampleHandle sample) {
  auto it = c.gpm_samples.find(reinterpret_cast<std::uintptr_t>(sample));
  return it == c.gpm_samples.end() ? nullptr : &it->second;
}

void measure(const GpmSpec& gpm, unsigned sample, abi::GpmMetric& metric) {
  const Series* series = nullptr;
  if (metric.metric_id == abi::kGpmAnyTensorUtil) series = &gpm.tensor_active;
  if (metric.metric_id == abi::kGpmSmUtil) series = &gpm.sm_active;
  if (!series || series->empty()) {
    metric.nvml_return = Return::not_supported;
    return;
  }
  metric.nvml_return = Return::success;
  metric.value = at_sample(*series, sample) * 100;
}

}  // namespace

extern "C" {

Return nvmlGpmQueryDeviceSupport(DeviceHandle device, abi::GpmSupport* support) {
  return on_device(__func__, device, [&](Context& c) {
    if (!support) return Return::invalid_argument;
    if (support->version != abi::kGpmSupportVersion) return Return::argument_version_mismatch;
    support->is_supported_device = gpm_of(c.scenario, *c.target) != nullptr;
    return Return::success;
  });
}

Return nvmlGpmSampleAlloc(GpmSampleHandle* sample) {
  return fake().run(__func__, std::nullopt, [&](Context& c) {
    if (!sample) return Return::invalid_argument;
    std::uintptr_t id = (c.gpm_samples.empty() ? 0 : c.gpm_samples.rbegin()->first) + kSampleStep;
    c.gpm_samples[id] = {};
    *sample = reinterpret_cast<GpmSampleHandle>(id);
    return Return::success;
  });
}

Return nvmlGpmSampleFree(GpmSampleHandle sample) {
  return fake().run(__func__, std::nullopt, [&](Context& c) {
    return c.gpm_samples.erase(reinterpret_cast<std::uintptr_t>(sample)) ? Return::success
                                                                         : Return::invalid_argument;
  });
}

Return nvmlGpmSampleGet(DeviceHandle device, GpmSampleHandle sample) {
  return on_device(__func__, device, [&](Context& c) {
    GpmRecord* record = record_of(c, sample);
    if (!record) return Return::invalid_argument;
    if (!gpm_of(c.scenario, *c.target)) return Return::not_supported;
    *record = {c.target, c.sample};
    return Return::success;
  });
}

// Reads and writes the whole struct with the largest known metric array, as a library built
// from a newer header does: a caller that allocated a smaller one is caught by ASan.
Return nvmlGpmMetricsGet(abi::GpmMetricsGet* request) {
  return fake().run(__func__, std::nullopt, [&](Context& c) {
    if (!request) return Return::invalid_argument;
    abi::GpmMetricsGet local;
    std::memcpy(&local, request, sizeof local);
    if (local.version != abi::kGpmMetricsGetVersion) return Return::argument_version_mismatch;
    if (local.num_metrics > abi::kGpmMetricMax) return Return::invalid_argument;
    const GpmRecord* first = record_of(c, local.sample1);
    const GpmRecord* second = record_of(c, local.sample2);
    if (!first || !second || !first->target || first->target != second->target) {
      return Return::invalid_argument;
    }
    const GpmSpec* gpm = gpm_of(c.scenario, *second->target);
    if (!gpm) return Return::not_supported;
    for (unsigned i = 0; i < local.num_metrics; ++i)
      measure(*gpm, second->sample, local.metrics[i]);
    std::memcpy(request, &local, sizeof local);
    return Return::success;
  });
}

}  // extern "C"

static_assert(std::is_same_v<decltype(nvmlGpmQueryDeviceSupport), abi::GpmQueryDeviceSupportFn>);
static_assert(std::is_same_v<decltype(nvmlGpmSampleAlloc), abi::GpmSampleAllocFn>);
static_assert(std::is_same_v<decltype(nvmlGpmSampleFree), abi::GpmSampleFreeFn>);
static_assert(std::is_same_v<decltype(nvmlGpmSampleGet), abi::GpmSampleGetFn>);
static_assert(std::is_same_v<decltype(nvmlGpmMetricsGet), abi::GpmMetricsGetFn>);
