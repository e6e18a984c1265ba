#include "central/core/json_views.hpp"

#include <set>

#include "central/core/summary_lists.hpp"
#include "config/ids.hpp"

namespace suanli::central {
namespace {

using nlohmann::json;

const Aggregate kNoNodes{};

json node_counts_json(const Aggregate& a) {
  json j = json::object();
  for (NodeState s : kAllNodeStates)
    j[std::string(to_string(s))] = a.nodes_in(s);
  return j;
}

json device_counts_json(const DeviceCounts& c) {
  return json{{"devices", c.devices},
              {"devices_derived_peak", c.derived_peak},
              {"devices_unknown_peak", c.unknown_peak},
              {"devices_verified", c.of(Verdict::verified)},
              {"devices_corrected", c.of(Verdict::corrected)},
              {"devices_unverified", c.of(Verdict::unverified)},
              {"devices_implausible_peak", c.implausible_peak},
              {"devices_held_elsewhere", c.held_elsewhere},
              {"devices_unknown_achieved", c.unknown_achieved}};
}

}  // namespace

std::string center_district(const Registry& registry, const std::string& id) {
  auto cfg = registry.settings().centers.find(id);
  if (cfg != registry.settings().centers.end() && cfg->second.district) {
    return *cfg->second.district;
  }
  auto it = registry.nodes().lower_bound(NodeKey{id, ""});
  for (; it != registry.nodes().end() && it->first.first == id; ++it) {
    if (!it->second.district.empty()) return it->second.district;
  }
  return "";
}

namespace {

json center_entry(const Registry& registry, const std::string& id) {
  auto cfg = registry.settings().centers.find(id);
  const bool configured = cfg != registry.settings().centers.end();
  auto agg_it = registry.indicator().centers().find(id);
  const Aggregate& agg = agg_it == registry.indicator().centers().end() ? kNoNodes : agg_it->second;
  json j = {{"id", id},
            {"name", configured ? cfg->second.name : id},
            {"district", center_district(registry, id)},
            {"class", to_string(registry.center_class(id))},
            {"configured", configured},
            {"nodes", node_counts_json(agg)}};
  j.update(device_counts_json(agg.contribution.counts));
  j.update(figures_json(agg.contribution));
  return j;
}

// Windows of the node's current boot that have not arrived, live or late, between the first and
// the newest central has seen (since its last start: the store keeps only the newest).
std::uint64_t unreceived_windows(const NodeRecord& r) {
  auto seen = r.seen.find(r.boot);
  return seen == r.seen.end() ? 0 : seen->second.missing();
}

json optional_json(const std::optional<std::uint64_t>& v) {
  return v ? json(*v) : json(nullptr);
}

json count_json(const PrecisionUnits& counts) {
  json j = json::object();
  for (Precision p : kAllPrecisions)
    j[std::string(to_string(p))] = counts[p];
  return j;
}

}  // namespace

json precision_json(const PrecisionUnits& u) {
  json j = json::object();
  for (Precision p : kAllPrecisions)
    j[std::string(to_string(p))] = to_pflops(u[p]);
  return j;
}

namespace {

// TFLOPS per kW of `figure` at each precision; null when there is no power to divide by.
json per_kw_json(const PrecisionUnits& figure, Milliwatts power_mw) {
  json j = json::object();
  for (Precision p : kAllPrecisions) {
    j[std::string(to_string(p))] =
        power_mw > 0 ? json(static_cast<double>(figure[p]) / kUnitsPerTflops / to_kw(power_mw))
                     : json(nullptr);
  }
  return j;
}

}  // namespace

json energy_json(const PowerTotals& p) {
  return json{{"power_kw", to_kw(p.power_mw)},
              {"devices_with_power", p.with_power},
              {"devices_without_power", p.without_power},
              {"devices_implausible_power", p.implausible},
              {"achieved_tflops_per_kw", per_kw_json(p.achieved, p.power_mw)},
              {"installed_tflops_per_kw", per_kw_json(p.live, p.power_mw)}};
}

json achieved_by_method_json(const Totals& t) {
  json j = json::object();
  for (Method m : kMeasuredMethods)
    j[std::string(to_string(m))] =
        precision_json(t.achieved_by_method[static_cast<std::size_t>(m)]);
  return j;
}

json achieved_by_method_json(const Totals& t, Precision p) {
  json j = json::object();
  for (Method m : kMeasuredMethods)
    j[std::string(to_string(m))] = to_pflops(t.achieved_by_method[static_cast<std::size_t>(m)][p]);
  return j;
}

json totals_json(const Totals& t) {
  json by_confidence = json::object();
  for (Confidence level : kAllConfidences) {
    by_confidence[std::string(to_string(level))] =
        precision_json(t.verified_by_confidence[static_cast<std::size_t>(level)]);
  }
  json installed_by_confidence = json::object();
  for (std::size_t level = 0; level < kInstalledConfidenceLevels; ++level) {
    installed_by_confidence[std::string(installed_confidence_name(level))] =
        precision_json(t.installed_by_confidence[level]);
  }
  return json{{"installed_pflops", precision_json(t.installed)},
              {"installed_by_confidence", std::move(installed_by_confidence)},
              {"devices_unknown_peak", count_json(t.unknown_devices)},
              {"verified_pflops", precision_json(t.verified)},
              {"unverified_pflops", precision_json(t.unverified())},
              {"by_confidence", std::move(by_confidence)},
              {"live_pflops", precision_json(t.live)},
              {"achieved_pflops", precision_json(t.achieved)},
              {"achieved_by_method", achieved_by_method_json(t)}};
}

json by_class_json(const Contribution& c) {
  json j = json::object();
  for (ComputeClass k : kAllClasses)
    j[std::string(to_string(k))] = totals_json(c.of(k));
  return j;
}

json classes_json(const Contribution& c) {
  json j = json::object();
  for (ComputeClass k : kAllClasses) {
    const Precision p = convention_precision(k);
    const Totals& t = c.of(k);
    j[std::string(to_string(k))] = {{"precision", to_string(p)},
                                    {"installed_pflops", to_pflops(t.installed[p])},
                                    {"verified_pflops", to_pflops(t.verified[p])},
                                    {"unverified_pflops", to_pflops(t.unverified()[p])},
                                    {"live_pflops", to_pflops(t.live[p])},
                                    {"achieved_pflops", to_pflops(t.achieved[p])},
                                    {"devices_unknown_peak", t.unknown_devices[p]},
                                    {"achieved_by_method", achieved_by_method_json(t, p)},
                                    {"energy", energy_json(t.power)}};
  }
  return j;
}

json quantum_json(const QuantumCounts& q) {
  return json{{"devices", q.devices},
              {"devices_live", q.devices_live},
              {"installed_qubits", q.installed_qubits},
              {"live_qubits", q.live_qubits}};
}

json figures_json(const Contribution& c) {
  const Totals all = c.total();
  return json{{"classes", classes_json(c)},
              {"by_class", by_class_json(c)},
              {"all_classes", totals_json(all)},
              {"energy", energy_json(all.power)},
              {"quantum", quantum_json(c.quantum)}};
}

json indicator_json(const Registry& registry, std::uint64_t now_ms) {
  const CoreSettings& s = registry.settings();
  const Aggregate& city = registry.indicator().city();
  const Totals& head = city.contribution.of(s.headline_class);
  const double installed = to_pflops(head.installed[s.headline_precision]);

  json headline = {{"class", to_string(s.headline_class)},
                   {"precision", to_string(s.headline_precision)},
                   {"installed_pflops", installed},
                   {"verified_pflops", to_pflops(head.verified[s.headline_precision])},
                   {"unverified_pflops", to_pflops(head.unverified()[s.headline_precision])},
                   {"live_pflops", to_pflops(head.live[s.headline_precision])},
                   {"achieved_pflops", to_pflops(head.achieved[s.headline_precision])},
                   {"devices_unknown_peak", head.unknown_devices[s.headline_precision]},
                   {"achieved_by_method", achieved_by_method_json(head, s.headline_precision)},
                   {"target_pflops", s.target_pflops},
                   {"target_year", s.target_year},
                   {"progress", s.target_pflops > 0 ? installed / s.target_pflops : 0.0}};

  const SummaryList listed = listed_centers(registry);
  const SummaryList listed_by_district = listed_districts(registry);
  json counts = {{"centers", listed.total},
                 {"centers_unlisted", listed.unlisted()},
                 {"districts", listed_by_district.total},
                 {"districts_unlisted", listed_by_district.unlisted()},
                 {"nodes", node_counts_json(city)}};
  counts.update(device_counts_json(city.contribution.counts));
  counts["devices_unknown_peak_by_precision"] =
      count_json(city.contribution.total().unknown_devices);

  json centers = json::array();
  for (const std::string& id : listed.listed)
    centers.push_back(center_entry(registry, id));

  json districts = json::array();
  for (const std::string& name : listed_by_district.listed) {
    const Aggregate& agg = registry.indicator().districts().at(name);
    json d = {{"district", name}, {"nodes", node_counts_json(agg)}};
    d.update(figures_json(agg.contribution));
    districts.push_back(std::move(d));
  }

  return json{{"v", 1},
              {"generated_ms", now_ms},
              {"city", {{"name", s.city_name}, {"name_en", s.city_name_en}}},
              {"headline", std::move(headline)},
              {"classes", classes_json(city.contribution)},
              {"by_class", by_class_json(city.contribution)},
              {"all_classes", totals_json(city.contribution.total())},
              {"energy", energy_json(city.contribution.total().power)},
              {"quantum", quantum_json(city.contribution.quantum)},
              {"counts", std::move(counts)},
              {"centers", std::move(centers)},
              {"by_district", std::move(districts)}};
}

json centers_json(const Registry& registry) {
  json list = json::array();
  for (const std::string& id : center_ids(registry))
    list.push_back(center_entry(registry, id));
  return json{{"centers", std::move(list)}};
}

std::optional<json> center_json(const Registry& registry, const std::string& id) {
  if (!center_ids(registry).contains(id)) return std::nullopt;
  json j = center_entry(registry, id);
  j["node_ids"] = json::array();
  auto it = registry.nodes().lower_bound(NodeKey{id, ""});
  for (; it != registry.nodes().end() && it->first.first == id; ++it) {
    j["node_ids"].push_back(it->first.second);
  }
  return j;
}

std::string node_cursor(const NodeKey& key) {
  return key.first + "/" + key.second;
}

std::optional<NodeKey> parse_node_cursor(std::string_view cursor) {
  const auto slash = cursor.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  NodeKey key{std::string(cursor.substr(0, slash)), std::string(cursor.substr(slash + 1))};
  if (!is_valid_id(key.first) || !is_valid_id(key.second)) return std::nullopt;
  return key;
}

namespace {

json node_json(const NodeRecord& r) {
  const Contribution contribution = r.contribution.unpack();
  return json{{"center", r.center},
              {"node", r.node},
              {"state", to_string(r.state)},
              {"district", r.district},
              {"boot", r.boot},
              {"last_seq", optional_json(r.last_seq)},
              {"last_data_ms", optional_json(r.last_data_ms())},
              {"last_seen_ms", r.last_seen.wall_ms},
              {"interval_ms", r.effective_interval_ms()},
              {"devices", r.contribution.counts.devices},
              {"devices_held_elsewhere", r.contribution.counts.held_elsewhere},
              {"classes", classes_json(contribution)},
              {"all_classes_installed_pflops", precision_json(contribution.total().installed)},
              {"duplicates", r.counters.duplicates},
              {"gaps", r.counters.gaps},
              {"missed_windows", r.counters.missed_windows},
              {"unreceived_windows", unreceived_windows(r)},
              {"out_of_order", r.counters.out_of_order}};
}

}  // namespace

json nodes_json(const Registry& registry, const NodesPage& page) {
  const auto& nodes = registry.nodes();
  const auto in_page = [&](auto it) {
    return it != nodes.end() && (!page.center || it->first.first == *page.center);
  };
  const auto first = page.center ? nodes.lower_bound(NodeKey{*page.center, ""}) : nodes.begin();
  std::size_t total = 0;
  for (auto it = first; in_page(it); ++it)
    ++total;
  // The node after the cursor, or the center's first when the cursor lies before the center.
  auto it = first;
  if (page.after) {
    const auto next = nodes.upper_bound(*page.after);
    if (first == nodes.end() || next == nodes.end() || first->first < next->first) it = next;
  }
  json list = json::array();
  for (; in_page(it) && list.size() < page.limit; ++it)
    list.push_back(node_json(it->second));
  json next = nullptr;
  if (in_page(it) && !list.empty()) next = node_cursor(std::prev(it)->first);
  return json{{"nodes", std::move(list)},
              {"total", total},
              {"limit", page.limit},
              {"next_cursor", std::move(next)}};
}

json stats_json(const Ingest& ingest, const Registry& registry) {
  const NodeCounters& sum = registry.counter_totals();
  json rejected = json::object();
  for (const auto& [reason, n] : ingest.rejects().by_reason())
    rejected[reason] = n;
  json by_kind = json::object();
  for (wire::Kind k : {wire::Kind::status, wire::Kind::birth, wire::Kind::data, wire::Kind::hist}) {
    by_kind[std::string(wire::to_string(k))] =
        ingest.accepted().by_kind[static_cast<std::size_t>(k)];
  }
  json by_outcome = json::object();
  for (Outcome o :
       {Outcome::applied, Outcome::duplicate, Outcome::history, Outcome::ignored_older}) {
    by_outcome[std::string(to_string(o))] =
        ingest.accepted().by_outcome[static_cast<std::size_t>(o)];
  }
  return json{{"rejected", std::move(rejected)},      {"rejected_total", ingest.rejects().total()},
              {"accepted", std::move(by_kind)},       {"outcomes", std::move(by_outcome)},
              {"duplicates", sum.duplicates},         {"gaps", sum.gaps},
              {"missed_windows", sum.missed_windows}, {"out_of_order", sum.out_of_order},
              {"older_ignored", sum.older_ignored},   {"bound_violations", sum.bound_violations},
              {"nodes", registry.nodes().size()}};
}

}  // namespace suanli::central
