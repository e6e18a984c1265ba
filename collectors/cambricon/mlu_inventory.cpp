#include "collectors/cambricon/mlu_inventory.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "collectors/cambricon/mlu_calls.hpp"

namespace suanli::collectors::cambricon {
namespace {

// More than any host holds; a larger count is a broken answer, not devices.
constexpr std::uint32_t kMaxMlus = 256;

bool printable(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 0x7F; });
}

// "MLU-<CNDev UUID>", the name Cambricon's device plugin gives the MLU (mlu-exporter
// pkg/collector/podresources.go, uuidPrefix), so that the two can be matched.
std::optional<std::string> uuid_text(const cndev::Uuid& uuid) {
  const char* begin = reinterpret_cast<const char*>(uuid.uuid);
  std::string text(begin, std::find(begin, begin + cndev::kUuidSize, '\0'));
  if (!printable(text) ||
      std::all_of(text.begin(), text.end(), [](char c) { return c == '0' || c == '-'; })) {
    return std::nullopt;
  }
  return text.rfind("MLU-", 0) == 0 ? text : "MLU-" + text;
}

void add_name(DeviceInfo& info, const CndevApi& api, cndev::Device handle) {
  const char* name = api.card_name ? api.card_name(handle) : nullptr;
  if (!name) return;
  std::string text(name, strnlen(name, 64));
  if (!printable(text) || text == "Unknown") return;
  info.model = text;
  info.identity.name = text;
}

void add_pcie(DeviceInfo& info, const CndevApi& api, MluCalls& calls) {
  cndev::PcieInfoV2 pcie;
  if (!calls.read(api.pcie_info, pcie) || (pcie.vendor == 0 && pcie.deviceId == 0)) return;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04x:%04x", pcie.vendor, pcie.deviceId & 0xFFFFu);
  info.identity.pci_id = buf;
  std::snprintf(buf, sizeof buf, "%04x:%02x:%02x.%x", pcie.domain & 0xFFFFu, pcie.bus & 0xFFu,
                pcie.device & 0x1Fu, pcie.function & 0x7u);
  info.bus_id = buf;
}

void add_units(DeviceInfo& info, const CndevApi& api, MluCalls& calls) {
  cndev::CardCoreCount cores;
  if (!calls.read(api.core_count, cores) || cores.count <= 0) return;
  info.units = static_cast<std::uint64_t>(cores.count);
  info.identity.units = cores.count;
}

void add_memory(DeviceInfo& info, const CndevApi& api, MluCalls& calls) {
  cndev::MemoryInfoV2 memory;
  if (calls.read(api.memory, memory) && memory.physicalMemoryTotal > 0) {
    info.memory_total_bytes = static_cast<std::uint64_t>(memory.physicalMemoryTotal) * kMiB;
  }
}

void add_clock(DeviceInfo& info, const CndevApi& api, MluCalls& calls) {
  cndev::FrequencyInfo frequency;
  if (calls.read(api.frequency, frequency) && frequency.boardFreqArange[1] > 0) {
    info.max_clock_mhz = frequency.boardFreqArange[1];
    info.identity.clock_mhz = frequency.boardFreqArange[1];
  }
}

DeviceInfo describe_mlu(const CndevApi& api, cndev::Device handle, std::uint32_t index,
                        MluCalls& calls) {
  DeviceInfo info;
  info.device_class = DeviceClass::accelerator;
  info.vendor = "Cambricon";
  info.model = "Cambricon MLU";
  add_name(info, api, handle);
  add_pcie(info, api, calls);
  cndev::Uuid uuid;
  if (calls.read(api.uuid, uuid)) info.uuid = uuid_text(uuid);
  add_units(info, api, calls);
  add_memory(info, api, calls);
  add_clock(info, api, calls);
  info.id = info.uuid.value_or("cambricon-" + info.bus_id.value_or(std::to_string(index)));
  return info;
}

Expected<std::vector<Mlu>> driver_failure(const CndevApi& api, const std::string& what, int code) {
  return Expected<std::vector<Mlu>>::failure(what + " failed: " + api.describe(code));
}

}  // namespace

Expected<std::vector<Mlu>> list_mlus(const CndevApi& api, KnownMlus& known) {
  cndev::CardInfo cards{cndev::kVersion6, 0};
  if (int code = api.device_count(&cards); code != cndev::kSuccess) {
    return driver_failure(api, "cndevGetDeviceCount", code);
  }
  std::vector<Mlu> mlus;
  KnownMlus described;
  for (std::uint32_t index = 0; index < std::min(cards.number, kMaxMlus); ++index) {
    Mlu mlu;
    MluCalls calls(0);
    const bool has_handle =
        calls.check(api.handle_by_index(static_cast<std::int32_t>(index), &mlu.handle));
    if (has_handle) {
      calls = MluCalls(mlu.handle);
      mlu.info = describe_mlu(api, mlu.handle, index, calls);
    }
    if (const CallFailure* failure = calls.failure()) {
      if (failure->status.scope == Scope::driver) {
        return driver_failure(api, "MLU " + std::to_string(index), failure->code);
      }
      const auto earlier = known.find(index);
      if (earlier != known.end()) {
        mlu.info = earlier->second;
      } else if (!has_handle) {
        continue;
      }
      if (!has_handle) mlu.unreachable = std::string(failure->status.reason);
    }
    described[index] = mlu.info;
    mlus.push_back(std::move(mlu));
  }
  known = std::move(described);
  return mlus;
}

}  // namespace suanli::collectors::cambricon
