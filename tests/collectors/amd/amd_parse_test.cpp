#include <gtest/gtest.h>

#include "collectors/amd/dpm_clocks.hpp"
#include "collectors/amd/gfx_target.hpp"
#include "collectors/amd/kfd_topology.hpp"
#include "collectors/pci_address.hpp"

namespace suanli::collectors::amd {
namespace {

TEST(AmdPciAddress, ParsesAndGivesKfdLocationId) {
  const auto a = parse_pci_address("0000:c1:00.0");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->bus, 0xc1u);
  EXPECT_EQ(a->location_id(), 0xc100u);
  const auto b = parse_pci_address("0001:05:1f.7");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->domain, 1u);
  EXPECT_EQ(b->location_id(), (0x05u << 8) | (0x1fu << 3) | 7u);
  EXPECT_FALSE(parse_pci_address("0000:c1:00"));
  EXPECT_FALSE(parse_pci_address("0000:c1:00.0x"));
  EXPECT_FALSE(parse_pci_address("card0"));
}

TEST(AmdPciAddress, OneSpellingOfABusAddress) {
  EXPECT_EQ(canonical_bus_id("00000000:B1:00.0"), "0000:b1:00.0");  // NVML
  EXPECT_EQ(canonical_bus_id("0000:b1:00.0"), "0000:b1:00.0");      // sysfs
  EXPECT_EQ(canonical_bus_id("10000:e0:1f.7"), "10000:e0:1f.7");    // behind an Intel VMD
  EXPECT_FALSE(canonical_bus_id("000:b1:00.0"));
  EXPECT_FALSE(canonical_bus_id("000000000:b1:00.0"));
  EXPECT_FALSE(canonical_bus_id("0000:b1:20.0"));
  EXPECT_FALSE(canonical_bus_id(""));
}

TEST(AmdGfxTarget, NamesAndArchitectures) {
  EXPECT_EQ(gfx_target_name(90008), "gfx908");
  EXPECT_EQ(gfx_target_name(90010), "gfx90a");
  EXPECT_EQ(gfx_target_name(90402), "gfx942");
  EXPECT_EQ(gfx_target_name(100100), "gfx1010");
  EXPECT_FALSE(gfx_target_name(0));
  EXPECT_EQ(arch_from_gfx_target(90008), Arch::amd_gfx908);
  EXPECT_EQ(arch_from_gfx_target(90010), Arch::amd_gfx90a);
  EXPECT_EQ(arch_from_gfx_target(90402), Arch::amd_gfx942);
  EXPECT_EQ(arch_from_gfx_target(90400), Arch::amd_gfx942);  // MI300A (gfx940)
  EXPECT_EQ(arch_from_gfx_target(90401), Arch::amd_gfx942);  // early MI300X (gfx941)
  EXPECT_FALSE(arch_from_gfx_target(90500));                 // gfx950: no rates known
  EXPECT_FALSE(arch_from_gfx_target(110000));
}

TEST(AmdDpmClocks, CurrentIsStarredMaxIsHighest) {
  const DpmClocks c = parse_dpm_clocks("0: 500Mhz\n1: 800Mhz *\n2: 1700Mhz\n");
  EXPECT_EQ(c.current_mhz, 800.0);
  EXPECT_EQ(c.max_mhz, 1700.0);
  const DpmClocks empty = parse_dpm_clocks("");
  EXPECT_FALSE(empty.current_mhz);
  EXPECT_FALSE(empty.max_mhz);
}

TEST(AmdKfdTopology, GpuNodeProperties) {
  const auto node = parse_kfd_properties(
      "cpu_cores_count 0\nsimd_count 440\nsimd_per_cu 4\nlocation_id 49408\ndomain 0\n"
      "drm_render_minor 128\nmax_engine_clk_fcompute 1700\ngfx_target_version 90010\n");
  ASSERT_TRUE(node);
  EXPECT_EQ(node->compute_units, 110);
  EXPECT_EQ(node->location_id, 0xc100u);
  EXPECT_EQ(node->drm_render_minor, 128u);
  EXPECT_EQ(node->max_engine_clock_mhz, 1700.0);
  EXPECT_FALSE(parse_kfd_properties("cpu_cores_count 64\nsimd_count 0\ngfx_target_version 0\n"));
}

TEST(AmdKfdTopology, MatchesByAddressThenRenderMinor) {
  KfdGpuNode a;
  a.gfx_target_version = 90010;
  a.location_id = 0xc100;
  a.domain = 0;
  a.drm_render_minor = 128;
  KfdGpuNode b = a;
  b.location_id = 0xc600;
  b.drm_render_minor = 129;
  const std::vector<KfdGpuNode> nodes{a, b};
  EXPECT_EQ(match_kfd_node(nodes, parse_pci_address("0000:c6:00.0"), 128), &nodes[1]);
  EXPECT_EQ(match_kfd_node(nodes, std::nullopt, 129), &nodes[1]);
  EXPECT_EQ(match_kfd_node(nodes, parse_pci_address("0001:c1:00.0"), std::nullopt), nullptr);
  EXPECT_EQ(match_kfd_node(nodes, std::nullopt, std::nullopt), nullptr);
}

}  // namespace
}  // namespace suanli::collectors::amd
