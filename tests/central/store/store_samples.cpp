#include "tests/central/store/store_samples.hpp"

#include <stdexcept>

namespace suanli::store::test {

Store open_or_throw(const std::string& path) {
  auto store = Store::open(path);
  if (!store) throw std::runtime_error(store.error());
  return std::move(*store);
}

BirthRecord sample_birth(int i) {
  std::string node = "node-" + std::to_string(i);
  return BirthRecord{
      .center = "sz-aic",
      .node = node,
      .boot = static_cast<std::uint64_t>(i) + 7,
      .received_ms = 1'700'000'000'000 + i,
      .birth_json = R"({"v":1,"kind":"birth","center":"sz-aic","node":")" + node + R"("})"};
}

NodeStateRecord sample_state(int i, std::uint64_t seq) {
  return NodeStateRecord{.center = "sz-aic",
                         .node = "node-" + std::to_string(i),
                         .state = "online",
                         .boot = static_cast<std::uint64_t>(i) + 7,
                         .highest_seq = seq,
                         .last_data_ms = 1'700'000'000'000 + i,
                         .last_seen_ms = 1'700'000'000'500 + i,
                         .online = true,
                         .extra_json = R"({"interval_ms":10000})"};
}

HistoryRecord sample_minute(const std::string& scope, std::int64_t ts_ms, double installed) {
  return HistoryRecord{
      .ts_ms = ts_ms,
      .scope = scope,
      .headline = {.installed_pflops = installed,
                   .live_pflops = installed / 2,
                   .achieved_pflops = installed / 4},
      .totals_json = R"({"installed_pflops":{"fp16":)" + std::to_string(installed) + "}}",
      .bucket_energy_kwh = std::nullopt};
}

}  // namespace suanli::store::test
