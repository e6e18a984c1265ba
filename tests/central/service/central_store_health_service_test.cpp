// /healthz while the store cannot write: central's store on a small tmpfs (mounted for the test;
// skipped where mounting is not permitted), filled until SQLite's writes fail, then emptied.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

#include "tests/central/service/central_harness.hpp"

namespace suanli::central_service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// A tmpfs of `size` mounted on `dir` for as long as it lives.
class Tmpfs {
 public:
  Tmpfs(std::string dir, const std::string& size) : dir_(std::move(dir)) {
    ::mkdir(dir_.c_str(), 0700);
    const std::string options = "size=" + size + ",mode=0700";
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
      error_ = std::strerror(errno);
    }
  }
  ~Tmpfs() {
    if (error_.empty()) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;
  // Why it could not be mounted; empty when it was.
  const std::string& error() const { return error_; }

 private:
  std::string dir_;
  std::string error_;
};

// Writes `path` until the file system has no space left; false when a write fails otherwise.
bool fill(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return false;
  const std::string chunk(64 * 1024, 'x');
  bool full = false;
  while (!full) {
    ssize_t n = ::write(fd, chunk.data(), chunk.size());
    if (n < 0 && errno != ENOSPC) break;
    full = n < 0 || static_cast<std::size_t>(n) < chunk.size();
  }
  ::close(fd);
  return full;
}

// GET /healthz until it answers `status` (bounded; central flushes its store once a second).
test::HttpReply healthz_until(Central& central, long status) {
  test::HttpReply reply;
  for (int attempt = 0; attempt < 300; ++attempt) {
    reply = central.get("/healthz");
    if (reply.status == status || !central.alive()) break;
    std::this_thread::sleep_for(100ms);
  }
  return reply;
}

TEST(CentralStoreHealth, HealthzIsDegradedWhileTheStoreCannotWrite) {
  test::TempDir dir;
  const std::string store_dir = dir.path() + "/store";
  Tmpfs tmpfs(store_dir, "4m");
  if (!tmpfs.error().empty()) {
    GTEST_SKIP() << "cannot mount a tmpfs for the store (needs root or CAP_SYS_ADMIN): "
                 << tmpfs.error();
  }
  // No broker: the store is flushed every second whether or not MQTT is up.
  json cfg = central_config(dir, "mqtt://127.0.0.1:" + std::to_string(test::free_port()));
  cfg["store"]["path"] = store_dir + "/central.db";
  Central central(dir, cfg);
  test::HttpReply healthy = healthz_until(central, 200);
  ASSERT_EQ(healthy.status, 200) << central.err();
  EXPECT_EQ(json::parse(healthy.body).at("status"), "ok");

  ASSERT_TRUE(fill(store_dir + "/filler"));
  test::HttpReply degraded = healthz_until(central, 503);
  ASSERT_EQ(degraded.status, 503) << degraded.body << "\n" << central.err();
  json body = json::parse(degraded.body);
  EXPECT_EQ(body.at("status"), "degraded");
  const std::string reason = body.at("reason");
  EXPECT_EQ(reason.rfind("store: cannot write: ", 0), 0u) << reason;
  EXPECT_NE(reason.find("full"), std::string::npos) << reason;
  EXPECT_GE(body.at("store_errors_total").get<int>(), 1);
  EXPECT_NE(central.get("/metrics").body.find("suanli_store_writable 0"), std::string::npos);

  ASSERT_EQ(::unlink((store_dir + "/filler").c_str()), 0);
  test::HttpReply recovered = healthz_until(central, 200);
  ASSERT_EQ(recovered.status, 200) << recovered.body << "\n" << central.err();
  EXPECT_EQ(json::parse(recovered.body).at("status"), "ok");
  EXPECT_FALSE(json::parse(recovered.body).contains("reason"));
  EXPECT_NE(central.err().find("store: writing again after"), std::string::npos) << central.err();
}

}  // namespace
}  // namespace suanli::central_service_test
