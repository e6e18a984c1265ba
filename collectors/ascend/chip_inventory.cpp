#include "collectors/ascend/chip_inventory.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "collectors/ascend/chip_identity.hpp"
#include "collectors/ascend/dcmi_status.hpp"

namespace suanli::collectors::ascend {
namespace {

constexpr int kMaxChipsPerCard = 64;

template <std::size_t N>
std::string text(const unsigned char (&field)[N]) {
  const auto* begin = reinterpret_cast<const char*>(field);
  std::string out(begin, std::find(begin, begin + N, '\0'));
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

struct ChipName {
  std::string name;
  unsigned int aicore_cnt = 0;
};

// chip_info_v2 first, chip_info on any error (mind-cluster DcGetChipInfo).
std::optional<ChipName> read_chip_name(const DcmiApi& api, ChipAddress at) {
  if (api.chip_info_v2) {
    dcmi::ChipInfoV2 info{};
    if (api.chip_info_v2(at.card, at.device, &info) == dcmi::kOk) {
      return ChipName{text(info.chip_name), info.aicore_cnt};
    }
  }
  if (api.chip_info) {
    dcmi::ChipInfo info{};
    if (api.chip_info(at.card, at.device, &info) == dcmi::kOk) {
      return ChipName{text(info.chip_name), info.aicore_cnt};
    }
  }
  return std::nullopt;
}

std::string pci_id(const dcmi::PcieInfoAll& pcie) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04x:%04x", pcie.venderid & 0xFFFFu, pcie.deviceid & 0xFFFFu);
  return buf;
}

std::string bus_id(const dcmi::PcieInfoAll& pcie) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04x:%02x:%02x.%x", static_cast<unsigned>(pcie.domain),
                pcie.bdf_busid, pcie.bdf_deviceid, pcie.bdf_funcid);
  return buf;
}

// False when neither chip_info call answers.
bool add_name(DeviceInfo& info, const DcmiApi& api, ChipAddress at) {
  const auto chip = read_chip_name(api, at);
  if (!chip) return false;
  if (!chip->name.empty()) {
    info.identity.name = chip->name;
    info.model = chip->name;
  }
  if (chip->aicore_cnt > 0) {
    info.units = chip->aicore_cnt;
    info.identity.units = static_cast<int>(chip->aicore_cnt);
  }
  return true;
}

void add_pcie(DeviceInfo& info, const DcmiApi& api, ChipCalls& calls) {
  dcmi::PcieInfoAll pcie{};
  if (!calls.call(api.pcie_info, &pcie) || (pcie.venderid == 0 && pcie.deviceid == 0)) return;
  info.identity.pci_id = pci_id(pcie);
  info.bus_id = bus_id(pcie);
}

void add_memory(DeviceInfo& info, const DcmiApi& api, ChipCalls& calls) {
  dcmi::HbmInfo hbm{};
  if (calls.call(api.hbm_info, &hbm) && hbm.memory_size > 0) {
    info.memory_total_bytes = hbm.memory_size * kMiB;
  }
}

void add_clock(DeviceInfo& info, const DcmiApi& api, ChipCalls& calls) {
  unsigned int mhz = 0;
  if (calls.call(api.frequency, dcmi::kFrequencyAiCoreMax, &mhz) && mhz > 0) {
    info.max_clock_mhz = mhz;
    info.identity.clock_mhz = mhz;
    info.identity.clock_basis = "DCMI max AI-core clock";
  }
}

// The chip's description; `complete` is false when a call about the chip failed or it could not
// name itself.
DeviceInfo describe_chip(const DcmiApi& api, ChipAddress at, const std::string& sysfs_root,
                         ChipCalls& calls, bool& complete) {
  DeviceInfo info;
  info.id = chip_id(at);
  info.device_class = DeviceClass::accelerator;
  info.vendor = "Huawei";
  info.model = "Ascend NPU";
  info.identity.arch = Arch::ascend_davinci;
  const bool named = add_name(info, api, at);
  add_pcie(info, api, calls);
  add_memory(info, api, calls);
  add_clock(info, api, calls);
  info.uuid = chip_uuid(api, at, calls, info.bus_id, sysfs_root);
  complete = named && !calls.failure();
  return info;
}

bool is_npu(const DcmiApi& api, ChipAddress at) {
  int type = dcmi::kUnitNpu;
  if (!api.device_type || api.device_type(at.card, at.device, &type) != dcmi::kOk) return true;
  return type == dcmi::kUnitNpu;
}

Expected<std::vector<Chip>> driver_failure(const std::string& what, int code) {
  return Expected<std::vector<Chip>>::failure(what + " failed: " + describe(code));
}

}  // namespace

Expected<std::vector<Chip>> list_chips(const DcmiApi& api, const std::string& sysfs_root,
                                       KnownChips& known) {
  std::array<int, dcmi::kMaxCards> cards{};
  int card_count = 0;
  if (int code = api.card_list(&card_count, cards.data(), dcmi::kMaxCards); code != dcmi::kOk) {
    return driver_failure("dcmi_get_card_list", code);
  }
  card_count = std::clamp(card_count, 0, dcmi::kMaxCards);

  std::vector<Chip> chips;
  for (int i = 0; i < card_count; ++i) {
    const int card = cards[static_cast<std::size_t>(i)];
    int chip_count = 0;
    if (int code = api.device_num_in_card(card, &chip_count); code != dcmi::kOk) {
      if (classify(code).scope == Scope::driver) {
        return driver_failure("dcmi_get_device_num_in_card", code);
      }
      for (const auto& [at, info] : known) {
        if (at.first == card) chips.push_back({{at.first, at.second}, info});
      }
      continue;
    }
    for (int device = 0; device < std::min(chip_count, kMaxChipsPerCard); ++device) {
      const ChipAddress at{card, device};
      if (!is_npu(api, at)) continue;
      ChipCalls calls(at);
      bool complete = false;
      DeviceInfo info = describe_chip(api, at, sysfs_root, calls, complete);
      if (calls.failure() && calls.failure()->status.scope == Scope::driver) {
        return driver_failure(info.id, calls.failure()->code);
      }
      if (auto earlier = known.find({card, device}); earlier != known.end()) {
        if (!complete) info = earlier->second;
        if (!info.uuid) info.uuid = earlier->second.uuid;
      }
      chips.push_back({at, std::move(info)});
    }
  }
  known.clear();
  for (const Chip& chip : chips)
    known[{chip.address.card, chip.address.device}] = chip.info;
  return chips;
}

}  // namespace suanli::collectors::ascend
