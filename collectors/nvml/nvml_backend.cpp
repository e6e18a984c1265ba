#include <atomic>
#include <mutex>
#include <utility>

#include "collectors/environment.hpp"
#include "collectors/nvml/nvml_api.hpp"
#include "collectors/nvml/nvml_discovery.hpp"
#include "collectors/nvml/nvml_flavor.hpp"
#include "collectors/nvml/nvml_readings.hpp"

namespace suanli::collectors {
namespace nvml {
namespace {

// What one discover() found. sample() holds it while it runs, so that a call hung in the
// driver keeps its devices, GPM samples and library alive through a later discover() or close().
struct Inventory {
  std::shared_ptr<const Api> api;
  std::vector<NvmlDevice> devices;
};

class NvmlBackend final : public DeviceBackend {
 public:
  NvmlBackend(const Flavor& flavor, std::optional<std::string> configured_path)
      : flavor_(flavor), configured_path_(std::move(configured_path)) {}
  ~NvmlBackend() override { close(); }

  std::optional<std::string> open() override {
    close();
    auto api = load_api(
        library_candidates(flavor_.library_env, configured_path_, flavor_.libraries), flavor_);
    if (!api) return api.error();
    std::lock_guard lock(mutex_);
    api_ = std::move(api).value();
    if (Return code = api_->init(); code != Return::success) {
      return "nvmlInit: " + api_->describe(code);
    }
    initialized_ = true;
    needs_reopen_ = false;
    return std::nullopt;
  }

  Expected<std::vector<DeviceInfo>> discover() override {
    std::shared_ptr<const Api> api;
    {
      std::lock_guard lock(mutex_);
      if (!initialized_) return Expected<std::vector<DeviceInfo>>::failure("NVML is not open");
      api = api_;
    }
    auto devices = enumerate(api, known_);
    if (!devices) return Expected<std::vector<DeviceInfo>>::failure(devices.error());
    std::vector<DeviceInfo> infos;
    for (const auto& d : devices.value())
      infos.push_back(d.info);
    auto found = std::make_shared<const Inventory>(Inventory{api, std::move(devices).value()});
    std::lock_guard lock(mutex_);
    std::swap(inventory_, found);  // the old inventory goes when the last sample() lets go
    return infos;
  }

  Reading sample(std::size_t index) override {
    std::shared_ptr<const Inventory> inventory;
    {
      std::lock_guard lock(mutex_);
      inventory = inventory_;
    }
    if (!inventory || index >= inventory->devices.size()) {
      Reading gone;
      gone.unhealthy = "not_found";
      return gone;
    }
    const NvmlDevice& device = inventory->devices[index];
    if (device.unreachable) {
      Reading kept;
      kept.unhealthy = device.unreachable;
      return kept;
    }
    Sampled sampled = read_device(*inventory->api, device);
    if (sampled.driver_error) {
      // A call that outlived a re-open says nothing about the new session.
      std::lock_guard lock(mutex_);
      if (inventory_ == inventory) needs_reopen_ = true;
    }
    return std::move(sampled.reading);
  }

  bool needs_reopen() const override { return needs_reopen_; }

  // Shuts NVML down but keeps the library loaded (api_) until the next open() or the backend's
  // end: a call that passed its deadline may still be running inside it.
  void close() override {
    std::lock_guard lock(mutex_);
    inventory_.reset();  // frees GPM samples before the shutdown, unless a sample holds them
    if (initialized_) api_->shutdown();
    initialized_ = false;
  }

 private:
  const Flavor& flavor_;
  const std::optional<std::string> configured_path_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Api> api_;
  bool initialized_ = false;
  std::shared_ptr<const Inventory> inventory_;
  std::atomic<bool> needs_reopen_{false};
  KnownGpus known_;  // by discover() only, which never runs concurrently with itself
};

}  // namespace

std::unique_ptr<DeviceBackend> make_nvml_backend(const Flavor& flavor,
                                                 std::optional<std::string> configured) {
  return std::make_unique<NvmlBackend>(flavor, std::move(configured));
}

}  // namespace nvml
}  // namespace suanli::collectors
