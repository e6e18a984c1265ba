#include "tests/dashboard/catalog_node.hpp"

#include <stdexcept>
#include <utility>

#include "collectors/catalog/catalog.hpp"
#include "collectors/catalog/peaks.hpp"

namespace suanli::test {
namespace {

PrecisionMap scaled_by(const PrecisionMap& m, double factor) {
  return PrecisionMap{}.add(m, factor);
}

PrecisionMap sum_of_peaks(const std::vector<wire::Device>& devices) {
  PrecisionMap sum;
  for (const wire::Device& d : devices)
    sum.add(d.peak_tflops);
  return sum;
}

}  // namespace

CatalogNode::CatalogNode(std::string center, std::string node, std::string district,
                         const std::string& catalog_model, int accelerators)
    : center_(std::move(center)), node_(std::move(node)), district_(std::move(district)) {
  auto catalog = Catalog::builtin();
  if (!catalog) throw std::runtime_error("the built-in catalog does not load");
  DeviceIdentity identity;
  identity.name = catalog_model;
  PeakResolution peaks = resolve_peaks(*catalog, identity, {});
  if (peaks.source != PeakSource::catalog) {
    throw std::runtime_error("no catalog row named " + catalog_model);
  }
  for (int i = 0; i < accelerators; ++i) {
    wire::Device d;
    d.id = "gpu" + std::to_string(i);
    d.backend = "sim";
    d.device_class = DeviceClass::accelerator;
    d.vendor = "NVIDIA";
    d.model = catalog_model;
    d.peak_tflops = peaks.peak_tflops;
    d.peak_source = PeakSource::catalog;
    d.catalog_model = peaks.catalog_model;
    devices_.push_back(std::move(d));
  }
}

wire::Header CatalogNode::header(std::uint64_t now_ms) const {
  return wire::Header{center_, node_, boot_, seq_, now_ms};
}

wire::Status CatalogNode::status(std::uint64_t now_ms) const {
  return wire::Status{header(now_ms), true};
}

wire::Birth CatalogNode::birth(std::uint64_t now_ms) const {
  wire::Birth b;
  b.header = header(now_ms);
  b.host = wire::Host{node_, "Debian GNU/Linux 12 (bookworm)", "6.1.0", "x86_64", "0.1.0"};
  b.district = district_;
  b.interval_ms = kIntervalMs;
  b.sample_interval_ms = 1000;
  b.devices = devices_;
  b.totals.devices = devices_.size();
  b.totals.peak_tflops = sum_of_peaks(devices_);
  return b;
}

wire::Data CatalogNode::next_window(std::uint64_t now_ms, double activity) {
  wire::Data m;
  m.header = header(now_ms);
  ++seq_;
  m.interval_ms = kIntervalMs;
  m.window = wire::Window{now_ms - kIntervalMs, now_ms, kIntervalMs / 1000};
  for (const wire::Device& d : devices_) {
    wire::DeviceWindow w;
    w.id = d.id;
    w.healthy = true;
    w.method = Method::busy_time;
    w.activity_mean = activity;
    w.activity_max = activity;
    w.achieved_tflops = scaled_by(d.peak_tflops, activity);
    m.devices.push_back(std::move(w));
  }
  m.totals.devices = devices_.size();
  m.totals.healthy_devices = devices_.size();
  m.totals.peak_tflops = sum_of_peaks(devices_);
  m.totals.live_tflops = m.totals.peak_tflops;
  m.totals.achieved_tflops = scaled_by(m.totals.peak_tflops, activity);
  return m;
}

double CatalogNode::peak_tflops(Precision p) const {
  return sum_of_peaks(devices_)[p].value_or(0.0);
}

}  // namespace suanli::test
