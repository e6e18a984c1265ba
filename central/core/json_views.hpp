#pragma once

// JSON documents of the HTTP API (docs/design.md, "HTTP API"). Every precision object holds all
// eight precision keys, in PFLOPS (int8: POPS).

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "central/core/ingest.hpp"
#include "central/core/registry.hpp"
#include "central/core/units.hpp"

namespace suanli::central {

// The configured district of a center, else the first one a node of the center reports.
std::string center_district(const Registry& registry, const std::string& id);

nlohmann::json precision_json(const PrecisionUnits& u);
// {"gpm_tensor": {...}, "sm_active": {...}, "busy_time": {...}, "cpu_time": {...}}: achieved by
// the method that measured it, every precision; and at one precision, {"gpm_tensor": x, ...}.
nlohmann::json achieved_by_method_json(const Totals& t);
nlohmann::json achieved_by_method_json(const Totals& t, Precision p);
// {"power_kw", "devices_with_power", "devices_without_power", "devices_implausible_power",
// "achieved_tflops_per_kw": {...}, "installed_tflops_per_kw": {...}}: installed is the live peak
// of the devices that report power; each efficiency null when their power is 0 (or none report).
nlohmann::json energy_json(const PowerTotals& p);
// {"installed_pflops": {...}, "live_pflops": {...}, "achieved_pflops": {...},
// "achieved_by_method": achieved_by_method_json, ...}
nlohmann::json totals_json(const Totals& t);
// {"intelligent": totals_json, "general": ..., "supercomputing": ...}
nlohmann::json by_class_json(const Contribution& c);
// Each class at its own precision (convention_precision): {"intelligent": {"precision": "fp16",
// "installed_pflops": ..., "verified_pflops", "unverified_pflops", "live_pflops",
// "achieved_pflops", "achieved_by_method", "energy": energy_json}, ...}
nlohmann::json classes_json(const Contribution& c);
// {"devices", "devices_live", "installed_qubits", "live_qubits"}: the quantum devices, in qubits.
nlohmann::json quantum_json(const QuantumCounts& q);
// {"classes": classes_json, "by_class": by_class_json, "all_classes": totals_json of every class
// added together per precision, a figure that is labelled as such, "energy": energy_json of every
// class, "quantum": quantum_json}
nlohmann::json figures_json(const Contribution& c);

// GET /api/v1/indicator. headline.progress = headline installed / target, a fraction (1.0 = target
// met). Beside the fields docs/design.md ("HTTP API") lists first: counts.nodes.retired,
// by_district, and per center its name, class, node counts by state, device counts and by_class.
nlohmann::json indicator_json(const Registry& registry, std::uint64_t now_ms);
// GET /api/v1/centers: configured centers and those heard from, by id.
nlohmann::json centers_json(const Registry& registry);
// GET /api/v1/centers/<id>; nullopt for a center neither configured nor heard from.
std::optional<nlohmann::json> center_json(const Registry& registry, const std::string& id);
// A page of GET /api/v1/nodes: the nodes of `center` (of every center when absent) that come after
// `after` in (center, node) order, at most `limit` of them.
inline constexpr std::size_t kDefaultNodesPage = 100;
inline constexpr std::size_t kMaxNodesPage = 1000;
struct NodesPage {
  std::optional<std::string> center;
  std::optional<NodeKey> after;
  std::size_t limit = kDefaultNodesPage;
};
// "<center>/<node>", the cursor of the page after that node; and back (nullopt unless both ids are
// valid).
std::string node_cursor(const NodeKey& key);
std::optional<NodeKey> parse_node_cursor(std::string_view cursor);
// {"nodes": [...], "total": nodes of the center (or all), "limit", "next_cursor": the cursor after
// the last node listed, null on the last page}.
nlohmann::json nodes_json(const Registry& registry, const NodesPage& page);
// GET /api/v1/stats.
nlohmann::json stats_json(const Ingest& ingest, const Registry& registry);

}  // namespace suanli::central
