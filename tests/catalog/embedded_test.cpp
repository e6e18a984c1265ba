#include <fstream>
#include <sstream>

#include "tests/catalog/test_util.hpp"

namespace suanli::catalog_test {
namespace {

TEST(CatalogEmbedded, EqualsTheFileInTheSourceTree) {
  std::ifstream in(SUANLI_SOURCE_DIR "/collectors/catalog/catalog.json", std::ios::binary);
  ASSERT_TRUE(in) << "cannot open collectors/catalog/catalog.json";
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_TRUE(text.str() == Catalog::builtin_json()) << "rebuild: the binary's catalog is stale";
}

TEST(CatalogEmbedded, ParsesWithEveryRowSourcedAndItsOrigin) {
  const auto catalog = Catalog::builtin();
  ASSERT_TRUE(catalog.ok()) << catalog.error();
  // The reference catalog's 55 rows and the 5 of collectors/catalog/additions.json.
  EXPECT_EQ(catalog->rows().size(), 60u);
  std::size_t without_figures = 0;
  for (const CatalogRow& row : catalog->rows()) {
    EXPECT_FALSE(row.source.empty()) << row.model;
    EXPECT_FALSE(row.confidence.empty()) << row.model;
    EXPECT_FALSE(row.origin.empty()) << row.model;
    if (row_peaks(row).source != PeakSource::unknown) continue;
    ++without_figures;  // kept so that the device is named and counted as unknown
    EXPECT_FALSE(row.uncertain.empty()) << row.model << " says nothing of its missing figures";
  }
  EXPECT_EQ(without_figures, 12u);
}

TEST(CatalogEmbedded, RowsSayWhereTheyCameFrom) {
  EXPECT_EQ(row_named("H100 SXM5 80GB").origin, "reference catalog row 1");
  EXPECT_TRUE(row_named("H200 NVL 141GB").origin.starts_with("reference catalog row 5; "))
      << row_named("H200 NVL 141GB").origin;
  EXPECT_EQ(row_named("Ascend 910B1").origin, "collectors/catalog/additions.json");
  EXPECT_FALSE(row_named("H20 96GB").silicon_reference);
  EXPECT_TRUE(row_named("H100 PCIe 80GB").silicon_reference);
}

TEST(CatalogEmbedded, PackageRowsAreNotEnumeratedDevices) {
  EXPECT_FALSE(row_named("Instinct MI250X (per OAM = 2 GCDs)").enumerated_device);
  EXPECT_FALSE(row_named("MLU370-X8 (per card, 2 x MLU370 chips)").enumerated_device);
  EXPECT_TRUE(row_named("Instinct MI250X (per GCD, as enumerated)").enumerated_device);
  EXPECT_TRUE(row_named("Ascend 910C (per die; Atlas A3 / CloudMatrix 384)").enumerated_device);
}

}  // namespace
}  // namespace suanli::catalog_test
