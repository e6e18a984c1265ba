#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The PCI Express Device Serial Number (DSN): extended capability 0x0003, a 64-bit number the
// device's maker assigns, unique per device. It is the identity of last resort for a device that
// names itself in no better way. The functions of one multi-function device share it, so it
// tells accelerators apart only where each is a PCI device of its own, as an MI250X GCD and an
// Ascend chip are in the machines this project knows.
namespace suanli::collectors {

// The DSN in a device's configuration space as sysfs `config` gives it: the extended
// capabilities start at 0x100, each header holding the id (bits 0-15) and the next offset (bits
// 20-31); the serial is the two little-endian dwords at cap+4 (low) and cap+8 (high). Nothing
// when the space ends before the capability (a non-root read of sysfs `config` gets only the
// first 64 or 256 bytes), when no capability is 0x0003, or when the serial is all zeros or all
// ones.
std::optional<std::uint64_t> find_device_serial(std::string_view config_space);

// "pci-dsn-<16 lower-case hex digits, most significant first, as lspci orders them>" for the device
// whose sysfs directory is `device_dir` (reads device_dir/config); nothing when the file or its DSN
// is not there.
std::optional<std::string> pci_serial_uuid(const std::string& device_dir);

}  // namespace suanli::collectors
