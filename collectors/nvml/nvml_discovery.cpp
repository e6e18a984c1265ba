#include "collectors/nvml/nvml_discovery.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "collectors/catalog/arch.hpp"
#include "collectors/nvml/nvml_identity.hpp"
#include "collectors/nvml/nvml_probe.hpp"
#include "collectors/nvml/nvml_readings.hpp"

namespace suanli::collectors::nvml {
namespace {

NvmlDevice new_device(const Api& api, DeviceHandle handle) {
  NvmlDevice d;
  d.handle = handle;
  d.info.device_class = DeviceClass::accelerator;
  d.info.vendor = api.flavor->vendor;
  return d;
}

// Name and UUID; the id is the UUID ("GPU-..." or "MIG-..."), else `fallback_id`.
void read_names(const Api& api, NvmlDevice& d, Probe& probe, std::string fallback_id) {
  char name[kNameBufferSize] = {};
  if (probe.call(api.name, d.handle, name, kNameBufferSize)) {
    d.info.model = fixed_string(name, sizeof name);
    if (!d.info.model.empty()) d.info.identity.name = d.info.model;
  }
  char uuid[kUuidBufferSize] = {};
  if (probe.call(api.uuid, d.handle, uuid, kUuidBufferSize)) {
    std::string text = fixed_string(uuid, sizeof uuid);
    if (!text.empty()) d.info.uuid = text;
  }
  d.info.id = d.info.uuid.value_or(std::move(fallback_id));
}

NvmlDevice describe_gpu(const std::shared_ptr<const Api>& api, DeviceHandle handle, unsigned index,
                        Probe& probe) {
  NvmlDevice d = new_device(*api, handle);
  DeviceInfo& info = d.info;
  PciInfo pci{};
  if (probe.call(api->pci_info, handle, &pci)) {
    info.identity.pci_id = pci_id_text(pci.pci_device_id);
    info.bus_id = bus_id_text(pci);
  }
  read_names(*api, d, probe,
             std::string(api->flavor->backend) + "-" + info.bus_id.value_or(std::to_string(index)));
  if (auto memory = read_memory(*api, handle, probe)) info.memory_total_bytes = memory->total;
  unsigned mhz = 0;
  if (probe.call(api->max_clock_info, handle, kClockSm, &mhz) && mhz > 0) {
    info.max_clock_mhz = mhz;
    info.identity.clock_mhz = mhz;
    info.identity.clock_basis = "NVML max SM clock";
  }
  int major = 0, minor = 0;
  unsigned cores = 0;
  if (api->flavor->nvidia_architecture &&
      probe.call(api->compute_capability, handle, &major, &minor)) {
    info.identity.arch = arch_from_compute_capability(major, minor);
    if (probe.call(api->num_gpu_cores, handle, &cores)) {
      info.identity.units = sm_count_from_cores(cores, major, minor);
    }
  }
  if (info.identity.units) info.units = *info.identity.units;
  if (!probe.failed()) d.gpm = GpmSampler::create(api, handle);
  return d;
}

// GPU-instance slices of the full-GPU profile: 7 on A100, H100 and B200.
std::optional<unsigned> full_gpu_slices(const Api& api, DeviceHandle gpu, Probe& probe) {
  for (unsigned profile : {kGpuInstanceProfile7Slice, kGpuInstanceProfile8Slice}) {
    GpuInstanceProfileInfo info{};
    if (probe.call(api.gpu_instance_profile_info, gpu, profile, &info) && info.slice_count > 0) {
      return info.slice_count;
    }
  }
  return std::nullopt;
}

std::optional<double> ratio(std::optional<double> part, std::optional<double> whole) {
  if (!part || !whole || *part <= 0 || *whole <= 0) return std::nullopt;
  return std::min(1.0, *part / *whole);
}

NvmlDevice describe_slice(const std::shared_ptr<const Api>& api, const NvmlDevice& gpu,
                          DeviceHandle handle, unsigned slot, std::optional<unsigned> gpu_slices,
                          Probe& probe) {
  NvmlDevice d = new_device(*api, handle);
  d.mig = true;
  DeviceInfo& info = d.info;
  read_names(*api, d, probe, gpu.info.id + "-mig" + std::to_string(slot));
  info.parent = gpu.info.id;
  info.bus_id = gpu.info.bus_id;
  info.max_clock_mhz = gpu.info.max_clock_mhz;
  // No PCI id: the catalog would match the slice as a whole GPU.
  info.identity.arch = gpu.info.identity.arch;
  info.identity.clock_mhz = gpu.info.identity.clock_mhz;
  info.identity.clock_basis = gpu.info.identity.clock_basis;
  if (auto memory = read_memory(*api, handle, probe)) info.memory_total_bytes = memory->total;
  DeviceAttributes attributes{};
  if (probe.call(api->attributes, handle, &attributes)) {
    if (attributes.multiprocessor_count > 0) {
      info.units = attributes.multiprocessor_count;
      info.identity.units = static_cast<int>(attributes.multiprocessor_count);
    }
    info.share = ratio(attributes.multiprocessor_count, gpu.info.units);
    if (!info.share && gpu_slices) {
      info.share = ratio(attributes.gpu_instance_slice_count, *gpu_slices);
    }
  }
  if (!probe.failed()) d.gpm = GpmSampler::create(api, handle);
  return d;
}

std::vector<NvmlDevice> describe_slices(const std::shared_ptr<const Api>& api,
                                        const NvmlDevice& gpu, Probe& probe) {
  std::vector<NvmlDevice> slices;
  unsigned current = 0, pending = 0, slots = 0;
  if (!probe.call(api->mig_mode, gpu.handle, &current, &pending) || current != kMigEnabled ||
      !probe.call(api->max_mig_device_count, gpu.handle, &slots)) {
    return slices;
  }
  std::optional<unsigned> gpu_slices;
  if (!gpu.info.units) gpu_slices = full_gpu_slices(*api, gpu.handle, probe);
  for (unsigned slot = 0; slot < slots; ++slot) {
    DeviceHandle handle = nullptr;
    if (!probe.call(api->mig_handle_by_index, gpu.handle, slot, &handle)) continue;  // empty
    slices.push_back(describe_slice(api, gpu, handle, slot, gpu_slices, probe));
  }
  return slices;
}

}  // namespace

Expected<std::vector<NvmlDevice>> enumerate(const std::shared_ptr<const Api>& api,
                                            KnownGpus& known) {
  using Result = Expected<std::vector<NvmlDevice>>;
  unsigned count = 0;
  if (Return code = api->device_count(&count); code != Return::success) {
    return Result::failure("nvmlDeviceGetCount: " + api->describe(code));
  }
  std::vector<NvmlDevice> devices;
  KnownGpus described;
  std::set<std::string> ids;
  auto add = [&](NvmlDevice d, unsigned index) {
    if (!ids.insert(d.info.id).second) return;
    described[index].push_back(d.info);
    devices.push_back(std::move(d));
  };
  for (unsigned index = 0; index < count; ++index) {
    Probe probe;
    DeviceHandle handle = nullptr;
    std::vector<NvmlDevice> found;
    if (probe.call(api->handle_by_index, index, &handle)) {
      found.push_back(describe_gpu(api, handle, index, probe));
      for (auto& slice : describe_slices(api, found.front(), probe))
        found.push_back(std::move(slice));
    }
    if (probe.fault() == Fault::driver) {
      return Result::failure("NVML driver error: " + api->describe(probe.code()));
    }
    if (auto earlier = known.find(index);
        probe.fault() == Fault::device && earlier != known.end()) {
      found.clear();
      for (const DeviceInfo& info : earlier->second) {
        NvmlDevice kept;
        kept.info = info;
        kept.unreachable = probe.unhealthy();
        found.push_back(std::move(kept));
      }
    }
    for (auto& d : found)
      add(std::move(d), index);
  }
  known = std::move(described);
  return devices;
}

}  // namespace suanli::collectors::nvml
