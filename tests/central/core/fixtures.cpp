#include "fixtures.hpp"

#include <algorithm>
#include <set>

namespace suanli::central::test {

PrecisionMap peaks(double base) {
  PrecisionMap m;
  for (Precision p : kAllPrecisions)
    m[p] = base * static_cast<double>(static_cast<int>(p) + 1);
  return m;
}

PrecisionMap scaled(const PrecisionMap& m, double factor) {
  return PrecisionMap{}.add(m, factor);
}

wire::Device quantum(const std::string& id, std::uint64_t qubits) {
  wire::Device d;
  d.id = id;
  d.backend = "declared";
  d.device_class = DeviceClass::quantum;
  d.vendor = "China Telecom Quantum Group";
  d.model = "Tianyan-504";
  d.peak_source = PeakSource::config;
  d.peak_unknown = PrecisionSet{};
  d.qubits = qubits;
  return d;
}

wire::Device accelerator(const std::string& id, double base, PeakSource source) {
  wire::Device d;
  d.id = id;
  d.backend = "sim";
  d.device_class = DeviceClass::accelerator;
  d.vendor = "NVIDIA";
  d.model = "Test GPU";
  d.peak_source = source;
  if (source != PeakSource::unknown) d.peak_tflops = peaks(base);
  return d;
}

wire::Device cpu(const std::string& id, double base, PeakSource source) {
  wire::Device d = accelerator(id, base, source);
  d.backend = "cpu";
  d.device_class = DeviceClass::cpu;
  d.vendor = "Intel";
  d.model = "Test CPU";
  return d;
}

wire::Device slice(const wire::Device& parent, const std::string& id, double share) {
  wire::Device d = parent;
  d.id = id;
  d.parent = parent.id;
  d.share = share;
  d.peak_tflops = scaled(parent.peak_tflops, share);
  return d;
}

wire::Device h100(const std::string& id, double fp16) {
  wire::Device d = accelerator(id, 1);
  d.model = "NVIDIA H100 80GB HBM3";
  d.pci_id = "10de:2330";
  d.units = 132;
  const double figures[] = {33.5, 66.9, 66.9, 494.7, 989.4, 989.4, 1978.9, 1978.9};
  for (Precision p : kAllPrecisions)
    d.peak_tflops[p] = figures[static_cast<std::size_t>(p)];
  d.peak_tflops[Precision::fp16] = fp16;
  return d;
}

wire::Header header(const std::string& center, const std::string& node, std::uint64_t boot,
                    std::uint64_t seq) {
  return wire::Header{center, node, boot, seq, 1767229190000};
}

wire::Birth birth(const wire::Header& h, std::vector<wire::Device> devices,
                  std::optional<std::string> district, std::uint64_t interval_ms) {
  wire::Birth b;
  b.header = h;
  b.host = wire::Host{h.node, "Debian 12", "6.1.0", "x86_64", "0.1.0"};
  b.district = std::move(district);
  b.interval_ms = interval_ms;
  b.sample_interval_ms = 1000;
  b.devices = std::move(devices);
  for (const wire::Device& d : b.devices) {
    if (d.parent) continue;
    ++b.totals.devices;
    b.totals.peak_tflops.add(d.peak_tflops);
  }
  return b;
}

wire::Data data(const wire::Header& h, const std::vector<wire::Device>& devices, double activity,
                const std::vector<std::string>& unhealthy) {
  std::set<std::string> parents;
  for (const wire::Device& d : devices) {
    if (d.parent) parents.insert(*d.parent);
  }
  wire::Data m;
  m.header = h;
  m.interval_ms = 10000;
  m.window = wire::Window{h.ts_ms - 10000, h.ts_ms, 10};
  for (const wire::Device& d : devices) {
    wire::DeviceWindow w;
    w.id = d.id;
    w.healthy = std::find(unhealthy.begin(), unhealthy.end(), d.id) == unhealthy.end();
    if (w.healthy) {
      w.method = Method::busy_time;
      w.activity_mean = activity;
      w.activity_max = activity;
      if (!parents.contains(d.id)) w.achieved_tflops = scaled(d.peak_tflops, activity);
    }
    m.devices.push_back(w);
  }
  return m;
}

void unmeasured(wire::DeviceWindow& w) {
  w.method = Method::none;
  w.method_shares.reset();
  w.activity_mean.reset();
  w.activity_max.reset();
  w.achieved_tflops = PrecisionMap{};
}

void mixed(wire::DeviceWindow& w, double gpm_share) {
  w.method = gpm_share >= 0.5 ? Method::gpm_tensor : Method::busy_time;
  w.method_shares = MethodShares{{gpm_share, 0, 1 - gpm_share, 0}};
}

wire::Status status(const wire::Header& h, bool online) {
  return wire::Status{h, online};
}

CoreSettings settings() {
  CoreSettings s;
  s.stale_after_intervals = 3;
  s.retire_after_s = 600;
  s.centers["sz-aicc"] =
      config::CenterConfig{"苏州市人工智能算力中心", "gyq", config::ComputeClass::intelligent};
  s.centers["sz-scc"] =
      config::CenterConfig{"苏州超级计算中心", "wz", config::ComputeClass::supercomputing};
  s.centers["ks-ai"] =
      config::CenterConfig{"昆山智算中心", std::nullopt, config::ComputeClass::general};
  return s;
}

}  // namespace suanli::central::test
