#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "collectors/device_backend.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::agent {

// Readings of one publish window, folded into per-device means, maxima and achieved TFLOPS.
class WindowAccumulator {
 public:
  explicit WindowAccumulator(std::vector<wire::Device> inventory);

  // One reading per inventory device, in inventory order.
  void add(const std::vector<collectors::Reading>& readings);

  std::uint64_t samples() const { return samples_; }

  // The window's device entries. Health, memory, power, temperature and clock are the latest
  // known; activity is the mean and max over the samples that measured it, whatever their
  // method; `method` is the method of most of those samples (a tie: the best), and
  // method_shares is set when they used more than one; achieved =
  // mean activity x peak per precision (a slice: its share of the parent's peak; a device with
  // slices leaves achieved to them, so nothing is counted twice).
  std::vector<wire::DeviceWindow> device_windows() const;

 private:
  struct Acc {
    std::optional<std::string> unhealthy;  // of the latest sample
    DeviceTelemetry telemetry;             // latest known values
    std::array<std::uint64_t, kMeasuredMethodCount> method_samples{};
    double activity_sum = 0;
    double activity_max = 0;
    std::uint64_t activity_count = 0;
  };
  std::vector<wire::Device> inventory_;
  std::vector<Acc> acc_;
  std::uint64_t samples_ = 0;
};

}  // namespace suanli::agent
