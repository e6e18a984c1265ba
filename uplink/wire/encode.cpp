#include <cmath>
#include <nlohmann/json.hpp>

#include "uplink/wire/codec.hpp"
#include "uplink/wire/detail/names.hpp"

namespace suanli::wire {
namespace {

// Insertion order keeps the header first, which is easier to read in logs and docs.
using OutJson = nlohmann::ordered_json;

void put(OutJson& j, const char* key, double v) {
  if (std::isfinite(v)) j[key] = v;
}

template <class T>
void put(OutJson& j, const char* key, const std::optional<T>& v) {
  if (!v) return;
  if constexpr (std::is_same_v<T, double>) {
    put(j, key, *v);
  } else {
    j[key] = *v;
  }
}

template <class E>
requires std::is_enum_v<E>
void put(OutJson& j, const char* key, E e) {
  j[key] = detail::name_of(e);
}

// TFLOPS to one MFLOPS (protocol.md section 1), so that sums of catalog figures print as
// written. Past 10^9 TFLOPS there are no decimals to round (and * 1e6 could overflow).
double to_mflops(double tflops) {
  return std::abs(tflops) < 1e9 ? std::round(tflops * kMflopsPerTflops) / kMflopsPerTflops : tflops;
}

OutJson precisions(const PrecisionMap& m) {
  OutJson j = OutJson::object();
  for (const Precision p : kAllPrecisions) {
    if (m[p] && std::isfinite(*m[p])) j[std::string(to_string(p))] = to_mflops(*m[p]);
  }
  return j;
}

OutJson precision_names(const PrecisionSet& s) {
  OutJson j = OutJson::array();
  for (const Precision p : kAllPrecisions) {
    if (s.contains(p)) j.push_back(std::string(to_string(p)));
  }
  return j;
}

OutJson header(Kind kind, const Header& h) {
  OutJson j = OutJson::object();
  j["v"] = kVersion;
  put(j, "kind", kind);
  j["center"] = h.center;
  j["node"] = h.node;
  j["boot"] = h.boot;
  j["seq"] = h.seq;
  j["ts_ms"] = h.ts_ms;
  return j;
}

OutJson device(const Device& d) {
  OutJson j = OutJson::object();
  j["id"] = d.id;
  j["backend"] = d.backend;
  put(j, "class", d.device_class);
  j["vendor"] = d.vendor;
  j["model"] = d.model;
  put(j, "uuid", d.uuid);
  put(j, "pci_id", d.pci_id);
  put(j, "bus_id", d.bus_id);
  put(j, "memory_total_bytes", d.memory_total_bytes);
  put(j, "units", d.units);
  put(j, "max_clock_mhz", d.max_clock_mhz);
  j["peak_tflops"] = precisions(d.peak_tflops);
  put(j, "peak_source", d.peak_source);
  put(j, "catalog_model", d.catalog_model);
  if (d.peak_confidence) put(j, "peak_confidence", *d.peak_confidence);
  put(j, "peak_basis", d.peak_basis);
  if (d.peak_unknown) j["peak_unknown"] = precision_names(*d.peak_unknown);
  put(j, "parent", d.parent);
  put(j, "share", d.share);
  put(j, "qubits", d.qubits);
  return j;
}

// Only the methods with a share, best first.
OutJson method_shares(const MethodShares& shares) {
  OutJson j = OutJson::object();
  for (const Method m : kMeasuredMethods) {
    if (shares[m] > 0 && std::isfinite(shares[m])) j[std::string(to_string(m))] = shares[m];
  }
  return j;
}

OutJson device_window(const DeviceWindow& d) {
  OutJson j = OutJson::object();
  j["id"] = d.id;
  j["healthy"] = d.healthy;
  put(j, "health_reason", d.health_reason);
  put(j, "method", d.method);
  if (d.method_shares) j["method_shares"] = method_shares(*d.method_shares);
  put(j, "activity_mean", d.activity_mean);
  put(j, "activity_max", d.activity_max);
  j["achieved_tflops"] = precisions(d.achieved_tflops);
  put(j, "memory_used_bytes", d.memory_used_bytes);
  put(j, "memory_total_bytes", d.memory_total_bytes);
  put(j, "power_w", d.power_w);
  put(j, "power_limit_w", d.power_limit_w);
  put(j, "temperature_c", d.temperature_c);
  put(j, "sm_clock_mhz", d.sm_clock_mhz);
  return j;
}

void put_spool_faults(OutJson& j, const std::optional<SpoolFaults>& f) {
  if (!f) return;
  j["spool_faults"] = {{"skipped_records", f->skipped_records},
                       {"skipped_bytes", f->skipped_bytes},
                       {"truncated_segments", f->truncated_segments},
                       {"truncated_bytes", f->truncated_bytes},
                       {"unspooled_windows", f->unspooled_windows}};
}

OutJson data_body(Kind kind, const Data& m) {
  OutJson j = header(kind, m.header);
  j["interval_ms"] = m.interval_ms;
  j["window"] = {
      {"start_ms", m.window.start_ms}, {"end_ms", m.window.end_ms}, {"samples", m.window.samples}};
  OutJson devices = OutJson::array();
  for (const auto& d : m.devices)
    devices.push_back(device_window(d));
  j["devices"] = std::move(devices);
  j["totals"] = {{"devices", m.totals.devices},
                 {"healthy_devices", m.totals.healthy_devices},
                 {"peak_tflops", precisions(m.totals.peak_tflops)},
                 {"live_tflops", precisions(m.totals.live_tflops)},
                 {"achieved_tflops", precisions(m.totals.achieved_tflops)}};
  j["dropped_total"] = m.dropped_total;
  j["spool"] = {{"depth", m.spool.depth}, {"bytes", m.spool.bytes}};
  put(j, "publish_latency_ms", m.publish_latency_ms);
  put_spool_faults(j, m.spool_faults);
  return j;
}

std::string dump(const OutJson& j) {
  return j.dump(-1, ' ', false, OutJson::error_handler_t::replace);
}

}  // namespace

std::string encode(const Status& m) {
  OutJson j = header(Kind::status, m.header);
  j["online"] = m.online;
  return dump(j);
}

std::string encode(const Birth& m) {
  OutJson j = header(Kind::birth, m.header);
  j["host"] = {{"hostname", m.host.hostname},
               {"os", m.host.os},
               {"kernel", m.host.kernel},
               {"arch", m.host.arch},
               {"agent_version", m.host.agent_version}};
  put(j["host"], "cpu_limit", m.host.cpu_limit);
  put(j, "district", m.district);
  j["interval_ms"] = m.interval_ms;
  j["sample_interval_ms"] = m.sample_interval_ms;
  OutJson devices = OutJson::array();
  for (const auto& d : m.devices)
    devices.push_back(device(d));
  j["devices"] = std::move(devices);
  j["totals"] = {{"devices", m.totals.devices}, {"peak_tflops", precisions(m.totals.peak_tflops)}};
  put_spool_faults(j, m.spool_faults);
  return dump(j);
}

std::string encode(const Data& m) {
  return dump(data_body(Kind::data, m));
}
std::string encode(const Hist& m) {
  return dump(data_body(Kind::hist, m.data));
}

std::string encode(const Cmd& m) {
  OutJson j = OutJson::object();
  j["v"] = kVersion;
  put(j, "kind", Kind::cmd);
  j["center"] = m.center;
  j["node"] = m.node;
  put(j, "boot", m.boot);
  put(j, "seq", m.seq);
  j["ts_ms"] = m.ts_ms;
  put(j, "cmd", m.cmd);
  return dump(j);
}

std::string encode(const Message& m) {
  return std::visit([](const auto& msg) { return encode(msg); }, m);
}

}  // namespace suanli::wire
