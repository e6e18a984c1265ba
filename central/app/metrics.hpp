#pragma once

// GET /metrics: the indicator and the ingest counters in Prometheus text format. Names carry
// their unit (_pflops, _kw, _kwh, _total); labels are center, district, class, precision, state,
// reason.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "central/app/ingest_worker.hpp"
#include "central/core/energy_meter.hpp"
#include "central/core/history_fold.hpp"
#include "central/core/ingest.hpp"
#include "central/core/registry.hpp"
#include "central/http/server.hpp"
#include "config/expected.hpp"

namespace suanli::central {

// What /healthz says; read without the service's state lock, so that it answers while ingest or
// the tick hold it.
struct HealthGauges {
  bool mqtt_connected = false;
  std::uint64_t store_errors_total = 0;
  // The last write to the store failed with this (nothing once one succeeds again).
  std::optional<std::string> store_write_error;
};

struct ServiceGauges {
  HealthGauges health;
  // Late windows' (minute, node) pairs by what folding them into history did.
  std::array<std::uint64_t, kFoldOutcomeCount> history_folds{};
  std::uint64_t history_folds_dropped = 0;
  http::ConnectionCounts http_connections;
  // kWh since central started, by center and class (energy_meter.hpp).
  std::map<std::string, ClassEnergy> energy_kwh_by_center;
  // The ingest queue and the ingest thread's stages (GET /api/v1/stats, "ingest").
  IngestQueueStats ingest;
  IngestStageTotals ingest_stages;
  std::uint64_t indicator_publishes_total = 0;  // retained city indicators published
};

Expected<std::string> metrics_text(const Registry& registry, const Ingest& ingest,
                                   const ServiceGauges& service, std::uint64_t now_ms);

}  // namespace suanli::central
