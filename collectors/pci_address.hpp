#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace suanli::collectors {

// A PCI address "dddd:bb:dd.f" (domain, bus, device, function), as sysfs names devices.
struct PciAddress {
  std::uint32_t domain = 0;
  std::uint32_t bus = 0;
  std::uint32_t device = 0;
  std::uint32_t function = 0;

  // What KFD calls location_id: (bus << 8) | (device << 3) | function.
  std::uint64_t location_id() const { return (bus << 8) | (device << 3) | function; }
  // "dddd:bb:dd.f" in lower-case hex, as sysfs writes it.
  std::string to_string() const;
};

// Hex digits in either case. The domain has 4 to 8 digits: sysfs writes at least 4 (5 behind an
// Intel VMD), NVML 8 ("00000000:17:00.0").
std::optional<PciAddress> parse_pci_address(std::string_view text);

// One spelling of a bus address, so that two backends' reports of one device compare equal:
// sysfs's form of `text`, or nothing when `text` is no PCI address.
std::optional<std::string> canonical_bus_id(std::string_view text);

}  // namespace suanli::collectors
