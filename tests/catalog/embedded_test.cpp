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

TEST(CatalogEmbedded, ParsesWithEveryRowCarryingFigures) {
  const auto catalog = Catalog::builtin();
  ASSERT_TRUE(catalog.ok()) << catalog.error();
  // Every row of the reference catalog that has figures: 46 of its 55 (the others have none).
  EXPECT_EQ(catalog->rows().size(), 46u);
  for (const CatalogRow& row : catalog->rows()) {
    EXPECT_NE(row_peaks(row).source, PeakSource::unknown) << row.model;
    EXPECT_FALSE(row.source.empty()) << row.model;
    EXPECT_FALSE(row.confidence.empty()) << row.model;
  }
}

TEST(CatalogEmbedded, PackageRowsAreNotEnumeratedDevices) {
  EXPECT_FALSE(row_named("Instinct MI250X (per OAM = 2 GCDs)").enumerated_device);
  EXPECT_FALSE(row_named("MLU370-X8 (per card, 2 x MLU370 chips)").enumerated_device);
  EXPECT_TRUE(row_named("Instinct MI250X (per GCD, as enumerated)").enumerated_device);
  EXPECT_TRUE(row_named("Ascend 910C (per die; Atlas A3 / CloudMatrix 384)").enumerated_device);
}

}  // namespace
}  // namespace suanli::catalog_test
