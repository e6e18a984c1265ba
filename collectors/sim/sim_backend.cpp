#include "collectors/sim/sim_backend.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <numbers>

#include "collectors/backend_descriptor.hpp"
#include "config/ids.hpp"

namespace suanli::collectors {
namespace sim {

namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Uniform in [0, 1) from a hash of the inputs.
double unit(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return static_cast<double>(splitmix64(a ^ splitmix64(b ^ splitmix64(c))) >> 11) * 0x1.0p-53;
}

}  // namespace

double activity(std::uint64_t seed, std::uint64_t device, std::uint64_t k) {
  double base = 0.35 + 0.5 * unit(seed, device, 0);      // each device has its own load level
  double period = 60.0 + 240.0 * unit(seed, device, 1);  // samples per wave
  double phase = unit(seed, device, 2);
  double wave = 0.15 * std::sin(2 * std::numbers::pi * (static_cast<double>(k) / period + phase));
  double noise = 0.1 * (unit(seed, device, k + 3) - 0.5);
  return std::clamp(base + wave + noise, 0.0, 1.0);
}

double power_limit_w(const std::optional<double>& fp16_tflops) {
  if (!fp16_tflops) return 300;
  return std::clamp(150 + 0.55 * *fp16_tflops, 150.0, 1000.0);
}

double power_draw_w(double limit_w, double activity) {
  return limit_w * (0.2 + 0.8 * std::clamp(activity, 0.0, 1.0));
}

std::string device_uuid(std::string_view center, std::string_view node,
                        std::string_view device_id) {
  std::string uuid = "sim:";
  uuid.append(center).append("/").append(node).append("/").append(device_id);
  return uuid;
}

}  // namespace sim

namespace {

class SimBackend final : public DeviceBackend {
 public:
  // The devices are the config's, so their sample counters are made once: a rediscovery neither
  // restarts the pattern nor replaces what a running sample() touches.
  explicit SimBackend(const config::AgentConfig& cfg)
      : cfg_(cfg.sim),
        center_(cfg.center.value_or(std::string(kLocalCenter))),
        node_(cfg.node),
        samples_(std::make_unique<std::atomic<std::uint64_t>[]>(device_count(cfg.sim))) {}

  std::optional<std::string> open() override {
    auto catalog = Catalog::builtin();
    if (!catalog) return catalog.error();
    catalog_ = std::make_unique<Catalog>(std::move(catalog).value());
    // Once: the devices are the config's, and a sample may still read the limits at a reopen.
    if (power_limits_w_.empty()) {
      for (const auto& entry : cfg_.devices)
        power_limits_w_.insert(power_limits_w_.end(), static_cast<std::size_t>(entry.count),
                               sim::power_limit_w(fp16_of(entry.model)));
    }
    return std::nullopt;
  }

  Expected<std::vector<DeviceInfo>> discover() override {
    std::vector<DeviceInfo> devices;
    for (const auto& entry : cfg_.devices) {
      for (int i = 0; i < entry.count; ++i)
        devices.push_back(device(entry.model, devices.size()));
    }
    return devices;
  }

  Reading sample(std::size_t index) override {
    Reading r;
    r.method = Method::busy_time;
    r.activity = sim::activity(cfg_.seed, index, samples_[index]++);
    r.power_limit_w = power_limits_w_[index];
    r.power_w = sim::power_draw_w(*r.power_limit_w, *r.activity);
    return r;
  }

  void close() override {}

 private:
  // A device as a real backend would report it: the catalog row named by `model` (by model or
  // device name) gives the vendor, the reported name, the PCI id and the unit count.
  DeviceInfo device(const std::string& model, std::size_t index) const {
    DeviceInfo d;
    d.id = "sim-" + std::to_string(index);
    d.uuid = sim::device_uuid(center_, node_, d.id);
    d.model = model;
    d.vendor = "simulated";
    d.identity.name = model;
    if (auto match = catalog_->find(d.identity)) {
      const CatalogRow& row = *match->row;
      d.vendor = row.vendor;
      if (!row.match_names.empty()) d.model = row.match_names.front();
      if (!row.pci_ids.empty()) d.identity.pci_id = row.pci_ids.front();
      d.identity.units = row.units;
      if (row.units) d.units = static_cast<std::uint64_t>(*row.units);
      d.max_clock_mhz = row.boost_mhz;
    }
    return d;
  }

  std::optional<double> fp16_of(const std::string& model) const {
    DeviceIdentity identity;
    identity.name = model;
    auto match = catalog_->find(identity);
    return match ? match->row->tflops[Precision::fp16] : std::nullopt;
  }

  static std::size_t device_count(const config::SimConfig& cfg) {
    std::size_t n = 0;
    for (const auto& entry : cfg.devices)
      n += static_cast<std::size_t>(entry.count);
    return n;
  }

  config::SimConfig cfg_;
  std::string center_;
  std::string node_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> samples_;
  std::vector<double> power_limits_w_;  // per device, set at the first open()
};

}  // namespace

extern const BackendDescriptor sim_backend{
    .spec = {.name = "sim",
             .reads = "Simulated devices from `collectors.sim.devices`, for demos and load tests "
                      "(activity and board power both simulated)",
             .default_enabled = config::Enablement::off},
    .make = [](const config::AgentConfig& cfg, const config::CollectorConfig&)
        -> std::unique_ptr<DeviceBackend> { return std::make_unique<SimBackend>(cfg); }};

}  // namespace suanli::collectors
