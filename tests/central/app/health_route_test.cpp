// GET /healthz answers while the service's state lock is held for writing (ingest's batch or the
// tick): it reads only the health gauges, never the registry.

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <shared_mutex>

#include "central/app/api_routes.hpp"
#include "tests/central/core/fixtures.hpp"
#include "tests/support/process.hpp"

namespace suanli::central {
namespace {

http::Response get(http::Router& router, const std::string& path) {
  http::Request request;
  request.method = "GET";
  request.path = path;
  request.target = path;
  return router.dispatch(request);
}

TEST(HealthRoute, AnswersWhileTheStateLockIsHeldForWriting) {
  suanli::test::TempDir tmp;
  Registry registry(test::settings());
  Ingest ingest(registry);
  store::Store store = store::Store::open(tmp.path() + "/central.db").value();
  std::shared_mutex state;
  http::Router router = make_api_router(
      {.registry = registry,
       .ingest = ingest,
       .store = store,
       .now_ms = [] { return std::uint64_t{1'000'000}; },
       .gauges = [] { return ServiceGauges{}; },
       .health =
           [] {
             return HealthGauges{
                 .mqtt_connected = true, .store_errors_total = 3, .store_write_error = "disk full"};
           },
       .ingest_message = nullptr,
       .refuse_message = nullptr,
       .on_identity_mismatch = nullptr,
       .ingest_tokens = {},
       .state_lock = &state});

  std::unique_lock writing(state);
  auto health = std::async(std::launch::async, [&] { return get(router, "/healthz"); });
  // Far longer than any answer takes; a /healthz that waited for the lock never answers here.
  ASSERT_EQ(health.wait_for(std::chrono::seconds(60)), std::future_status::ready);
  const http::Response r = health.get();
  EXPECT_EQ(r.status, 503);
  const auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body.at("status"), "degraded");
  EXPECT_EQ(body.at("mqtt_connected"), true);
  EXPECT_EQ(body.at("store_errors_total"), 3);
  EXPECT_EQ(body.at("reason"), "store: cannot write: disk full");

  // The registry's routes do wait for it.
  auto indicator = std::async(std::launch::async, [&] { return get(router, "/api/v1/indicator"); });
  writing.unlock();
  EXPECT_EQ(indicator.get().status, 200);
}

}  // namespace
}  // namespace suanli::central
