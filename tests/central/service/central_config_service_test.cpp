// suanli-central's exit codes and messages for a bad config, bad HTTPS or ingest token files, an
// unwritable store and an HTTP address already in use.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <vector>

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

// Each case: the config change, then what the one error line must hold.
struct StartupProblem {
  std::string name;
  std::function<void(json&)> change;
  std::string expected;
};

void expect_exit_2_with(const test::TempDir& dir, const StartupProblem& problem) {
  json cfg = offline_config(dir);
  problem.change(cfg);
  test::ProcessResult r = run_central(dir, cfg);
  EXPECT_EQ(r.exit_code, 2) << problem.name << ": " << r.err;
  EXPECT_NE(r.err.find(problem.expected), std::string::npos) << problem.name << ": " << r.err;
}

TEST(CentralConfig, HttpsFileProblemsExit2NamingTheKey) {
  test::TempDir dir;
  test::TestPki pki(dir.path() + "/pki");
  const std::string absent = dir.path() + "/absent.pem";
  for (const StartupProblem& p : std::vector<StartupProblem>{
           {"cert without key",
            [&](json& c) {
              c["http"]["tls"] = {{"cert_file", pki.server().cert}};
            },
            "http.tls.key_file: required when the other of http.tls.cert_file and key_file is "
            "set"},
           {"key without cert",
            [&](json& c) {
              c["http"]["tls"] = {{"key_file", pki.server().key}};
            },
            "http.tls.cert_file: required when the other"},
           {"unreadable certificate",
            [&](json& c) {
              c["http"]["tls"] = {{"cert_file", absent}, {"key_file", pki.server().key}};
            },
            "http.tls.cert_file: " + absent + ": cannot read: No such file or directory"},
           {"unreadable key",
            [&](json& c) {
              c["http"]["tls"] = {{"cert_file", pki.server().cert}, {"key_file", absent}};
            },
            "http.tls.key_file: " + absent + ": cannot read: No such file or directory"},
           {"key of another certificate",
            [&](json& c) {
              c["http"]["tls"] = {{"cert_file", pki.server().cert}, {"key_file", pki.client().key}};
            },
            "http.tls.key_file: " + pki.client().key + " does not match the certificate"}}) {
    expect_exit_2_with(dir, p);
  }
}

TEST(CentralConfig, IngestTokenFileProblemsExit2NamingTheKey) {
  test::TempDir dir;
  const std::string absent = dir.path() + "/absent.json";
  const std::string short_token = dir.write(
      "short.json", R"({"tokens": [{"name": "a", "token": "short", "centers": ["sz-aicc"]}]})");
  for (const StartupProblem& p : std::vector<StartupProblem>{
           {"unreadable", [&](json& c) { c["http"]["ingest_tokens_file"] = absent; },
            "http.ingest_tokens_file: " + absent + ": cannot read: No such file or directory"},
           {"short token", [&](json& c) { c["http"]["ingest_tokens_file"] = short_token; },
            "http.ingest_tokens_file: " + short_token +
                ": tokens[0].token: shorter than 16 characters"},
           {"the old key", [&](json& c) { c["http"]["ingest_token_file"] = short_token; },
            "http.ingest_token_file: unknown key"}}) {
    expect_exit_2_with(dir, p);
  }
}

}  // namespace
}  // namespace suanli::central_service_test
