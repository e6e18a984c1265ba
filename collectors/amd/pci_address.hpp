#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace suanli::collectors::amd {

// A PCI address "dddd:bb:dd.f" (domain, bus, device, function), as sysfs names devices.
struct PciAddress {
  std::uint32_t domain = 0;
  std::uint32_t bus = 0;
  std::uint32_t device = 0;
  std::uint32_t function = 0;

  // What KFD calls location_id: (bus << 8) | (device << 3) | function.
  std::uint64_t location_id() const { return (bus << 8) | (device << 3) | function; }
};

std::optional<PciAddress> parse_pci_address(std::string_view text);

}  // namespace suanli::collectors::amd
