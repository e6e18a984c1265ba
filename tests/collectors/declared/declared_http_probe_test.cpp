// The declared backend's HTTP probe against a real local HTTP server.
#include <gtest/gtest.h>

#include "declared_fixtures.hpp"
#include "tests/support/http_server.hpp"

namespace suanli::collectors {
namespace {

TEST(DeclaredBackend, HttpProbeAnswered2xxIsHealthy) {
  test::HttpTestServer server;
  server.set_default_status(200);
  auto backend = opened({quantum("Q", 5, http_probe(server.url("/up")))});
  EXPECT_EQ(settled_health(*backend, 0), std::nullopt);
  auto requests = server.requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/up");
}

TEST(DeclaredBackend, HttpProbeAnsweredOtherwiseIsUnhealthy) {
  test::HttpTestServer server;
  server.set_default_status(503);
  auto backend = opened({quantum("Q", 5, http_probe(server.url("/up")))});
  EXPECT_EQ(settled_health(*backend, 0), "probe_failed");
}

TEST(DeclaredBackend, HttpProbeRefusedIsUnhealthy) {
  test::HttpTestServer server;
  const std::string url = server.url("/up");
  server.stop();
  auto backend = opened({quantum("Q", 5, http_probe(url))});
  EXPECT_EQ(settled_health(*backend, 0), "probe_failed");
}

TEST(DeclaredBackend, HttpProbeHungPastItsDeadlineIsUnhealthy) {
  test::HttpTestServer server;
  server.set_silent(true);
  auto backend = opened({quantum("Q", 5, http_probe(server.url("/up"), 300)), quantum("R", 8)});
  EXPECT_FALSE(backend->sample(1).unhealthy);
  EXPECT_EQ(settled_health(*backend, 0), "probe_timeout");
}

}  // namespace
}  // namespace suanli::collectors
