#include <memory>
#include <vector>

#include "collectors/backend_descriptor.hpp"
#include "collectors/declared/prober.hpp"

namespace suanli::collectors {
namespace {

// The devices of the agent's `declared` config: found by no library, known by what the operator
// states (name, qubits), healthy by their liveness probe. A quantum computer has no FLOPS, so
// its readings never carry activity (method none).
class DeclaredBackend final : public DeviceBackend {
 public:
  explicit DeclaredBackend(const config::AgentConfig& cfg)
      : devices_(cfg.declared), period_(cfg.publish_interval_ms) {}

  std::optional<std::string> open() override {
    if (devices_.empty()) return "no devices in `declared`";
    probers_.clear();
    for (std::size_t i = 0; i < devices_.size(); ++i) {
      const auto& probe = devices_[i].probe;
      probers_.push_back(probe ? std::make_unique<declared::Prober>(id_of(i), *probe, period_)
                               : nullptr);
    }
    return std::nullopt;
  }

  Expected<std::vector<DeviceInfo>> discover() override {
    std::vector<DeviceInfo> found;
    for (std::size_t i = 0; i < devices_.size(); ++i) {
      const config::DeclaredDevice& declared = devices_[i];
      DeviceInfo d;
      d.id = id_of(i);
      d.device_class = DeviceClass::quantum;
      d.vendor = declared.vendor.value_or("unknown");
      d.model = declared.name;
      d.qubits = declared.qubits;
      d.identity.name = declared.name;
      found.push_back(std::move(d));
    }
    return found;
  }

  Reading sample(std::size_t index) override {
    Reading r;
    if (index < probers_.size() && probers_[index]) r.unhealthy = probers_[index]->health();
    return r;
  }

  void close() override { probers_.clear(); }

 private:
  static std::string id_of(std::size_t index) { return "quantum-" + std::to_string(index); }

  const std::vector<config::DeclaredDevice> devices_;
  const std::chrono::milliseconds period_;
  // One per device, nullptr for a device without a probe; made at open(), so that sample() (any
  // thread) only reads the vector.
  std::vector<std::unique_ptr<declared::Prober>> probers_;
};

}  // namespace

extern const BackendDescriptor declared_backend{
    .spec = {.name = "declared",
             .reads = "Devices stated in `declared` (quantum computers), healthy by their probe"},
    .make = [](const config::AgentConfig& cfg, const config::CollectorConfig&)
        -> std::unique_ptr<DeviceBackend> { return std::make_unique<DeclaredBackend>(cfg); }};

}  // namespace suanli::collectors
