// The declared backend: devices from the agent's config, healthy by a liveness probe that runs
// off the sampling path (here a real command; declared_http_probe_test.cpp: a real HTTP server).
#include <gtest/gtest.h>
#include <signal.h>

#include <cerrno>
#include <filesystem>
#include <fstream>

#include "declared_fixtures.hpp"

namespace suanli::collectors {
namespace {

TEST(DeclaredBackend, ReportsTheConfiguredDevicesAsQuantumWithTheirQubits) {
  auto d = quantum("Tianyan-504", 504);
  d.vendor = "China Telecom Quantum Group";
  auto backend = opened({d, quantum("Q2", 72)});
  auto found = backend->discover();
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 2u);
  const DeviceInfo& first = (*found)[0];
  EXPECT_EQ(first.id, "quantum-0");
  EXPECT_EQ(first.device_class, DeviceClass::quantum);
  EXPECT_EQ(first.model, "Tianyan-504");
  EXPECT_EQ(first.vendor, "China Telecom Quantum Group");
  EXPECT_EQ(first.qubits, 504u);
  EXPECT_FALSE(first.uuid);
  EXPECT_EQ((*found)[1].id, "quantum-1");
  EXPECT_EQ((*found)[1].vendor, "unknown");
  EXPECT_EQ((*found)[1].qubits, 72u);
  backend->close();
}

TEST(DeclaredBackend, IsAbsentWithoutDeclaredDevices) {
  auto backend = make_backend("declared", config::AgentConfig{});
  ASSERT_NE(backend, nullptr);
  EXPECT_EQ(backend->open(), "no devices in `declared`");
}

TEST(DeclaredBackend, WithoutAProbeIsHealthyAndUnmeasured) {
  auto backend = opened({quantum("Q", 5)});
  const Reading r = backend->sample(0);
  EXPECT_FALSE(r.unhealthy);
  EXPECT_EQ(r.method, Method::none);
  EXPECT_FALSE(r.activity);
}

TEST(DeclaredBackend, CommandProbeExitingZeroIsHealthy) {
  auto backend = opened({quantum("Q", 5, command_probe({"true"}))});
  EXPECT_EQ(settled_health(*backend, 0), std::nullopt);
}

TEST(DeclaredBackend, CommandProbeExitingNonZeroIsUnhealthy) {
  auto backend = opened({quantum("Q", 5, command_probe({"false"}))});
  EXPECT_EQ(settled_health(*backend, 0), "probe_failed");
}

TEST(DeclaredBackend, CommandThatCannotStartIsUnhealthy) {
  auto backend = opened({quantum("Q", 5, command_probe({"/nonexistent/qc-status"}))});
  EXPECT_EQ(settled_health(*backend, 0), "probe_failed");
}

TEST(DeclaredBackend, CommandHungPastItsDeadlineIsKilledAndUnhealthyWithoutBlockingSamples) {
  const auto dir = std::filesystem::path(testing::TempDir()) / "declared-hung";
  std::filesystem::create_directories(dir);
  const auto pid_file = dir / "pid";
  std::filesystem::remove(pid_file);
  auto backend = opened(
      {quantum(
           "Q", 5,
           command_probe({"sh", "-c", "echo $$ > " + pid_file.string() + "; exec sleep 600"}, 200)),
       quantum("R", 8)});
  // While the probe hangs, sampling answers at once, and the device without a probe is healthy.
  EXPECT_FALSE(backend->sample(1).unhealthy);
  EXPECT_EQ(settled_health(*backend, 0), "probe_timeout");
  pid_t pid = 0;
  std::ifstream(pid_file) >> pid;
  ASSERT_GT(pid, 0);
  errno = 0;
  EXPECT_EQ(kill(pid, 0), -1) << "the hung probe " << pid << " is still running";
  EXPECT_EQ(errno, ESRCH);
}

}  // namespace
}  // namespace suanli::collectors
