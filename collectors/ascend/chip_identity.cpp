#include "collectors/ascend/chip_identity.hpp"

#include <algorithm>
#include <cstdio>

#include "collectors/pci_serial.hpp"

namespace suanli::collectors::ascend {
namespace {

// Longer than any board serial; keeps the uuid within the wire's 256-character strings.
constexpr std::size_t kMaxSerialLength = 64;

std::optional<std::string> die_uuid(const DcmiApi& api, ChipCalls& calls, int die_type,
                                    const char* prefix) {
  dcmi::DieId die{};
  if (!calls.call(api.die_id, die_type, &die)) return std::nullopt;
  const auto* words = std::begin(die.soc_die);
  const auto* end = std::end(die.soc_die);
  if (std::all_of(words, end, [](unsigned w) { return w == 0; }) ||
      std::all_of(words, end, [](unsigned w) { return w == 0xFFFFFFFFu; })) {
    return std::nullopt;
  }
  std::string out = prefix;
  for (const auto* w = words; w != end; ++w) {
    char word[16];
    std::snprintf(word, sizeof word, "%s%08X", w == words ? "" : "-", *w);
    out += word;
  }
  return out;
}

bool is_serial(const std::string& text) {
  if (text.empty() || text.size() > kMaxSerialLength || text == "NA" || text == "N/A") {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 0x7F; });
}

std::optional<std::string> serial_uuid(const DcmiApi& api, ChipAddress at, ChipCalls& calls) {
  dcmi::ElabelInfo elabel{};
  if (!calls.call(api.elabel_info, &elabel)) return std::nullopt;
  const char* begin = elabel.serial_number;
  std::string serial(begin, std::find(begin, begin + sizeof elabel.serial_number, '\0'));
  serial.erase(serial.find_last_not_of(' ') + 1);
  if (!is_serial(serial)) return std::nullopt;
  return "ascend-sn-" + serial + "-chip" + std::to_string(at.device);
}

}  // namespace

std::optional<std::string> chip_uuid(const DcmiApi& api, ChipAddress at, ChipCalls& calls,
                                     const std::optional<std::string>& bus_id,
                                     const std::string& sysfs_root) {
  if (auto vdie = die_uuid(api, calls, dcmi::kDieVdie, "ascend-vdie-")) return vdie;
  if (auto ndie = die_uuid(api, calls, dcmi::kDieNdie, "ascend-ndie-")) return ndie;
  if (auto serial = serial_uuid(api, at, calls)) return serial;
  if (!bus_id || calls.failure()) return std::nullopt;
  return pci_serial_uuid(sysfs_root + "/bus/pci/devices/" + *bus_id);
}

}  // namespace suanli::collectors::ascend
