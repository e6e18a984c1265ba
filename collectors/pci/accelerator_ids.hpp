#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace suanli::collectors::pci {

// What a PCI function says of itself: its ids and its class code (base, sub-class, interface).
struct PciIdentity {
  std::uint16_t vendor = 0;
  std::uint16_t device = 0;
  std::uint32_t class_code = 0;  // 0x030200
};

// Whether the function is an accelerator: a processing accelerator (class 0x12), a co-processor
// (0x0b40) or a 3D controller (0x0302) of any maker, a display controller of a maker of
// accelerators (docs/devices.md, "Unclaimed PCI accelerators"), or an Ascend NPU by its device
// id. A BMC's VGA (ASPEED, Huawei iBMC) and Intel's QuickAssist co-processors are not.
bool is_accelerator(const PciIdentity& id);

// The maker's name for a known accelerator vendor ("Cambricon"), else nothing.
std::optional<std::string_view> vendor_name(std::uint16_t vendor);

}  // namespace suanli::collectors::pci
