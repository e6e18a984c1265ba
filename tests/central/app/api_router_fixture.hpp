#pragma once

// Central's API router in process, over an empty registry and a store in a temporary directory,
// with the clock at kT0: the route tests send it GETs.

#include <gtest/gtest.h>

#include <string>

#include "central/app/api_routes.hpp"
#include "central/http/target.hpp"
#include "tests/central/core/fixtures.hpp"
#include "tests/support/process.hpp"

namespace suanli::central::test {

class ApiRouterTest : public ::testing::Test {
 protected:
  ApiRouterTest()
      : registry(settings()),
        ingest(registry),
        store(store::Store::open(tmp.path() + "/central.db").value()),
        router(make_api_router({.registry = registry,
                                .ingest = ingest,
                                .store = store,
                                .now_ms = [] { return kT0; },
                                .gauges = [] { return ServiceGauges{}; },
                                .ingest_message = nullptr,
                                .refuse_message = nullptr,
                                .on_identity_mismatch = nullptr,
                                .ingest_tokens = {}})) {}

  // GET path?query.
  http::Response get(const std::string& path, const std::string& query) {
    http::Request request;
    request.method = "GET";
    request.path = path;
    request.target = request.path + (query.empty() ? "" : "?" + query);
    auto parsed = http::parse_query(query);
    EXPECT_TRUE(parsed);
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
