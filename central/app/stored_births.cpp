#include "central/app/stored_births.hpp"

#include <algorithm>
#include <thread>
#include <variant>

#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::central {
namespace {

std::optional<wire::Birth> decode_one(const store::BirthRecord& rec) {
  auto m = wire::decode(wire::make_topic(rec.center, rec.node, wire::Kind::birth), rec.birth_json);
  if (!m || !std::holds_alternative<wire::Birth>(*m)) return std::nullopt;
  return std::get<wire::Birth>(std::move(*m));
}

// Every record decoded, record i by thread i % threads.
std::vector<StoredBirth> decode_batch(const std::vector<store::BirthRecord>& records) {
  std::vector<StoredBirth> out(records.size());
  const std::size_t threads =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, kMaxDecodeThreads);
  const auto work = [&](std::size_t first) {
    for (std::size_t i = first; i < records.size(); i += threads)
      out[i] = {NodeKey{records[i].center, records[i].node}, decode_one(records[i])};
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
  std::vector<store::BirthRecord> records;
  records.reserve(batch_size);
  const auto hand_over = [&] {
    std::vector<StoredBirth> batch = decode_batch(records);
    records.clear();
    each_batch(batch);
  };
  auto read = store.for_each_birth([&](store::BirthRecord rec) {
    records.push_back(std::move(rec));
    if (records.size() >= batch_size) hand_over();
  });
  if (!read) return read;
  if (!records.empty()) hand_over();
  return std::monostate{};
}

}  // namespace suanli::central
