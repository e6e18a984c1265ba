#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/pci_address.hpp"

namespace suanli::collectors::amd {

// One GPU node of the KFD topology (/sys/class/kfd/kfd/topology/nodes/N/properties).
struct KfdGpuNode {
  std::uint64_t gfx_target_version = 0;
  std::optional<int> compute_units;  // simd_count / simd_per_cu
  std::optional<std::uint64_t> domain;
  std::optional<std::uint64_t> location_id;
  std::optional<std::uint64_t> drm_render_minor;
  std::optional<double> max_engine_clock_mhz;  // max_engine_clk_fcompute
};

// A node's properties text; nullopt for CPU nodes (gfx_target_version 0 or missing).
std::optional<KfdGpuNode> parse_kfd_properties(std::string_view text);

// Every GPU node under sysfs_root; empty without KFD (amdgpu loaded without compute).
std::vector<KfdGpuNode> read_kfd_gpu_nodes(const std::string& sysfs_root);

// The node of the card at `address` (domain and location_id), else the one with the card's
// render minor; nullptr when neither matches.
const KfdGpuNode* match_kfd_node(const std::vector<KfdGpuNode>& nodes,
                                 const std::optional<PciAddress>& address,
                                 std::optional<std::uint64_t> render_minor);

}  // namespace suanli::collectors::amd
