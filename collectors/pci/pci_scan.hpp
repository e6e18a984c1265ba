#pragma once

#include <string>
#include <vector>

#include "collectors/device_backend.hpp"
#include "collectors/pci/accelerator_ids.hpp"

namespace suanli::collectors::pci {

// One function of <sysfs_root>/bus/pci/devices.
struct PciFunction {
  std::string bus_id;  // "0000:3b:00.0", the directory's name
  std::string dir;
  PciIdentity id;
};

// The accelerators on the bus, in address order. SR-IOV virtual functions (those with a physfn
// link) are left out: their physical function stands for the card.
std::vector<PciFunction> find_accelerators(const std::string& sysfs_root);

// What the bus says of the function: its maker, ids and address; nothing measured.
DeviceInfo describe_function(const PciFunction& function);

}  // namespace suanli::collectors::pci
