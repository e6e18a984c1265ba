#pragma once

// Central's ingest, a pipeline of two threads: `decode` takes messages off the IngestQueue in
// bounded batches and decodes the agents' messages outside any lock; `ingest` hands each decoded
// batch, in order, to `apply`, which takes the registry's lock once for the batch. So decoding a
// batch overlaps applying the one before, on two cores where there are two. Runs until the queue
// is closed and empty and every batch taken is applied.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "central/app/bounded_channel.hpp"
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
  // Payload bytes of a batch (beyond its first message): what the pipeline holds beside the queue
  // stays within a few batches of this.
  static constexpr std::size_t kMaxBatchBytes = 4 * 1024 * 1024;
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
  // Waits for the threads, which end once the queue is closed and empty.
  void join();

  IngestStageTotals totals() const;

 private:
  void decode_batches();
  void apply_batches();
  void wait_while_held() const;

  // Decoded batches waiting for the ingest thread: one being applied, one more ready.
  static constexpr std::size_t kDecodedAhead = 1;

  IngestQueue& queue_;
  ApplyBatch apply_;
  std::optional<std::string> hold_file_;
  std::atomic<bool> released_{false};
  std::atomic<std::uint64_t> messages_{0};
  std::atomic<std::uint64_t> queue_wait_ns_{0};
  std::atomic<std::uint64_t> decode_ns_{0};
  std::atomic<std::uint64_t> apply_ns_{0};
  BoundedChannel<std::vector<IngestItem>> decoded_{kDecodedAhead};
  std::thread decoder_;
  std::thread applier_;
};

}  // namespace suanli::central
