#include "tests/catalog/test_util.hpp"

namespace suanli::catalog_test {
namespace {

TEST(CatalogLookup, NameIsCaseInsensitive) {
  EXPECT_EQ(found_model(by_name("nvidia h100 80gb hbm3")), "H100 SXM5 80GB");
  EXPECT_EQ(found_model(by_name("TESLA V100-PCIE-32GB")), "V100 PCIe 16GB/32GB");
}

TEST(CatalogLookup, NameMustMatchTheWholeString) {
  EXPECT_EQ(found_model(by_name("NVIDIA H100")), std::nullopt);
  EXPECT_EQ(found_model(by_name("NVIDIA H100 80GB HBM3 ")), std::nullopt);
  EXPECT_EQ(found_model(by_name("H100 80GB HBM3")), std::nullopt);
  EXPECT_EQ(found_model(by_name("")), std::nullopt);
}

TEST(CatalogLookup, ModelNameFromASimConfigMatches) {
  const auto match = builtin_catalog().find(by_name("H100 SXM5 80GB"));
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->row->model, "H100 SXM5 80GB");
  EXPECT_EQ(match->by, MatchKind::name);
}

TEST(CatalogLookup, PciIdComesBeforeName) {
  DeviceIdentity id = by_pci("10de:2324");
  id.name = "NVIDIA H100 80GB HBM3";
  const auto match = builtin_catalog().find(id);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->row->model, "H800 SXM 80GB");
  EXPECT_EQ(match->by, MatchKind::pci);
}

TEST(CatalogLookup, UnknownPciIdFallsBackToName) {
  DeviceIdentity id = by_pci("10de:ffff");
  id.name = "NVIDIA L40S";
  const auto match = builtin_catalog().find(id);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->row->model, "L40S 48GB");
  EXPECT_EQ(match->by, MatchKind::name);
}

TEST(CatalogLookup, AmbiguousPciIdFallsThroughToName) {
  DeviceIdentity id = by_pci("1002:740c");
  id.name = "AMD Instinct MI250X";
  const auto match = builtin_catalog().find(id);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->row->model, "Instinct MI250X (per GCD, as enumerated)");
  EXPECT_EQ(match->by, MatchKind::name);
}

TEST(CatalogLookup, SharedNamePickedByUnitCount) {
  EXPECT_EQ(found_model(by_name("AMD Instinct MI250X / MI250", 104)),
            "Instinct MI250 (per GCD, as enumerated)");
  EXPECT_EQ(found_model(by_name("AMD Instinct MI250X / MI250", 110)),
            "Instinct MI250X (per GCD, as enumerated)");
  EXPECT_EQ(found_model(by_name("AMD Instinct MI250X / MI250")), std::nullopt);
}

TEST(CatalogLookup, NothingKnownFindsNothing) {
  EXPECT_EQ(found_model(DeviceIdentity{}), std::nullopt);
  EXPECT_EQ(found_model(by_pci("ffff:0001")), std::nullopt);
}

TEST(CatalogLookup, MatchKindWords) {
  EXPECT_EQ(to_string(MatchKind::pci), "pci");
  EXPECT_EQ(to_string(MatchKind::name), "name");
}

}  // namespace
}  // namespace suanli::catalog_test
