#pragma once

// GET /metrics: the indicator and the ingest counters in Prometheus text format. Names carry
// their unit (_pflops, _total); labels are center, district, class, precision, state, reason.

#include <cstdint>
#include <string>

#include "central/core/ingest.hpp"
#include "central/core/registry.hpp"
#include "config/expected.hpp"

namespace suanli::central {

struct ServiceGauges {
  bool mqtt_connected = false;
  std::uint64_t store_errors_total = 0;
  std::uint64_t ingest_queue = 0;  // messages received, not yet applied
};

Expected<std::string> metrics_text(const Registry& registry, const Ingest& ingest,
                                   const ServiceGauges& service);

}  // namespace suanli::central
