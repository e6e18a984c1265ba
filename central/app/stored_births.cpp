#include "central/app/stored_births.hpp"

#include <algorithm>
#include <future>
#include <thread>
#include <variant>

#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::central {
namespace {

std::optional<ReducedBirth> reduce_one(const store::BirthRecord& rec) {
  auto m = wire::decode(wire::make_topic(rec.center, rec.node, wire::Kind::birth), rec.birth_json);
  if (!m || !std::holds_alternative<wire::Birth>(*m)) return std::nullopt;
  return ReducedBirth::of(std::get<wire::Birth>(*m));
}

// Every record reduced, record i by thread i % threads.
std::vector<StoredBirth> reduce_batch(std::vector<store::BirthRecord> records) {
  std::vector<StoredBirth> out(records.size());
  const std::size_t threads =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, kMaxDecodeThreads);
  const auto work = [&](std::size_t first) {
    for (std::size_t i = first; i < records.size(); i += threads) {
      out[i].second = reduce_one(records[i]);
      out[i].first = {std::move(records[i].center), std::move(records[i].node)};
    }
  };
  {
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < std::min(threads, records.size()); ++t)
      helpers.emplace_back(work, t);
    work(0);
  }
  return out;
}

}  // namespace

store::Status decode_stored_births(
    const store::Store& store, std::size_t batch_size,
    const std::function<void(std::vector<StoredBirth>&)>& each_batch) {
  using Reducing = std::future<std::vector<StoredBirth>>;
  const auto hand_over = [&](Reducing& reduced) {
    if (!reduced.valid()) return;
    std::vector<StoredBirth> batch = reduced.get();
    each_batch(batch);
  };
  std::vector<store::BirthRecord> records;
  Reducing reducing;  // the batch read last
  const auto next_batch = [&] {
    Reducing previous =
        std::exchange(reducing, std::async(std::launch::async, reduce_batch, std::move(records)));
    records = {};
    records.reserve(batch_size);
    hand_over(previous);
  };
  records.reserve(batch_size);
  auto read = store.for_each_birth([&](store::BirthRecord rec) {
    records.push_back(std::move(rec));
    if (records.size() >= batch_size) next_batch();
  });
  if (!read) return read;
  if (!records.empty()) next_batch();
  hand_over(reducing);
  return std::monostate{};
}

}  // namespace suanli::central
