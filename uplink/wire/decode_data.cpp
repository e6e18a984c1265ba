#include <cmath>

#include "uplink/wire/detail/decoders.hpp"

namespace suanli::wire::detail {
namespace {

// Shares must add up to 1, less what printing each to 17 digits can lose.
constexpr double kShareSumTolerance = 1e-6;

// method_shares: measured methods only, each share in (0, 1], together 1, `method` among them.
std::optional<MethodShares> read_method_shares(Reader& r, const Object& o, Method method) {
  std::optional<MethodShares> out;
  r.optional_object(o, "method_shares", [&](const Object& shares) {
    if (!is_measured(method)) {
      return r.fail({}, DecodeReason::bad_value, "must be absent when method is none");
    }
    MethodShares s;
    double sum = 0;
    const auto members = shares.members();
    for (auto it = members.begin(); it != members.end(); ++it) {
      Reader::Scope scope(r, it.key());
      Method m = Method::none;
      r.name(it.key(), m);
      if (r.failed()) return;
      if (!is_measured(m)) return r.fail({}, DecodeReason::bad_value, "is not a measuring method");
      r.value(it.value(), s[m], kShare);
      if (r.failed()) return;
      sum += s[m];
    }
    if (std::abs(sum - 1) > kShareSumTolerance) {
      return r.fail({}, DecodeReason::bad_value, "shares must add up to 1");
    }
    if (!(s[method] > 0)) r.fail({}, DecodeReason::bad_value, "must include the window's method");
    out = s;
  });
  return out;
}

DeviceWindow read_device_window(Reader& r, const Object& o) {
  DeviceWindow d;
  r.field(o, "id", d.id, kDeviceId);
  r.field(o, "healthy", d.healthy);
  r.field(o, "health_reason", d.health_reason, kShortText);
  r.field(o, "method", d.method);
  d.method_shares = read_method_shares(r, o, d.method);
  r.field(o, "activity_mean", d.activity_mean, kFraction);
  r.field(o, "activity_max", d.activity_max, kFraction);
  if (d.method == Method::none) {
    if (d.activity_mean) {
      r.fail("activity_mean", DecodeReason::bad_value, "must be absent when method is none");
    } else if (d.activity_max) {
      r.fail("activity_max", DecodeReason::bad_value, "must be absent when method is none");
    }
  }
  r.field(o, "achieved_tflops", d.achieved_tflops);
  r.field(o, "memory_used_bytes", d.memory_used_bytes);
  r.field(o, "memory_total_bytes", d.memory_total_bytes);
  r.field(o, "power_w", d.power_w, kNonNegative);
  r.field(o, "power_limit_w", d.power_limit_w, kNonNegative);
  r.field(o, "temperature_c", d.temperature_c, kFinite);
  r.field(o, "sm_clock_mhz", d.sm_clock_mhz, kNonNegative);
  return d;
}

}  // namespace

Data read_data(Reader& r, const Object& root, Header header) {
  Data m;
  m.header = std::move(header);
  r.field(root, "interval_ms", m.interval_ms, Uint{1});
  r.object(root, "window", [&](const Object& o) {
    r.field(o, "start_ms", m.window.start_ms);
    r.field(o, "end_ms", m.window.end_ms);
    r.field(o, "samples", m.window.samples);
    if (!r.failed() && m.window.end_ms < m.window.start_ms) {
      r.fail("end_ms", DecodeReason::bad_value, "must be >= window.start_ms");
    }
  });
  UniqueIds ids;
  r.array_of_objects(root, "devices", kMaxDevices, [&](const Object& o, std::size_t i) {
    m.devices.push_back(read_device_window(r, o));
    ids.check(r, m.devices.back().id, i);
  });
  r.object(root, "totals", [&](const Object& o) {
    r.field(o, "devices", m.totals.devices);
    r.field(o, "healthy_devices", m.totals.healthy_devices);
    if (!r.failed() && m.totals.healthy_devices > m.totals.devices) {
      r.fail("healthy_devices", DecodeReason::bad_value, "must be <= totals.devices");
    }
    r.field(o, "peak_tflops", m.totals.peak_tflops);
    r.field(o, "live_tflops", m.totals.live_tflops);
    r.field(o, "achieved_tflops", m.totals.achieved_tflops);
  });
  r.field(root, "dropped_total", m.dropped_total);
  r.object(root, "spool", [&](const Object& o) {
    r.field(o, "depth", m.spool.depth);
    r.field(o, "bytes", m.spool.bytes);
  });
  r.field(root, "publish_latency_ms", m.publish_latency_ms, kNonNegative);
  m.spool_faults = read_spool_faults(r, root);
  return m;
}

}  // namespace suanli::wire::detail
