// central_memory: builds central's registry and store for N nodes of 8 x H100 from real births and
// windows (the agent's encoder, central's Ingest and Persistence, no broker), reports the bytes
// per node by part, then restarts from that store and times Persistence::restore by stage.
//
//   central_memory NODES STORE_PATH > result.json

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <variant>

#include "bench/central_memory/fleet_messages.hpp"
#include "bench/central_memory/heap_meter.hpp"
#include "bench/central_memory/parts.hpp"
#include "central/app/persistence.hpp"
#include "central/core/ingest.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace suanli::bench {
namespace {

using nlohmann::json;

constexpr std::size_t kFlushEvery = 10'000;  // messages between flushes: 1 s at 10 k msg/s
constexpr std::size_t kPartNodes = 20'000;

central::CoreSettings settings() {
  central::CoreSettings s;
  s.centers[kCenter] = config::CenterConfig{.name = kCenter, .district = "bench"};
  return s;
}

central::Instant now() {
  using namespace std::chrono;
  const auto ms = [](auto t) {
    return static_cast<std::uint64_t>(duration_cast<milliseconds>(t.time_since_epoch()).count());
  };
  return {ms(system_clock::now()), ms(steady_clock::now())};
}

double per_node(std::int64_t bytes, std::size_t nodes) {
  return static_cast<double>(bytes) / static_cast<double>(nodes);
}

json heap_json(const HeapReading& before, const HeapReading& after, std::size_t nodes) {
  const std::int64_t central =
      (after.heap_bytes - after.sqlite_bytes) - (before.heap_bytes - before.sqlite_bytes);
  return {{"heap_bytes_per_node", per_node(central, nodes)},
          {"sqlite_bytes", after.sqlite_bytes},
          {"rss_bytes", after.rss_bytes},
          {"rss_bytes_per_node", per_node(after.rss_bytes - before.rss_bytes, nodes)}};
}

// The city's installed FP16, which a restart must give back as it was.
central::Units installed_fp16(const central::Registry& registry) {
  return registry.indicator()
      .city()
      .contribution.of(central::ComputeClass::intelligent)
      .installed[Precision::fp16];
}

// Every node's birth and first window through Ingest and Persistence as central's service passes
// them, flushed every kFlushEvery messages.
json ingest_fleet(const FleetMessages& fleet, const std::string& store_path) {
  auto store = store::Store::open(store_path);
  if (!store) throw std::runtime_error(store.error());
  const HeapReading start = read_heap();
  central::Registry registry(settings());
  central::Ingest ingest(registry);
  central::Persistence persistence(*store);
  std::int64_t pending_bytes = 0;
  std::size_t pending_births = 0, births_since_flush = 0, messages = 0;
  const double t0 = seconds_now();
  const auto flush = [&] {
    const HeapReading before = read_heap();
    persistence.flush(registry, ingest.rejects(), now().wall_ms);
    if (persistence.write_error()) throw std::runtime_error(*persistence.write_error());
    pending_bytes += before.heap_bytes - read_heap().heap_bytes;
    pending_births += births_since_flush;
    births_since_flush = 0;
  };
  const auto accept = [&](const std::string& topic, const std::string& payload) {
    const central::Instant at = now();
    central::IngestResult r = ingest.accept(topic, payload, at);
    if (r.outcome != central::Outcome::applied)
      throw std::runtime_error("not applied: " + topic + " " + r.reject_detail);
    if (r.birth) {
      persistence.note_birth(*r.birth, payload, at.wall_ms);
      ++births_since_flush;
    }
    if (r.node) persistence.note_node(*r.node);
    if (++messages % kFlushEvery == 0) flush();
  };
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    NodeMessages m = fleet.node(i, now().wall_ms);
    accept(m.birth_topic, m.birth);
    accept(m.data_topic, m.data);
  }
  flush();
  const double seconds = seconds_now() - t0;
  const HeapReading end = read_heap();
  json out = heap_json(start, end, fleet.size());
  out["births_applied"] = ingest.accepted().by_kind[static_cast<std::size_t>(wire::Kind::birth)];
  out["installed_fp16_units"] = installed_fp16(registry);
  out["seconds"] = seconds;
  out["pending_bytes_per_birth"] = per_node(pending_bytes, pending_births);
  return out;
}

template <class F>
double timed(F f) {
  const double t0 = seconds_now();
  f();
  return seconds_now() - t0;
}

// A restart: a new registry rebuilt from the store; and, apart, each stage of that rebuild.
json restart(const std::string& store_path, std::size_t nodes, central::Units installed) {
  auto store = store::Store::open(store_path);
  if (!store) throw std::runtime_error(store.error());
  json stages;
  {
    Expected<std::vector<store::BirthRecord>> births{std::vector<store::BirthRecord>{}};
    stages["read_births_s"] = timed([&] { births = store->births(); });
    if (!births || births->size() != nodes) throw std::runtime_error("stored births missing");
    stages["read_node_states_s"] = timed([&] { (void)store->node_states(); });
    stages["decode_births_s"] = timed([&] {
      for (const auto& b : *births) {
        auto m = wire::decode(wire::make_topic(b.center, b.node, wire::Kind::birth), b.birth_json);
        if (!m) throw std::runtime_error("a stored birth does not decode");
      }
    });
  }
  const HeapReading start = read_heap();
  central::Registry registry(settings());
  central::Persistence persistence(*store);
  std::size_t restored = 0;
  const double cpu_before = cpu_seconds_now();
  const double seconds = timed([&] {
    auto r = persistence.restore(registry, now());
    if (!r) throw std::runtime_error(r.error());
    restored = *r;
  });
  const double cpu_seconds = cpu_seconds_now() - cpu_before;
  if (restored != nodes) throw std::runtime_error("restored " + std::to_string(restored));
  if (installed_fp16(registry) != installed)
    throw std::runtime_error("the restart changed the installed figure");
  json out = heap_json(start, read_heap(), nodes);
  out["restore_s"] = seconds;
  out["restore_cpu_s"] = cpu_seconds;
  out["stages"] = stages;
  return out;
}

int run(std::size_t nodes, const std::string& store_path) {
  spdlog::set_level(spdlog::level::warn);
  FleetMessages fleet(nodes);
  json result{{"nodes", nodes}, {"devices_per_node", 8}};
  result["ingest"] = ingest_fleet(fleet, store_path);
  result["restart"] = restart(store_path, nodes, result["ingest"]["installed_fp16_units"]);
  std::vector<PartBytes> parts = measure_parts(fleet, std::min(nodes, kPartNodes));
  for (const PartBytes& p : parts)
    result["parts"].push_back(
        {{"name", p.name}, {"bytes_per_node", p.bytes_per_node}, {"what", p.what}});
  std::cout << result.dump(1) << '\n';
  return 0;
}

}  // namespace
}  // namespace suanli::bench

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: central_memory NODES STORE_PATH\n";
    return 2;
  }
  try {
    return suanli::bench::run(std::strtoull(argv[1], nullptr, 10), argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "central_memory: " << e.what() << '\n';
    return 1;
  }
}
