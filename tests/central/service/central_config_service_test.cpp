// suanli-central's exit codes and messages for a bad config, an unwritable store and an HTTP
// address already in use.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/central/service/central_harness.hpp"

namespace suanli::central_service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

test::ProcessResult run_central(const test::TempDir& dir, const json& cfg) {
  return test::run_process({central_binary(), "--config", dir.write("central.json", cfg.dump())},
                           {}, 30s);
}

// A TCP socket listening on 127.0.0.1:port for as long as it lives.
class Listener {
 public:
  Listener() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 4) != 0) {
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~Listener() { ::close(fd_); }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

// No broker is needed: each failure comes before central connects.
json offline_config(const test::TempDir& dir) {
  return central_config(dir, "mqtt://127.0.0.1:" + std::to_string(test::free_port()));
}

TEST(CentralConfig, ABadValueExits2NamingTheKey) {
  test::TempDir dir;
  json cfg = offline_config(dir);
  cfg["stale_after_intervals"] = "three";
  test::ProcessResult r = run_central(dir, cfg);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("stale_after_intervals"), std::string::npos) << r.err;

  cfg = offline_config(dir);
  cfg["http"]["listen"] = "nowhere";
  r = run_central(dir, cfg);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("http.listen"), std::string::npos) << r.err;
}

TEST(CentralConfig, AnUnwritableStoreExits1NamingTheFile) {
  test::TempDir dir;
  json cfg = offline_config(dir);
  const std::string path = dir.write("plain-file", "x") + "/history.db";  // parent is a file
  cfg["store"]["path"] = path;
  test::ProcessResult r = run_central(dir, cfg);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
}

TEST(CentralConfig, AnAddressInUseExits1NamingTheAddress) {
  test::TempDir dir;
  Listener taken;
  json cfg = offline_config(dir);
  const std::string address = "127.0.0.1:" + std::to_string(taken.port());
  cfg["http"]["listen"] = address;
  test::ProcessResult r = run_central(dir, cfg);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(address), std::string::npos) << r.err;
}

}  // namespace
}  // namespace suanli::central_service_test
