#include "collectors/pci/accelerator_ids.hpp"

#include <algorithm>
#include <span>

namespace suanli::collectors::pci {
namespace {

// Class codes without the interface byte.
constexpr std::uint16_t kVga = 0x0300;
constexpr std::uint16_t k3d = 0x0302;
constexpr std::uint16_t kOtherDisplay = 0x0380;
constexpr std::uint16_t kCoprocessor = 0x0b40;
constexpr std::uint8_t kProcessingAccelerator = 0x12;

constexpr std::uint16_t kDisplay[] = {kVga, kOtherDisplay};
constexpr std::uint16_t kOtherDisplayOnly[] = {kOtherDisplay};
// Huawei's accelerators by device id (Ascend 310, 310P, 910, 910B, 910C; Huawei's CANN scripts);
// its other functions are NICs, SSDs and the iBMC's VGA.
constexpr std::uint16_t kAscend[] = {0xd100, 0xd500, 0xd801, 0xd802, 0xd803};

struct Maker {
  std::uint16_t vendor;
  std::string_view name;
  // Display classes that are this maker's accelerators (a VGA of a GPU maker is a GPU).
  std::span<const std::uint16_t> display_classes;
  // When set, only these device ids are accelerators, whatever their class.
  std::span<const std::uint16_t> devices = {};
};

// Vendor ids from pci.ids (2026.08.22) unless noted.
constexpr Maker kMakers[] = {
    {0x10de, "NVIDIA", kDisplay},
    {0x1002, "AMD", kOtherDisplayOnly},    // AMD's VGAs are desktop Radeons
    {0x8086, "Intel", kOtherDisplayOnly},  // Data Center GPU Max / Flex; not the iGPU VGA
    {0x1d94, "Hygon", kDisplay},
    {0x19e5, "Huawei", {}, kAscend},  // Ascend ids are not in pci.ids
    {0xcabc, "Cambricon", kDisplay},
    {0x1d22, "Kunlunxin", kDisplay},  // pci.ids: Baidu Technology
    {0x1ed5, "Moore Threads", kDisplay},
    {0x9999, "MetaX", kDisplay},
    {0x1e3e, "Iluvatar CoreX", kDisplay},
    {0x1e36, "Enflame", kDisplay},
    {0x1da3, "Habana", kDisplay},
};

// Intel's co-processors are QuickAssist crypto and compression engines, on every Xeon since
// Sapphire Rapids: no compute this project counts.
constexpr std::uint16_t kIntel = 0x8086;

const Maker* maker_of(std::uint16_t vendor) {
  const auto* it = std::find_if(std::begin(kMakers), std::end(kMakers),
                                [vendor](const Maker& m) { return m.vendor == vendor; });
  return it == std::end(kMakers) ? nullptr : it;
}

bool contains(std::span<const std::uint16_t> values, std::uint16_t value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

bool is_accelerator(const PciIdentity& id) {
  const auto sub_class = static_cast<std::uint16_t>(id.class_code >> 8);
  const Maker* maker = maker_of(id.vendor);
  if (maker && !maker->devices.empty()) return contains(maker->devices, id.device);
  if (sub_class == kCoprocessor) return id.vendor != kIntel;
  if (sub_class >> 8 == kProcessingAccelerator || sub_class == k3d) return true;
  return maker && contains(maker->display_classes, sub_class);
}

std::optional<std::string_view> vendor_name(std::uint16_t vendor) {
  const Maker* maker = maker_of(vendor);
  if (!maker) return std::nullopt;
  return maker->name;
}

}  // namespace suanli::collectors::pci
