// Entry points for init, enumeration, identity, memory and utilization.
#include <algorithm>
#include <cstdio>
#include <type_traits>

#include "tests/fakes/nvml/export_helpers.hpp"

using namespace suanli::fake_nvml;

namespace {

Return device_count(std::string_view call, unsigned* count) {
  return fake().run(call, std::nullopt, [&](Context& c) {
    return put(std::optional<std::size_t>(c.scenario.devices.size()), count);
  });
}

Return handle_by_index(std::string_view call, unsigned index, DeviceHandle* device) {
  return fake().run(call, Target{index, std::nullopt}, [&](Context& c) {
    if (!device) return Return::invalid_argument;
    *device = encode(*c.target);
    return Return::success;
  });
}

Return pci_info(std::string_view call, DeviceHandle device, abi::PciInfo* pci) {
  return on_device(call, device, [&](Context& c) {
    const DeviceSpec& d = *c.gpu;  // a MIG device reports its GPU's function
    if (!pci) return Return::invalid_argument;
    if (!d.pci_device_id) return Return::not_supported;
    *pci = abi::PciInfo{};
    unsigned domain = d.domain & 0xffff, bus = d.bus & 0xff, dev = d.device & 0x1f;
    std::snprintf(pci->bus_id_legacy, sizeof pci->bus_id_legacy, "%04X:%02X:%02X.0", domain, bus,
                  dev);
    std::snprintf(pci->bus_id, sizeof pci->bus_id, "%08X:%02X:%02X.0", domain, bus, dev);
    pci->domain = d.domain;
    pci->bus = d.bus;
    pci->device = d.device;
    pci->pci_device_id = *d.pci_device_id;
    pci->pci_subsystem_id = d.pci_subsystem_id;
    return Return::success;
  });
}

struct MemoryFacts {
  std::optional<std::uint64_t> total;
  std::uint64_t used = 0;
  std::uint64_t reserved = 0;
};

MemoryFacts memory_of(const Context& c) {
  if (c.slice) return {c.slice->memory_total_bytes, c.slice->memory_used_bytes, 0};
  return {c.gpu->memory_total_bytes, c.gpu->memory_used_bytes, c.gpu->memory_reserved_bytes};
}

}  // namespace

extern "C" {

Return nvmlInit_v2() {
  return fake().init(__func__);
}

Return nvmlInit() {
  return fake().init(__func__);
}

Return nvmlShutdown() {
  return fake().shutdown();
}

const char* nvmlErrorString(Return result) {
  return error_text(result);
}

Return nvmlDeviceGetCount_v2(unsigned* count) {
  return device_count(__func__, count);
}

Return nvmlDeviceGetCount(unsigned* count) {
  return device_count(__func__, count);
}

Return nvmlDeviceGetHandleByIndex_v2(unsigned index, DeviceHandle* device) {
  return handle_by_index(__func__, index, device);
}

Return nvmlDeviceGetHandleByIndex(unsigned index, DeviceHandle* device) {
  return handle_by_index(__func__, index, device);
}

Return nvmlDeviceGetName(DeviceHandle device, char* name, unsigned length) {
  return on_device(__func__, device, [&](Context& c) {
    return put_string(c.slice ? c.slice->name : c.gpu->name, name, length);
  });
}

Return nvmlDeviceGetUUID(DeviceHandle device, char* uuid, unsigned length) {
  return on_device(__func__, device, [&](Context& c) {
    return put_string(c.slice ? c.slice->uuid : c.gpu->uuid, uuid, length);
  });
}

Return nvmlDeviceGetPciInfo_v3(DeviceHandle device, abi::PciInfo* pci) {
  return pci_info(__func__, device, pci);
}

Return nvmlDeviceGetPciInfo_v2(DeviceHandle device, abi::PciInfo* pci) {
  return pci_info(__func__, device, pci);
}

Return nvmlDeviceGetPciInfo(DeviceHandle device, abi::PciInfo* pci) {
  return pci_info(__func__, device, pci);
}

Return nvmlDeviceGetMemoryInfo(DeviceHandle device, abi::Memory* memory) {
  return on_device(__func__, device, [&](Context& c) {
    MemoryFacts m = memory_of(c);
    if (!memory) return Return::invalid_argument;
    if (!m.total) return Return::not_supported;
    std::uint64_t used = std::min(*m.total, m.used + m.reserved);
    *memory = {*m.total, *m.total - used, used};
    return Return::success;
  });
}

Return nvmlDeviceGetMemoryInfo_v2(DeviceHandle device, abi::MemoryV2* memory) {
  return on_device(__func__, device, [&](Context& c) {
    MemoryFacts m = memory_of(c);
    if (!memory) return Return::invalid_argument;
    if (memory->version != abi::kMemoryV2Version) return Return::argument_version_mismatch;
    if (!m.total) return Return::not_supported;
    std::uint64_t reserved = std::min(*m.total, m.reserved);
    std::uint64_t used = std::min(*m.total - reserved, m.used);
    *memory = {abi::kMemoryV2Version, *m.total, reserved, *m.total - reserved - used, used};
    return Return::success;
  });
}

// Not supported on MIG devices nor on a GPU in MIG mode (nvml.h).
Return nvmlDeviceGetUtilizationRates(DeviceHandle device, abi::Utilization* utilization) {
  return on_gpu(__func__, device, [&](const DeviceSpec& d, Context& c) {
    if (!utilization) return Return::invalid_argument;
    if ((d.mig && d.mig->enabled) || d.utilization.empty()) return Return::not_supported;
    *utilization = {percent(at_sample(d.utilization, c.sample)), 0};
    return Return::success;
  });
}

// Not NVML's: the hang switch of faults with "hang" (README.md), exported by the full build only.
int fakeNvmlWaitHung(int count, int timeout_ms) {
  return wait_hung(count, std::chrono::milliseconds(timeout_ms)) ? 1 : 0;
}

void fakeNvmlSetHang(int on) {
  set_hang(on != 0);
}

}  // extern "C"

static_assert(std::is_same_v<decltype(nvmlInit_v2), abi::InitFn>);
static_assert(std::is_same_v<decltype(nvmlShutdown), abi::ShutdownFn>);
static_assert(std::is_same_v<decltype(nvmlErrorString), abi::ErrorStringFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetCount_v2), abi::DeviceGetCountFn>);
static_assert(
    std::is_same_v<decltype(nvmlDeviceGetHandleByIndex_v2), abi::DeviceGetHandleByIndexFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetName), abi::DeviceGetStringFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetPciInfo_v3), abi::DeviceGetPciInfoFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetMemoryInfo), abi::DeviceGetMemoryInfoFn>);
static_assert(std::is_same_v<decltype(nvmlDeviceGetMemoryInfo_v2), abi::DeviceGetMemoryInfoV2Fn>);
static_assert(
    std::is_same_v<decltype(nvmlDeviceGetUtilizationRates), abi::DeviceGetUtilizationRatesFn>);
