#include "collectors/amd/kfd_topology.hpp"

#include "collectors/sysfs_reader.hpp"

namespace suanli::collectors::amd {
namespace {

std::optional<std::uint64_t> property(std::string_view text, std::string_view key) {
  const auto value = find_field(text, key, ' ');
  return value ? parse_u64(*value) : std::nullopt;
}

}  // namespace

std::optional<KfdGpuNode> parse_kfd_properties(std::string_view text) {
  KfdGpuNode node;
  node.gfx_target_version = property(text, "gfx_target_version").value_or(0);
  if (node.gfx_target_version == 0) return std::nullopt;
  const auto simds = property(text, "simd_count");
  const auto per_cu = property(text, "simd_per_cu");
  if (simds && per_cu && *per_cu > 0 && *simds >= *per_cu) {
    node.compute_units = static_cast<int>(*simds / *per_cu);
  }
  node.domain = property(text, "domain");
  node.location_id = property(text, "location_id");
  node.drm_render_minor = property(text, "drm_render_minor");
  if (auto mhz = property(text, "max_engine_clk_fcompute"); mhz && *mhz > 0) {
    node.max_engine_clock_mhz = static_cast<double>(*mhz);
  }
  return node;
}

std::vector<KfdGpuNode> read_kfd_gpu_nodes(const std::string& sysfs_root) {
  const std::string dir = sysfs_root + "/class/kfd/kfd/topology/nodes/";
  std::vector<KfdGpuNode> nodes;
  for (const std::string& name : list_dir(dir)) {
    const auto text = read_text(dir + name + "/properties");
    if (!text) continue;
    if (auto node = parse_kfd_properties(*text)) nodes.push_back(*node);
  }
  return nodes;
}

const KfdGpuNode* match_kfd_node(const std::vector<KfdGpuNode>& nodes,
                                 const std::optional<PciAddress>& address,
                                 std::optional<std::uint64_t> render_minor) {
  for (const KfdGpuNode& node : nodes) {
    if (address && node.location_id == address->location_id() &&
        node.domain.value_or(0) == address->domain) {
      return &node;
    }
  }
  for (const KfdGpuNode& node : nodes) {
    if (render_minor && node.drm_render_minor == render_minor) return &node;
  }
  return nullptr;
}

}  // namespace suanli::collectors::amd
