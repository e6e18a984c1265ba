// central's request target and query parsing (central/http/target, the router's path parameters)
// and the one route that reads numbers from the query, GET /api/v1/history. Input: the request
// target as sent ("/api/v1/history?from=1&step=60000"). The router answers every path, and a
// history query is either refused or spans at most the points the store allows.

#include <cstddef>
#include <cstdint>
#include <string>

#include "bench/fuzz/fuzz_check.hpp"
#include "central/app/history_params.hpp"
#include "central/http/router.hpp"
#include "central/http/target.hpp"
#include "central/store/history_query.hpp"

using namespace suanli;

namespace {

constexpr std::uint64_t kNowMs = 1'767'315'610'000;

// The shapes of central's routes (central/app/api_routes.cpp), each answering with the
// parameters it was given.
const http::Router& router() {
  static const http::Router r = [] {
    http::Router out;
    auto echo = [](const http::Request& req) {
      std::string body;
      for (const auto& [name, value] : req.path_params)
        body += name + "=" + value + "\n";
      return http::Response::text(200, body);
    };
    for (const char* pattern :
         {"/healthz", "/api/v1/indicator", "/api/v1/centers", "/api/v1/centers/{id}",
          "/api/v1/nodes", "/api/v1/history", "/metrics", "/api/v1/centers/{id}/nodes/{node}"}) {
      out.get(pattern, echo);
    }
    out.post("/api/v1/ingest", echo);
    return out;
  }();
  return r;
}

void check_history_query(const http::Request& request) {
  store::HistoryQuery q;
  try {
    q = central::history_params_of(request, kNowMs, central::CoreSettings{}).query;
  } catch (const http::BadParameter&) {
    return;  // 400, naming the parameter
  }
  auto buckets = store::history_bucket_count(q);
  fuzz::check(buckets && *buckets >= 1 && *buckets <= store::kMaxHistoryPoints,
              "an accepted history query spans 1 to kMaxHistoryPoints points");
  fuzz::check(q.step_ms % store::kMinuteMs == 0, "an accepted step is whole minutes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target = fuzz::as_text(data, size);
  auto parts = http::split_target(target);
  fuzz::check(parts.path.size() + parts.query.size() <= target.size(),
              "the parts are the target's");
  (void)http::percent_decode(parts.path, false);
  auto query = http::parse_query(parts.query);
  if (!parts.path.starts_with('/') || !query) return 0;  // 400, as the session answers

  http::Request request;
  request.method = "GET";
  request.target = std::string(target);
  request.path = std::string(parts.path);
  request.query = std::move(*query);
  const http::Response response = router().dispatch(request);
  fuzz::check(response.status == 200 || response.status == 404 || response.status == 405,
              "the router answers 200, 404 or 405");
  check_history_query(request);
  return 0;
}
