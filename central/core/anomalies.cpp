#include "central/core/anomalies.hpp"

#include <algorithm>
#include <tuple>

namespace suanli::central {

std::string_view to_string(AnomalyKind k) {
  switch (k) {
    case AnomalyKind::peak_mismatch:
      return "peak_mismatch";
    case AnomalyKind::implausible_peak:
      return "implausible_peak";
    case AnomalyKind::duplicate_device:
      return "duplicate_device";
    case AnomalyKind::device_moved:
      return "device_moved";
    case AnomalyKind::bound_violation:
      return "bound_violation";
    case AnomalyKind::identity_mismatch:
      return "identity_mismatch";
  }
  return "peak_mismatch";
}

namespace {

std::string node_name(const NodeKey& k) {
  return k.first + "/" + k.second;
}

// "fp16 claimed 100000, catalog 989.4; fp8 claimed nothing, catalog 1978.9"
std::string mismatch_detail(const InventoryDevice& d) {
  std::string text;
  for (Precision p : kAllPrecisions) {
    if ((d.check.mismatched & bit(p)) == 0) continue;
    if (!text.empty()) text += "; ";
    text += std::string(to_string(p)) + " claimed " +
            (d.claimed[p] > 0 ? tflops_text(d.claimed[p]) : std::string("nothing")) + ", catalog " +
            tflops_text(d.peak[p]);
  }
  return text + " TFLOPS (catalog row '" + (d.check.row ? d.check.row->model : "") +
         "'): counted at the catalog's figure";
}

std::string implausible_detail(const InventoryDevice& d, const PrecisionUnits& ceiling) {
  std::string text;
  for (Precision p : kAllPrecisions) {
    if ((d.check.implausible & bit(p)) == 0) continue;
    if (!text.empty()) text += "; ";
    text += std::string(to_string(p)) + " claimed " + tflops_text(d.claimed[p]) +
            " above every catalog figure (" + tflops_text(ceiling[p]) + ")";
  }
  return text + " TFLOPS: not counted";
}

void peak_anomalies(const NodeRecord& r, std::vector<Anomaly>& out) {
  if (!r.inventory || !r.peak_anomaly_since_ms) return;
  for (const InventoryDevice& d : r.inventory->devices) {
    if (d.slice) continue;
    if (d.check.mismatched != 0) {
      out.push_back({AnomalyKind::peak_mismatch, r.center, r.node, d.id, mismatch_detail(d),
                     *r.peak_anomaly_since_ms});
    }
    if (d.check.implausible != 0) {
      out.push_back({AnomalyKind::implausible_peak, r.center, r.node, d.id,
                     implausible_detail(d, PeakChecker::builtin().ceiling()),
                     *r.peak_anomaly_since_ms});
    }
  }
}

std::string device_with(const Registry& registry, const NodeKey& k, std::string_view identity) {
  const NodeRecord* r = registry.find(k.first, k.second);
  if (r == nullptr || !r->inventory) return std::string(identity);
  for (const InventoryDevice& d : r->inventory->devices) {
    if (!d.slice && d.identity == identity) return d.id;
  }
  return std::string(identity);
}

void identity_anomalies(const Registry& registry, std::uint64_t now_ms, std::vector<Anomaly>& out) {
  const DeviceOwners& owners = registry.owners();
  for (const std::string& identity : owners.contested()) {
    const std::optional<DeviceOwners::Holding> h = owners.find(identity);
    if (!h) continue;
    const bool moved_recently = h->moved && event_is_recent(h->moved->at_ms, now_ms);
    if (moved_recently) {
      out.push_back({AnomalyKind::device_moved, h->holder.first, h->holder.second,
                     device_with(registry, h->holder, identity),
                     "identity " + identity + " moved here from " + node_name(h->moved->from),
                     h->moved->at_ms});
    }
    for (const auto& [k, since] : h->claimants) {
      if (k == h->holder) continue;
      const NodeRecord* r = registry.find(k.first, k.second);
      const bool online = r != nullptr && r->state == NodeState::online;
      if (h->moved && h->moved->from == k && !online) continue;  // the host it moved from
      out.push_back({AnomalyKind::duplicate_device, k.first, k.second,
                     device_with(registry, k, identity),
                     "identity " + identity + " is counted at " + node_name(h->holder), since});
    }
  }
}

}  // namespace

std::vector<Anomaly> current_anomalies(const Registry& registry, std::uint64_t now_ms) {
  std::vector<Anomaly> out;
  for (const NodeKey& k : registry.flagged_nodes()) {
    const NodeRecord* r = registry.find(k.first, k.second);
    if (r == nullptr) continue;
    peak_anomalies(*r, out);
    if (r->violation) {
      out.push_back({AnomalyKind::bound_violation, r->center, r->node, r->violation->device,
                     r->violation->detail + ": the window was refused", r->violation->since_ms});
    }
  }
  identity_anomalies(registry, now_ms, out);
  for (const auto& [k, m] : registry.identity_mismatches()) {
    if (!event_is_recent(m.last_ms, now_ms)) continue;
    out.push_back({AnomalyKind::identity_mismatch, k.first, k.second, "", m.detail, m.since_ms});
  }
  std::sort(out.begin(), out.end(), [](const Anomaly& a, const Anomaly& b) {
    return std::tie(a.kind, a.center, a.node, a.device) <
           std::tie(b.kind, b.center, b.node, b.device);
  });
  return out;
}

std::array<std::uint64_t, kAnomalyKindCount> count_by_kind(const std::vector<Anomaly>& list) {
  std::array<std::uint64_t, kAnomalyKindCount> n{};
  for (const Anomaly& a : list)
    ++n[static_cast<std::size_t>(a.kind)];
  return n;
}

nlohmann::json anomalies_json(const std::vector<Anomaly>& list) {
  nlohmann::json items = nlohmann::json::array();
  for (const Anomaly& a : list) {
    items.push_back({{"kind", to_string(a.kind)},
                     {"center", a.center},
                     {"node", a.node},
                     {"device", a.device},
                     {"detail", a.detail},
                     {"since_ms", a.since_ms}});
  }
  return {{"anomalies", std::move(items)}};
}

}  // namespace suanli::central
