// Entry points for MIG mode and MIG devices.
#include <algorithm>
#include <type_traits>

#include "tests/fakes/nvml/export_helpers.hpp"

using namespace suanli::fake_nvml;

namespace {

constexpr unsigned long long kMiB = 1024 * 1024;

unsigned slots(const MigSpec& mig) {
  if (!mig.enabled) return 0;
  return std::max<unsigned>(mig.total_slices, static_cast<unsigned>(mig.slices.size()));
}

// The profile whose one instance is the whole GPU.
std::optional<unsigned> full_gpu_profile(const MigSpec& mig) {
  if (mig.total_slices == 7) return abi::kGpuInstanceProfile7Slice;
  if (mig.total_slices == 8) return abi::kGpuInstanceProfile8Slice;
  return std::nullopt;
}

}  // namespace

extern "C" {

Return nvmlDeviceGetMigMode(DeviceHandle device, unsigned* current, unsigned* pending) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context&) {
    if (!current || !pending) return Return::invalid_argument;
    if (!d.mig) return Return::not_supported;
    *current = *pending = d.mig->enabled ? abi::kMigEnabled : 0;
    return Return::success;
  });
}

Return nvmlDeviceGetMaxMigDeviceCount(DeviceHandle device, unsigned* count) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context&) {
    if (!d.mig) return Return::not_supported;
    return put(std::optional<unsigned>(slots(*d.mig)), count);
  });
}

Return nvmlDeviceGetMigDeviceHandleByIndex(DeviceHandle device, unsigned index,
                                           DeviceHandle* mig_device) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context& c) {
    if (!mig_device) return Return::invalid_argument;
    if (!d.mig || !d.mig->enabled) return Return::not_supported;
    if (index >= slots(*d.mig)) return Return::invalid_argument;
    if (index >= d.mig->slices.size()) return Return::not_found;
    *mig_device = encode({c.target->gpu, index});
    return Return::success;
  });
}

// MIG device handles only (nvml.h).
Return nvmlDeviceGetAttributes_v2(DeviceHandle device, abi::DeviceAttributes* attributes) {
  return on_device(__func__, device, [&](Context& c) {
    if (!attributes) return Return::invalid_argument;
    if (!c.slice) return Return::not_supported;
    *attributes = abi::DeviceAttributes{};
    attributes->multiprocessor_count = c.slice->sm_count.value_or(0);
    attributes->gpu_instance_slice_count = c.slice->slice_count;
    attributes->compute_instance_slice_count = c.slice->slice_count;
    attributes->memory_size_mb = c.slice->memory_total_bytes.value_or(0) / kMiB;
    return Return::success;
  });
}

Return nvmlDeviceGetGpuInstanceProfileInfo(DeviceHandle device, unsigned profile,
                                           abi::GpuInstanceProfileInfo* info) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context&) {
    if (!info) return Return::invalid_argument;
    if (!d.mig || full_gpu_profile(*d.mig) != profile) return Return::not_supported;
    *info = abi::GpuInstanceProfileInfo{};
    info->id = profile;
    info->slice_count = d.mig->total_slices;
    info->instance_count = 1;
    info->memory_size_mb = d.memory_total_bytes.value_or(0) / kMiB;
    return Return::success;
  });
}

}  // extern "C"

static_assert(std::is_same_v<decltype(nvmlDeviceGetMigMode), abi::DeviceGetMigModeFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetMaxMigDeviceCount), abi::DeviceGetUintFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetMigDeviceHandleByIndex),
                             abi::DeviceGetMigDeviceHandleByIndexFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetAttributes_v2), abi::DeviceGetAttributesFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetGpuInstanceProfileInfo),
                             abi::DeviceGetGpuInstanceProfileInfoFn>);
