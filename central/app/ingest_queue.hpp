#pragma once

// The bounded queue between the MQTT client's thread and central's ingest thread
// (docs/design.md, "Threads"). push() blocks while the queue holds its capacity of messages or
// of payload bytes, so a full queue stops the client from reading: the broker holds the rest.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <mutex>
#include <string>
#include <vector>

namespace suanli::central {

struct QueuedMessage {
  std::string topic;
  std::string payload;
  std::chrono::steady_clock::time_point queued_at;
};

// What /api/v1/stats and /metrics show of the queue ("ingest").
struct IngestQueueStats {
  std::uint64_t queue = 0;
  std::uint64_t queue_capacity = 0;
  std::uint64_t queue_bytes = 0;
  std::uint64_t queue_bytes_capacity = 0;
  std::uint64_t queue_high_water = 0;
};

class IngestQueue {
 public:
  IngestQueue(std::size_t max_messages, std::size_t max_bytes);

  // Waits while the queue is full (a message larger than max_bytes waits for an empty queue),
  // then queues the message; false, without queuing it, once close() has been called.
  bool push(std::string topic, std::string payload);

  // Waits for a message, then moves up to `max` of them into `out` (cleared first), and no more
  // after the first than fit `max_bytes` of payload with it; false when the queue is closed and
  // empty.
  bool pop(std::size_t max, std::vector<QueuedMessage>& out,
           std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

  // Refuses further pushes and wakes every waiting push and pop; what is queued can still be
  // popped.
  void close();

  IngestQueueStats stats() const;
  // push() calls waiting for room now.
  std::size_t waiting_pushes() const;

 private:
  bool has_room(std::size_t bytes) const;

  const std::size_t max_messages_;
  const std::size_t max_bytes_;
  mutable std::mutex mu_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<QueuedMessage> messages_;
  std::size_t bytes_ = 0;
  std::size_t high_water_ = 0;
  std::size_t waiting_pushes_ = 0;
  bool closed_ = false;
};

}  // namespace suanli::central
