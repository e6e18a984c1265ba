// suanli-agent on tests/fixtures/pci/mixed: the fake NVML (loaded through SUANLI_NVML_LIBRARY, the
// production dlopen path) claims the H100 at 0000:17:00.0; the Cambricon and Kunlunxin cards that
// no backend reads are listed by the pci backend, with unknown peaks and nothing measured.
#include <gtest/gtest.h>

#include "tests/support/process.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli {
namespace {

const std::string kAgent = std::string(SUANLI_BINARY_DIR) + "/agent/suanli-agent";
const std::string kFixture = std::string(SUANLI_SOURCE_DIR) + "/tests/fixtures/pci/mixed";

wire::Message run_agent(const std::string& flag) {
  test::TempDir dir;
  const std::string config = dir.write("agent.json", R"({"center": "sz-aicc", "node": "n1",
      "collectors": {"call_timeout_ms": 2000, "cpu": {"enabled": false}}})");
  const auto run = test::run_process(
      {kAgent, flag, "--config", config},
      {"SUANLI_SYSFS_ROOT=" + kFixture + "/sys", "SUANLI_NVML_LIBRARY=" SUANLI_FAKE_NVML,
       "SUANLI_FAKE_NVML_SCENARIO=" + kFixture + "/nvml.json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const auto kind = flag == "--once" ? wire::Kind::data : wire::Kind::birth;
  auto decoded = wire::decode(wire::make_topic("sz-aicc", "n1", kind), run.out);
  EXPECT_TRUE(decoded.ok()) << run.out << run.err;
  return decoded.ok() ? *decoded : wire::Message{};
}

TEST(PciAgent, ListsTheUnclaimedAcceleratorsNotTheClaimedGpu) {
  const auto message = run_agent("--list-devices");
  ASSERT_TRUE(std::holds_alternative<wire::Birth>(message));
  const auto& devices = std::get<wire::Birth>(message).devices;
  ASSERT_EQ(devices.size(), 3u);
  EXPECT_EQ(devices[0].backend, "nvml");
  EXPECT_EQ(devices[0].pci_id, "10de:2330");
  EXPECT_EQ(devices[0].peak_source, PeakSource::catalog);
  const struct {
    const char* bus;
    const char* vendor;
    const char* pci_id;
  } unclaimed[] = {{"0000:3b:00.0", "Cambricon", "cabc:0370"},
                   {"0000:5e:00.0", "Kunlunxin", "1d22:3684"}};
  for (std::size_t i = 0; i < 2; ++i) {
    const wire::Device& d = devices[i + 1];
    EXPECT_EQ(d.backend, "pci");
    EXPECT_EQ(d.id, std::string("pci-") + unclaimed[i].bus);
    EXPECT_EQ(d.bus_id, unclaimed[i].bus);
    EXPECT_EQ(d.vendor, unclaimed[i].vendor);
    EXPECT_EQ(d.pci_id, unclaimed[i].pci_id);
    EXPECT_EQ(d.device_class, DeviceClass::accelerator);
    EXPECT_EQ(d.peak_source, PeakSource::unknown);
    EXPECT_TRUE(d.peak_tflops.empty());
    EXPECT_FALSE(d.catalog_model);
  }
}

TEST(PciAgent, AnUnclaimedAcceleratorIsHealthyAndNotMeasured) {
  const auto message = run_agent("--once");
  ASSERT_TRUE(std::holds_alternative<wire::Data>(message));
  const auto& data = std::get<wire::Data>(message);
  ASSERT_EQ(data.devices.size(), 3u);
  EXPECT_EQ(data.devices[0].method, Method::busy_time);
  for (std::size_t i = 1; i < 3; ++i) {
    const wire::DeviceWindow& w = data.devices[i];
    EXPECT_TRUE(w.healthy) << w.id;
    EXPECT_EQ(w.method, Method::none);
    EXPECT_FALSE(w.activity_mean);
    EXPECT_TRUE(w.achieved_tflops.empty());
  }
  EXPECT_EQ(data.totals.healthy_devices, 3u);
}

}  // namespace
}  // namespace suanli
