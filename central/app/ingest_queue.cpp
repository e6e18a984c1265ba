#include "central/app/ingest_queue.hpp"

#include <algorithm>
#include <utility>

namespace suanli::central {

IngestQueue::IngestQueue(std::size_t max_messages, std::size_t max_bytes)
    : max_messages_(std::max<std::size_t>(max_messages, 1)), max_bytes_(max_bytes) {}

bool IngestQueue::has_room(std::size_t bytes) const {
  if (messages_.empty()) return true;
  return messages_.size() < max_messages_ && bytes_ + bytes <= max_bytes_;
}

bool IngestQueue::push(std::string topic, std::string payload) {
  std::unique_lock lk(mu_);
  ++waiting_pushes_;
  not_full_.wait(lk, [&] { return closed_ || has_room(payload.size()); });
  --waiting_pushes_;
  if (closed_) return false;
  bytes_ += payload.size();
  messages_.push_back({std::move(topic), std::move(payload), std::chrono::steady_clock::now()});
  high_water_ = std::max(high_water_, messages_.size());
  lk.unlock();
  not_empty_.notify_one();
  return true;
}

bool IngestQueue::pop(std::size_t max, std::vector<QueuedMessage>& out, std::size_t max_bytes) {
  out.clear();
  std::unique_lock lk(mu_);
  not_empty_.wait(lk, [&] { return closed_ || !messages_.empty(); });
  std::size_t taken_bytes = 0;
  while (!messages_.empty() && out.size() < max) {
    const std::size_t size = messages_.front().payload.size();
    if (!out.empty() && size > max_bytes - std::min(taken_bytes, max_bytes)) break;
    taken_bytes += size;
    bytes_ -= size;
    out.push_back(std::move(messages_.front()));
    messages_.pop_front();
  }
  lk.unlock();
  if (!out.empty()) not_full_.notify_all();
  return !out.empty();
}

void IngestQueue::close() {
  {
    std::lock_guard lk(mu_);
    closed_ = true;
  }
  not_full_.notify_all();
  not_empty_.notify_all();
}

std::size_t IngestQueue::waiting_pushes() const {
  std::lock_guard lk(mu_);
  return waiting_pushes_;
}

IngestQueueStats IngestQueue::stats() const {
  std::lock_guard lk(mu_);
  return {.queue = messages_.size(),
          .queue_capacity = max_messages_,
          .queue_bytes = bytes_,
          .queue_bytes_capacity = max_bytes_,
          .queue_high_water = high_water_};
}

}  // namespace suanli::central
