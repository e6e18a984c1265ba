#include "collectors/pci/pci_scan.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "collectors/pci_address.hpp"
#include "collectors/pci_serial.hpp"
#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::pci {
namespace {

std::optional<PciIdentity> read_identity(const std::string& dir) {
  const auto vendor = read_u64(dir + "/vendor");
  const auto device = read_u64(dir + "/device");
  const auto class_code = read_u64(dir + "/class");
  if (!vendor || !device || !class_code || *vendor > 0xffff || *device > 0xffff) {
    return std::nullopt;
  }
  return PciIdentity{static_cast<std::uint16_t>(*vendor), static_cast<std::uint16_t>(*device),
                     static_cast<std::uint32_t>(*class_code & 0xffffff)};
}

bool is_virtual_function(const std::string& dir) {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::symlink_status(dir + "/physfn", ec));
}

}  // namespace

std::vector<PciFunction> find_accelerators(const std::string& sysfs_root) {
  const std::string devices_dir = sysfs_root + "/bus/pci/devices/";
  std::vector<PciFunction> found;
  for (const std::string& name : list_dir(devices_dir)) {
    const auto address = parse_pci_address(name);
    if (!address) continue;
    const std::string dir = devices_dir + name;
    const auto id = read_identity(dir);
    if (!id || !is_accelerator(*id) || is_virtual_function(dir)) continue;
    found.push_back({address->to_string(), dir, *id});
  }
  std::sort(found.begin(), found.end(),
            [](const PciFunction& a, const PciFunction& b) { return a.bus_id < b.bus_id; });
  return found;
}

DeviceInfo describe_function(const PciFunction& function) {
  DeviceInfo info;
  info.device_class = DeviceClass::accelerator;
  info.vendor =
      std::string(vendor_name(function.id.vendor).value_or(format_hex(function.id.vendor, 4)));
  info.identity.pci_id =
      format_hex(function.id.vendor, 4) + ":" + format_hex(function.id.device, 4);
  info.model = "PCI " + *info.identity.pci_id;
  info.id = "pci-" + function.bus_id;
  info.bus_id = function.bus_id;
  info.uuid = pci_serial_uuid(function.dir);
  return info;
}

}  // namespace suanli::collectors::pci
