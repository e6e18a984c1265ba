// The HTTP ingest batch (POST /api/v1/ingest): the body parsed as central's route parses it
// (central/core/ingest_batch), then every message through central's one ingest front door into a
// fresh registry, as the route does. Input: the body. A rejected message changes no state.

#include <cstddef>
#include <cstdint>

#include "bench/fuzz/fuzz_check.hpp"
#include "central/core/ingest.hpp"
#include "central/core/ingest_batch.hpp"
#include "central/core/json_views.hpp"

using namespace suanli;
using namespace suanli::central;

namespace {

// Just after the newest example of docs/protocol.md (the seed corpus), so they are live.
constexpr std::uint64_t kNowMs = 1'767'315'610'000;
constexpr std::uint64_t kHourMs = 3'600'000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto batch = parse_ingest_batch(fuzz::as_text(data, size));
  if (!batch) {
    fuzz::check(!batch.error().message.empty(), "a refused batch says why");
    return 0;
  }
  fuzz::check(!batch->empty() && batch->size() <= kMaxBatchMessages, "a batch holds 1 to 100");
  Registry registry{CoreSettings{}};
  Ingest ingest{registry};
  for (const BatchMessage& m : *batch) {
    const std::string before = indicator_json(registry, kNowMs).dump();
    IngestResult result = ingest.accept(m.topic, m.payload, kNowMs);
    if (result.outcome == Outcome::rejected) {
      fuzz::check(!result.reject_reason.empty(), "a rejected message is counted by reason");
      fuzz::check(indicator_json(registry, kNowMs).dump() == before,
                  "a rejected message changes no state");
    }
  }
  // Every view of what was applied, now and once the nodes have gone stale and retired.
  for (std::uint64_t now : {kNowMs, kNowMs + kHourMs, kNowMs + 30 * 24 * kHourMs}) {
    registry.tick(now);
    (void)indicator_json(registry, now).dump();
  }
  (void)centers_json(registry).dump();
  (void)nodes_json(registry, NodesPage{}).dump();
  (void)stats_json(ingest, registry).dump();
  return 0;
}
