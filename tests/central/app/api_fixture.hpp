#pragma once

// Central's API router in process, over a registry of test::settings() and a real store in a temp
// dir, for the route tests.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "central/app/api_routes.hpp"
#include "central/http/target.hpp"
#include "tests/central/core/fixtures.hpp"
#include "tests/support/process.hpp"

namespace suanli::central::test {

class ApiFixture : public ::testing::Test {
 protected:
  explicit ApiFixture(std::uint64_t now_ms)
      : registry(settings()),
        ingest(registry),
        store(store::Store::open(tmp.path() + "/central.db").value()),
        router(make_api_router({.registry = registry,
                                .ingest = ingest,
                                .store = store,
                                .now_ms = [now_ms] { return now_ms; },
                                .gauges = [] { return ServiceGauges{}; },
                                .health = [] { return HealthGauges{}; },
                                .ingest_message = nullptr,
                                .refuse_message = nullptr,
                                .on_identity_mismatch = nullptr,
                                .ingest_tokens = {}})) {}

  // GET path?query through the router.
  http::Response get(const std::string& path, const std::string& query) {
    http::Request request;
    request.method = "GET";
    request.path = path;
    request.target = path + (query.empty() ? "" : "?" + query);
    auto parsed = http::parse_query(query);
    EXPECT_TRUE(parsed) << query;
    if (parsed) request.query = *parsed;
    return router.dispatch(request);
  }

  suanli::test::TempDir tmp;
  Registry registry;
  Ingest ingest;
  store::Store store;
  http::Router router;
};

}  // namespace suanli::central::test
