#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace suanli::collectors::amd {

// A PCI device id and the name its maker gives it.
struct NamedDevice {
  std::uint16_t device;
  std::string_view name;
};

// A maker whose accelerators the amdgpu sysfs and the KFD topology describe: AMD, and Hygon,
// whose DCU driver is a fork of amdgpu (collectors/hygon). Each is a backend of its own.
struct AmdgpuVendor {
  std::uint16_t pci_vendor;       // 0x1002
  std::string_view name;          // the devices' `vendor`: "AMD"
  std::string_view id_prefix;     // of device ids: "amd-"
  std::string_view model_prefix;  // of a model with no product_name: "AMD GPU"
  // The kernel drivers whose cards are this maker's accelerators (the uevent's DRIVER).
  std::span<const std::string_view> drivers;
  // Names by device id, for a model when sysfs has no product_name.
  std::span<const NamedDevice> names;
  // The gfx target's per-CU rates (collectors/catalog/README.md, "Per-unit rates") are this
  // maker's: peaks may be derived.
  bool gfx_rates_apply = true;
};

extern const AmdgpuVendor kAmdVendor;

}  // namespace suanli::collectors::amd
