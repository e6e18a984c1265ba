// wire_decode_bench: ns per message and MB/s of the wire decoder linked in (wire::decode) and, as
// yardsticks, of bare parsers over the same payloads: nlohmann's strict DOM parse
// (parse_strict_json, the old decoder's first stage), nlohmann's SAX parse with a handler that
// keeps nothing (a lower bound for any nlohmann-based decoder) and simdjson's DOM parse into its
// tape. The payloads are suanli-sim's: per node a status, a birth and data windows of 8 H100s,
// made by wire::encode. Prints one JSON object.
//
//   wire_decode_bench [--nodes N] [--windows W] [--rounds R] [--label TEXT] [--only CANDIDATE]

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "agent/fleet/fleet_plan.hpp"
#include "agent/fleet/sim_node.hpp"
#include "collectors/catalog/catalog.hpp"
#include "config/fleet_config.hpp"
#include "config/strict_json.hpp"
#include "uplink/wire/codec.hpp"
#include "uplink/wire/topic.hpp"

namespace {

using namespace suanli;

struct Payload {
  std::string topic;
  std::string text;
};

struct Options {
  int nodes = 32;
  int windows = 20;
  int rounds = 15;
  std::string label = "decoder";
  std::string only;  // one candidate alone, e.g. for a profiler
};

[[noreturn]] void die(const std::string& why) {
  std::cerr << "wire_decode_bench: " << why << "\n";
  std::exit(1);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const std::string value = argv[i + 1];
    if (key == "--nodes") {
      o.nodes = std::stoi(value);
    } else if (key == "--windows") {
      o.windows = std::stoi(value);
    } else if (key == "--rounds") {
      o.rounds = std::stoi(value);
    } else if (key == "--label") {
      o.label = value;
    } else if (key == "--only") {
      o.only = value;
    } else {
      die("unknown option " + key);
    }
  }
  return o;
}

// Each node's status, birth and data windows, by kind.
std::map<std::string, std::vector<Payload>> make_payloads(const Options& o) {
  const nlohmann::json fleet = {
      {"mqtt", {{"uri", "mqtt://127.0.0.1:1883"}}},
      {"publish_interval_ms", 10000},
      {"sample_interval_ms", 1000},
      {"centers",
       {{{"id", "bench"},
         {"district", "bench"},
         {"nodes",
          {{{"prefix", "n"},
            {"count", o.nodes},
            {"devices", {{{"model", "H100 SXM5 80GB"}, {"count", 8}}}}}}}}}}};
  auto cfg = config::load_fleet_config(fleet.dump(), "bench");
  if (!cfg) die("fleet config: " + cfg.error().front());
  auto catalog = Catalog::builtin();
  if (!catalog) die("catalog: " + catalog.error());
  auto specs = fleet::plan_fleet(*cfg, *catalog);
  if (!specs) die("fleet plan: " + specs.error().front());
  std::map<std::string, std::vector<Payload>> out;
  const std::uint64_t t0 = 1767229190000;
  for (const auto& spec : *specs) {
    fleet::SimNode node(spec, *cfg, 1, t0);
    const auto topic = [&](wire::Kind k) { return wire::make_topic(spec.center, spec.node, k); };
    out["status"].push_back({topic(wire::Kind::status), node.status_payload(true, t0)});
    out["birth"].push_back({topic(wire::Kind::birth), node.birth_payload(t0)});
    for (int w = 1; w <= o.windows; ++w) {
      out["data"].push_back({topic(wire::Kind::data),
                             node.next_window_payload(t0 + static_cast<std::uint64_t>(w) * 10000)});
    }
  }
  return out;
}

// nlohmann's SAX events, all accepted and dropped.
struct NullSax : nlohmann::json_sax<nlohmann::json> {
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }
};

using Candidate = std::function<bool(const Payload&, std::size_t index)>;

// This thread's CPU time: on a shared machine, time spent waiting for a core is not counted.
double thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

// The median over rounds of one pass over `payloads`, in ns per message; every call must succeed.
double ns_per_message(const std::vector<Payload>& payloads, const Candidate& run, int rounds) {
  std::vector<double> passes;
  for (int r = -1; r < rounds; ++r) {  // round -1 warms up
    const double start = thread_cpu_ns();
    for (std::size_t i = 0; i < payloads.size(); ++i) {
      if (!run(payloads[i], i)) die("a candidate refused " + payloads[i].topic);
    }
    const double took = thread_cpu_ns() - start;
    if (r >= 0) passes.push_back(took / static_cast<double>(payloads.size()));
  }
  std::sort(passes.begin(), passes.end());
  return passes[passes.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  const auto payloads = make_payloads(o);

  simdjson::dom::parser simd;
  std::map<std::string, std::vector<simdjson::padded_string>> padded;
  for (const auto& [kind, list] : payloads) {
    for (const auto& p : list)
      padded[kind].emplace_back(p.text);
  }
  NullSax sax;
  std::string kind;  // the kind being measured, for simdjson's padded copies
  const std::map<std::string, Candidate> candidates = {
      {"decode", [](const Payload& p, std::size_t) { return wire::decode(p.topic, p.text).ok(); }},
      {"nlohmann_strict_dom",
       [](const Payload& p, std::size_t) {
         return parse_strict_json(p.text, wire::kMaxDepth).ok();
       }},
      {"nlohmann_sax",
       [&sax](const Payload& p, std::size_t) {
         return nlohmann::json::sax_parse(p.text, &sax, nlohmann::json::input_format_t::json, true,
                                          false);
       }},
      {"simdjson_parse",
       [&](const Payload&, std::size_t i) {
         simdjson::dom::element root;
         return simd.parse(padded[kind][i]).get(root) == simdjson::SUCCESS;
       }},
  };

  nlohmann::json report = {
      {"label", o.label}, {"nodes", o.nodes}, {"windows", o.windows}, {"rounds", o.rounds}};
  for (const auto& [k, list] : payloads) {
    kind = k;
    std::size_t bytes = 0;
    for (const auto& p : list)
      bytes += p.text.size();
    nlohmann::json row = {{"messages", list.size()}, {"bytes", bytes}};
    for (const auto& [name, run] : candidates) {
      if (o.only.empty() || o.only == name) {
        row["ns_per_message"][name] = ns_per_message(list, run, o.rounds);
      }
    }
    report["kinds"][k] = row;
  }
  std::cout << report.dump() << "\n";
}
