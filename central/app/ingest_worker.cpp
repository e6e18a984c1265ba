#include "central/app/ingest_worker.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "config/thread_name.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::central {
namespace {

using Clock = std::chrono::steady_clock;

std::uint64_t ns_between(Clock::time_point from, Clock::time_point to) {
  return to <= from ? 0
                    : static_cast<std::uint64_t>(
                          std::chrono::duration_cast<std::chrono::nanoseconds>(to - from).count());
}

bool is_agent_topic(std::string_view topic) {
  return !topic.starts_with('$') && !wire::is_reserved_topic(topic);
}

}  // namespace

IngestWorker::IngestWorker(IngestQueue& queue, ApplyBatch apply)
    : queue_(queue), apply_(std::move(apply)) {
  if (const char* hold = std::getenv(kHoldFileEnv); hold != nullptr && *hold != '\0')
    hold_file_ = hold;
}

IngestWorker::~IngestWorker() {
  join();
}

void IngestWorker::start() {
  decoder_ = std::thread([this] { decode_batches(); });
  applier_ = std::thread([this] { apply_batches(); });
}

void IngestWorker::join() {
  if (decoder_.joinable()) decoder_.join();
  if (applier_.joinable()) applier_.join();
}

void IngestWorker::wait_while_held() const {
  if (!hold_file_) return;
  std::error_code ec;
  while (!released_ && std::filesystem::exists(*hold_file_, ec))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // a test's hook only
}

void IngestWorker::decode_batches() {
  name_this_thread("decode");
  std::vector<QueuedMessage> taken;
  for (;;) {
    wait_while_held();
    if (!queue_.pop(kMaxBatch, taken, kMaxBatchBytes)) break;
    const Clock::time_point popped = Clock::now();
    std::vector<IngestItem> batch;
    batch.reserve(taken.size());
    std::uint64_t waited = 0;
    for (QueuedMessage& m : taken) {
      waited += ns_between(m.queued_at, popped);
      std::optional<DecodedMessage> decoded;
      if (is_agent_topic(m.topic)) decoded = Ingest::decode(m.topic, m.payload);
      batch.push_back({std::move(m), std::move(decoded)});
    }
    queue_wait_ns_ += waited;
    decode_ns_ += ns_between(popped, Clock::now());
    if (!decoded_.push(std::move(batch))) break;
  }
  decoded_.close();
}

void IngestWorker::apply_batches() {
  name_this_thread("ingest");
  while (std::optional<std::vector<IngestItem>> batch = decoded_.pop()) {
    const Clock::time_point taken = Clock::now();
    apply_(*batch);
    apply_ns_ += ns_between(taken, Clock::now());
    messages_ += batch->size();
  }
}

IngestStageTotals IngestWorker::totals() const {
  return {.messages_total = messages_.load(),
          .queue_wait_ns = queue_wait_ns_.load(),
          .decode_ns = decode_ns_.load(),
          .apply_ns = apply_ns_.load()};
}

}  // namespace suanli::central
