#include "central/app/metrics.hpp"

#include "central/core/anomalies.hpp"
#include "central/core/json_views.hpp"
#include "central/core/summary_lists.hpp"
#include "central/core/units.hpp"
#include "central/http/prometheus.hpp"

namespace suanli::central {
namespace {

using http::Labels;
using http::MetricType;
using http::PrometheusWriter;

using Figure = PrecisionUnits (*)(const Totals&);

// The listed centers (summary_lists.hpp) with their figures; a configured center without nodes
// has none.
struct ListedCenter {
  const std::string& id;
  std::string district;
  const Aggregate& agg;
};

std::vector<ListedCenter> listed_center_figures(const Registry& registry,
                                                const SummaryList& listed) {
  std::vector<ListedCenter> out;
  const auto& heard = registry.indicator().centers();
  for (const std::string& id : listed.listed) {
    auto it = heard.find(id);
    if (it != heard.end()) out.push_back({it->first, center_district(registry, id), it->second});
  }
  return out;
}

constexpr std::string_view kListedNote =
    " Only the centers listed in the indicator (summary.max_centers; suanli_centers_unlisted "
    "counts the rest).";

// One family per figure (installed, verified, unverified, live, achieved): a sample per listed
// center, class and precision.
void capacity_family(PrometheusWriter& w, const std::vector<ListedCenter>& centers,
                     std::string_view name, std::string_view help, Figure figure) {
  w.family(name, MetricType::gauge, std::string(help) + std::string(kListedNote));
  for (const auto& [center, district, agg] : centers) {
    for (ComputeClass c : kAllClasses) {
      const PrecisionUnits units = figure(agg.contribution.of(c));
      for (Precision p : kAllPrecisions) {
        w.sample(Labels{{"center", center},
                        {"district", district},
                        {"class", std::string(to_string(c))},
                        {"precision", std::string(to_string(p))}},
                 to_pflops(units[p]));
      }
    }
  }
}

// Achieved split by the method that measured it: a sample per listed center, class, precision
// and method.
void achieved_by_method_family(PrometheusWriter& w, const std::vector<ListedCenter>& centers) {
  w.family("suanli_achieved_by_method_pflops", MetricType::gauge,
           "Achieved by the method that measured it: gpm_tensor and sm_active measure tensor or "
           "SM activity, busy_time is an upper bound (int8: POPS)." +
               std::string(kListedNote));
  for (const auto& [center, district, agg] : centers) {
    for (ComputeClass c : kAllClasses) {
      const Totals& t = agg.contribution.of(c);
      for (Method m : kMeasuredMethods) {
        for (Precision p : kAllPrecisions) {
          w.sample(Labels{{"center", center},
                          {"district", district},
                          {"class", std::string(to_string(c))},
                          {"precision", std::string(to_string(p))},
                          {"method", std::string(to_string(m))}},
                   to_pflops(t.achieved_by_method[static_cast<std::size_t>(m)][p]));
        }
      }
    }
  }
}

// Power and energy: a sample per listed center and class.
void energy_families(PrometheusWriter& w, const std::vector<ListedCenter>& centers,
                     const std::map<std::string, ClassEnergy>& energy) {
  const auto labels = [](const ListedCenter& c, ComputeClass k) {
    return Labels{{"center", c.id}, {"district", c.district}, {"class", std::string(to_string(k))}};
  };
  w.family("suanli_power_kw", MetricType::gauge,
           "Power of the live devices that report it (devices without a reading are not "
           "counted as 0 W; GET /api/v1/indicator counts them)." +
               std::string(kListedNote));
  for (const ListedCenter& c : centers) {
    for (ComputeClass k : kAllClasses)
      w.sample(labels(c, k), to_kw(c.agg.contribution.of(k).power.power_mw));
  }
  w.family("suanli_energy_kwh_total", MetricType::counter,
           "Energy since central started, integrated from the power level (docs/indicator.md)." +
               std::string(kListedNote));
  for (const ListedCenter& c : centers) {
    auto it = energy.find(c.id);
    for (ComputeClass k : kAllClasses) {
      w.sample(labels(c, k), it == energy.end() ? 0.0 : it->second[static_cast<std::size_t>(k)]);
    }
  }
}

// A quantum figure (qubits, devices) installed and live: a sample per listed center and state.
void quantum_family(PrometheusWriter& w, const std::vector<ListedCenter>& centers,
                    std::string_view name, std::string_view help,
                    std::int64_t QuantumCounts::*installed, std::int64_t QuantumCounts::*live) {
  using Member = std::int64_t QuantumCounts::*;
  const std::pair<const char*, Member> states[] = {{"installed", installed}, {"live", live}};
  w.family(name, MetricType::gauge, std::string(help) + std::string(kListedNote));
  for (const auto& [center, district, agg] : centers) {
    const QuantumCounts& q = agg.contribution.quantum;
    for (const auto& [state, member] : states) {
      w.sample(Labels{{"center", center}, {"district", district}, {"state", state}}, q.*member);
    }
  }
}

void headline_family(PrometheusWriter& w, const Registry& registry, std::string_view name,
                     std::string_view help, Figure figure) {
  const CoreSettings& s = registry.settings();
  w.family(name, MetricType::gauge, help);
  const Totals& t = registry.indicator().city().contribution.of(s.headline_class);
  w.sample(Labels{{"class", std::string(to_string(s.headline_class))},
                  {"precision", std::string(to_string(s.headline_precision))}},
           to_pflops(figure(t)[s.headline_precision]));
}

PrecisionUnits installed_of(const Totals& t) {
  return t.installed;
}
PrecisionUnits verified_of(const Totals& t) {
  return t.verified;
}
PrecisionUnits unverified_of(const Totals& t) {
  return t.unverified();
}
PrecisionUnits live_of(const Totals& t) {
  return t.live;
}
PrecisionUnits achieved_of(const Totals& t) {
  return t.achieved;
}

}  // namespace

Expected<std::string> metrics_text(const Registry& registry, const Ingest& ingest,
                                   const ServiceGauges& service, std::uint64_t now_ms) {
  PrometheusWriter w;
  const SummaryList listed = listed_centers(registry);
  const std::vector<ListedCenter> centers = listed_center_figures(registry, listed);
  capacity_family(w, centers, "suanli_installed_pflops",
                  "Peak of every non-retired node's devices (int8: POPS).", installed_of);
  capacity_family(w, centers, "suanli_verified_pflops",
                  "The part of installed checked against central's catalog (int8: POPS).",
                  verified_of);
  capacity_family(w, centers, "suanli_unverified_pflops",
                  "The part of installed counted as reported, unchecked (int8: POPS).",
                  unverified_of);
  capacity_family(w, centers, "suanli_live_pflops",
                  "Peak of healthy devices on online nodes (int8: POPS).", live_of);
  capacity_family(w, centers, "suanli_achieved_pflops",
                  "Estimated FLOPS delivered in the newest windows (int8: POPS).", achieved_of);
  achieved_by_method_family(w, centers);
  energy_families(w, centers, service.energy_kwh_by_center);
  quantum_family(w, centers, "suanli_quantum_qubits",
                 "Physical qubits of quantum devices: installed (non-retired nodes), live (healthy "
                 "on online nodes); in no FLOPS figure.",
                 &QuantumCounts::installed_qubits, &QuantumCounts::live_qubits);
  quantum_family(w, centers, "suanli_quantum_devices",
                 "Quantum devices: installed (non-retired nodes), live (healthy on online nodes).",
                 &QuantumCounts::devices, &QuantumCounts::devices_live);
  headline_family(w, registry, "suanli_headline_installed_pflops",
                  "The city's headline: installed PFLOPS of the headline class and precision.",
                  installed_of);
  headline_family(w, registry, "suanli_headline_verified_pflops",
                  "The part of the headline checked against central's catalog.", verified_of);
  headline_family(w, registry, "suanli_headline_unverified_pflops",
                  "The part of the headline counted as reported, unchecked.", unverified_of);
  headline_family(w, registry, "suanli_headline_live_pflops",
                  "Live PFLOPS of the headline class and precision.", live_of);
  headline_family(w, registry, "suanli_headline_achieved_pflops",
                  "Achieved PFLOPS of the headline class and precision.", achieved_of);
  const CoreSettings& settings = registry.settings();
  w.family("suanli_headline_achieved_by_method_pflops", MetricType::gauge,
           "Achieved of the headline class and precision by the method that measured it.");
  const Totals& head = registry.indicator().city().contribution.of(settings.headline_class);
  for (Method m : kMeasuredMethods) {
    w.sample(
        Labels{{"class", std::string(to_string(settings.headline_class))},
               {"precision", std::string(to_string(settings.headline_precision))},
               {"method", std::string(to_string(m))}},
        to_pflops(
            head.achieved_by_method[static_cast<std::size_t>(m)][settings.headline_precision]));
  }
  w.family("suanli_target_pflops", MetricType::gauge, "The city's target for the headline.");
  w.sample(Labels{{"year", std::to_string(registry.settings().target_year)}},
           registry.settings().target_pflops);

  w.family("suanli_nodes", MetricType::gauge,
           "Nodes by center and state." + std::string(kListedNote));
  for (const auto& [center, district, agg] : centers) {
    for (NodeState s : kAllNodeStates) {
      w.sample(
          Labels{{"center", center}, {"district", district}, {"state", std::string(to_string(s))}},
          agg.nodes_in(s));
    }
  }
  w.family("suanli_centers", MetricType::gauge, "Centers known: configured, and heard from.");
  w.sample(Labels{}, listed.total);
  w.family("suanli_centers_unlisted", MetricType::gauge,
           "Centers left out of the per-center series and the indicator (summary.max_centers).");
  w.sample(Labels{}, listed.unlisted());
  const DeviceCounts& counts = registry.indicator().city().contribution.counts;
  w.family("suanli_devices", MetricType::gauge, "Physical devices of non-retired nodes.");
  w.sample(Labels{}, counts.devices);
  w.family("suanli_devices_derived_peak", MetricType::gauge,
           "Devices whose peak was derived, not found in the catalog.");
  w.sample(Labels{}, counts.derived_peak);
  w.family("suanli_devices_unknown_peak", MetricType::gauge,
           "Devices whose peak is unknown in every precision (not counted in installed).");
  w.sample(Labels{}, counts.unknown_peak);
  w.family("suanli_devices_unknown_peak_by_precision", MetricType::gauge,
           "Devices whose figure of a precision is unknown, so not counted in its installed.");
  const PrecisionUnits unknown = registry.indicator().city().contribution.total().unknown_devices;
  for (Precision p : kAllPrecisions)
    w.sample(Labels{{"precision", std::string(to_string(p))}}, unknown[p]);
  w.family("suanli_devices_unknown_achieved", MetricType::gauge,
           "Live devices whose achieved is unknown, wholly or in part (nothing measured them); "
           "they add nothing to achieved.");
  w.sample(Labels{}, counts.unknown_achieved);
  w.family("suanli_devices_by_verdict", MetricType::gauge,
           "Counted devices by how their peaks compare with central's catalog.");
  for (std::size_t i = 0; i < kVerdictCount; ++i) {
    w.sample(Labels{{"verdict", std::string(to_string(static_cast<Verdict>(i)))}},
             counts.by_verdict[i]);
  }
  w.family("suanli_devices_held_elsewhere", MetricType::gauge,
           "Devices reported by a node but counted at the node that holds their identity.");
  w.sample(Labels{}, counts.held_elsewhere);
  w.family("suanli_anomalies", MetricType::gauge,
           "Current anomalies by kind (GET /api/v1/anomalies).");
  const auto anomalies = count_by_kind(current_anomalies(registry, now_ms));
  for (AnomalyKind k : kAllAnomalyKinds)
    w.sample(Labels{{"kind", std::string(to_string(k))}}, anomalies[static_cast<std::size_t>(k)]);

  w.family("suanli_messages_rejected_total", MetricType::counter,
           "Messages rejected by central, by reason; they changed nothing.");
  for (const auto& [reason, n] : ingest.rejects().by_reason())
    w.sample(Labels{{"reason", reason}}, n);
  w.family("suanli_messages_accepted_total", MetricType::counter,
           "Messages that passed validation, by kind.");
  for (wire::Kind k : {wire::Kind::status, wire::Kind::birth, wire::Kind::data, wire::Kind::hist}) {
    w.sample(Labels{{"kind", std::string(wire::to_string(k))}},
             ingest.accepted().by_kind[static_cast<std::size_t>(k)]);
  }
  const NodeCounters& sum = registry.counter_totals();
  w.family("suanli_duplicate_messages_total", MetricType::counter,
           "Windows received again (same node, boot and seq); dropped.");
  w.sample(Labels{}, sum.duplicates);
  w.family("suanli_missed_windows_total", MetricType::counter,
           "Sequence numbers skipped by live windows (seq gaps), over the nodes known.");
  w.sample(Labels{}, sum.missed_windows);

  w.family("suanli_mqtt_connected", MetricType::gauge,
           "1 while central's MQTT client is connected.");
  w.sample(Labels{}, service.health.mqtt_connected ? 1 : 0);
  w.family("suanli_store_errors_total", MetricType::counter, "Failed writes to the SQLite store.");
  w.sample(Labels{}, service.health.store_errors_total);
  w.family("suanli_ingest_queue_messages", MetricType::gauge,
           "Messages received from the broker and not yet applied.");
  w.sample(Labels{}, service.ingest.queue);
  struct Scalar {
    const char* name;
    MetricType type;
    const char* help;
    std::uint64_t value;
  };
  const Scalar queue[] = {
      {"suanli_ingest_queue_capacity_messages", MetricType::gauge,
       "Messages the ingest queue holds at most (ingest.queue_messages).",
       service.ingest.queue_capacity},
      {"suanli_ingest_queue_bytes", MetricType::gauge,
       "Payload bytes received from the broker and not yet applied.", service.ingest.queue_bytes},
      {"suanli_ingest_queue_capacity_bytes", MetricType::gauge,
       "Payload bytes the ingest queue holds at most (ingest.queue_bytes).",
       service.ingest.queue_bytes_capacity},
      {"suanli_ingest_queue_high_water_messages", MetricType::gauge,
       "The most messages the ingest queue has held.", service.ingest.queue_high_water},
      {"suanli_ingest_dequeued_messages_total", MetricType::counter,
       "Messages the ingest thread took off the queue.", service.ingest_stages.messages_total},
      {"suanli_indicator_publishes_total", MetricType::counter,
       "Retained city indicators published (suanli/v1/_city/indicator).",
       service.indicator_publishes_total}};
  for (const Scalar& m : queue) {
    w.family(m.name, m.type, m.help);
    w.sample(Labels{}, m.value);
  }
  w.family("suanli_ingest_stage_seconds_total", MetricType::counter,
           "Time the messages spent per stage: queue_wait (in the queue), decode, apply.");
  const std::pair<const char*, std::uint64_t> stages[] = {
      {"queue_wait", service.ingest_stages.queue_wait_ns},
      {"decode", service.ingest_stages.decode_ns},
      {"apply", service.ingest_stages.apply_ns}};
  for (const auto& [stage, ns] : stages)
    w.sample(Labels{{"stage", stage}}, static_cast<double>(ns) / 1e9);
  w.family("suanli_history_folds_total", MetricType::counter,
           "Late windows (hist, out of order) per history minute, by what folding them did.");
  for (std::size_t i = 0; i < kFoldOutcomeCount; ++i) {
    w.sample(Labels{{"outcome", std::string(to_string(static_cast<FoldOutcome>(i)))}},
             service.history_folds[i]);
  }
  w.sample(Labels{{"outcome", "dropped"}}, service.history_folds_dropped);
  w.family("suanli_store_writable", MetricType::gauge,
           "0 while the last write to the SQLite store failed (GET /healthz says why).");
  w.sample(Labels{}, service.health.store_write_error ? 0 : 1);
  w.family("suanli_http_connections", MetricType::gauge, "HTTP connections open.");
  w.sample(Labels{}, service.http_connections.open);
  w.family("suanli_http_connections_refused_total", MetricType::counter,
           "HTTP connections closed unserved: per_client (one client's limit), total (the "
           "server's), accept_failed.");
  for (std::size_t i = 0; i < http::kRefusalKinds; ++i) {
    w.sample(Labels{{"reason", std::string(http::to_string(static_cast<http::Refusal>(i)))}},
             service.http_connections.refused[i]);
  }
  return std::move(w).finish();
}

}  // namespace suanli::central
