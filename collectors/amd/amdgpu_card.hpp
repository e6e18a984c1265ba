#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collectors/amd/amdgpu_vendor.hpp"
#include "collectors/amd/kfd_topology.hpp"
#include "collectors/device_backend.hpp"
#include "collectors/pci_address.hpp"

namespace suanli::collectors::amd {

// One /sys/class/drm/cardN whose device is an accelerator of an amdgpu vendor, driven by its
// driver. Each GCD of an MI250X is a card of its own.
struct AmdgpuCard {
  std::string name;        // "card0"
  std::string device_dir;  // <sysfs_root>/class/drm/card0/device
  std::string bus_id;      // "0000:c1:00.0"; empty when sysfs does not say
  std::optional<PciAddress> address;
  std::optional<std::uint64_t> render_minor;  // N of device/drm/renderDN
};

// The cards of `vendor` under sysfs_root (its PCI vendor id; a uevent naming a driver not its
// own excludes a card), in card-number order. Connector entries (card0-DP-1) and render nodes
// are skipped.
std::vector<AmdgpuCard> find_amdgpu_cards(const std::string& sysfs_root,
                                          const AmdgpuVendor& vendor);

// Static facts of a card; CU count and gfx target from its KFD node when one matches.
DeviceInfo describe_card(const AmdgpuCard& card, const std::vector<KfdGpuNode>& kfd_nodes,
                         const AmdgpuVendor& vendor);

}  // namespace suanli::collectors::amd
