// suanli-agent --list-devices on the K100_AI fixture, as an operator runs it on a DCU node: each
// DCU listed by the hygon backend, matched to the catalog's row by PCI id, whose figures are
// unknown (no public dense figure), so counted as unknown and never as 0.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/backends_config.hpp"
#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli {
namespace {

TEST(HygonAgent, ListDevicesListsEachDcuWithItsCatalogRow) {
  test::TempDir dir;
  nlohmann::json collectors = test::collectors_only({"hygon"});
  const std::string config = dir.write(
      "agent.json",
      nlohmann::json{{"center", "sz-aicc"}, {"node", "dcu-01"}, {"collectors", collectors}}.dump());
  const auto run = test::run_process({std::string(SUANLI_BINARY_DIR) + "/agent/suanli-agent",
                                      "--list-devices", "--config", config},
                                     {"SUANLI_SYSFS_ROOT=" + std::string(SUANLI_SOURCE_DIR) +
                                      "/tests/fixtures/hygon/k100_ai/sys"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto decoded = wire::decode(wire::make_topic("sz-aicc", "dcu-01", wire::Kind::birth), run.out);
  ASSERT_TRUE(decoded.ok()) << run.out << run.err;
  const auto& birth = std::get<wire::Birth>(*decoded);
  ASSERT_EQ(birth.devices.size(), 2u) << run.out;
  for (const auto& d : birth.devices) {
    EXPECT_EQ(d.backend, "hygon");
    EXPECT_EQ(d.vendor, "Hygon");
    EXPECT_EQ(d.pci_id, "1d94:6211");
    EXPECT_EQ(d.catalog_model, "DCU K100_AI");
    EXPECT_EQ(d.peak_source, PeakSource::unknown);
    EXPECT_TRUE(d.peak_tflops.empty());
    ASSERT_TRUE(d.peak_unknown);
    EXPECT_EQ(*d.peak_unknown, PrecisionSet::all()) << "unknown in every precision, not 0";
  }
  EXPECT_NE(run.err.find("peak unknown"), std::string::npos) << "the agent says why: " << run.err;
}

}  // namespace
}  // namespace suanli
