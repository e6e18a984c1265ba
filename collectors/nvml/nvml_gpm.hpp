#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "collectors/nvml/nvml_api.hpp"
#include "collectors/nvml/nvml_probe.hpp"
#include "config/device_kinds.hpp"

namespace suanli::collectors::nvml {

struct Activity {
  Method method = Method::none;
  double value = 0;  // [0, 1]
};

// GPM activity of one GPU or MIG device between consecutive calls (Hopper and newer,
// docs/vendor-apis.md, "GPM sampling"). Safe to call from several threads.
class GpmSampler {
 public:
  // Nothing when the library lacks GPM or the device does not support it. Takes a first
  // sample, so that the first activity() already measures an interval.
  static std::unique_ptr<GpmSampler> create(std::shared_ptr<const Api> api, DeviceHandle device);
  ~GpmSampler();
  GpmSampler(const GpmSampler&) = delete;
  GpmSampler& operator=(const GpmSampler&) = delete;

  // Tensor-pipe activity since the previous call, else SM activity; nothing when neither metric
  // is available or there is no previous sample yet.
  std::optional<Activity> activity(Probe& probe);

 private:
  GpmSampler(std::shared_ptr<const Api> api, DeviceHandle device, GpmSampleHandle a,
             GpmSampleHandle b);

  std::shared_ptr<const Api> api_;
  DeviceHandle device_;
  std::mutex mutex_;
  GpmSampleHandle previous_;
  GpmSampleHandle current_;
  bool have_previous_ = false;
  std::unique_ptr<GpmMetricsGet> request_;  // 13 KB: kept, not on the stack per call
};

}  // namespace suanli::collectors::nvml
