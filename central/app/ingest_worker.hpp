#pragma once

// Central's ingest thread: takes messages off the IngestQueue in bounded batches, decodes the
// agents' messages outside any lock, then hands each batch to `apply`, which takes the registry's
// lock once for the batch. Runs until the queue is closed and empty.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "central/app/ingest_queue.hpp"
#include "central/core/ingest.hpp"

namespace suanli::central {

// Messages taken off the queue, and the time they spent in each stage (steady clock).
struct IngestStageTotals {
  std::uint64_t messages_total = 0;
  std::uint64_t queue_wait_ns = 0;
  std::uint64_t decode_ns = 0;
  std::uint64_t apply_ns = 0;
};

struct IngestItem {
  QueuedMessage raw;
  // Decoded for a topic of an agent; nothing for the others (site bridges' $SYS states, central
  // instances' states, the city indicator).
  std::optional<DecodedMessage> decoded;
};

class IngestWorker {
 public:
  static constexpr std::size_t kMaxBatch = 256;
  // Test hook: while the file this environment variable names exists, the thread takes nothing
  // off the queue (until release()), so that tests can fill the queue.
  static constexpr const char* kHoldFileEnv = "SUANLI_TEST_INGEST_HOLD_FILE";

  using ApplyBatch = std::function<void(std::vector<IngestItem>& batch)>;

  IngestWorker(IngestQueue& queue, ApplyBatch apply);
  ~IngestWorker();  // join()
  IngestWorker(const IngestWorker&) = delete;
  IngestWorker& operator=(const IngestWorker&) = delete;

  void start();
  // Ends the test hook's hold (at shutdown).
  void release() { released_ = true; }
  // Waits for the thread, which ends once the queue is closed and empty.
  void join();

  IngestStageTotals totals() const;

 private:
  void run();
  void wait_while_held() const;

  IngestQueue& queue_;
  ApplyBatch apply_;
  std::optional<std::string> hold_file_;
  std::atomic<bool> released_{false};
  std::atomic<std::uint64_t> messages_{0};
  std::atomic<std::uint64_t> queue_wait_ns_{0};
  std::atomic<std::uint64_t> decode_ns_{0};
  std::atomic<std::uint64_t> apply_ns_{0};
  std::thread thread_;
};

}  // namespace suanli::central
