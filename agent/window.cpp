#include "agent/window.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace suanli::agent {
namespace {

// The method of most samples; a tie goes to the best (the first in Method's order).
Method most_used(const std::array<std::uint64_t, kMeasuredMethodCount>& samples) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < samples.size(); ++i) {
    if (samples[i] > samples[best]) best = i;
  }
  return kMeasuredMethods[best];
}

}  // namespace

WindowAccumulator::WindowAccumulator(std::vector<wire::Device> inventory)
    : inventory_(std::move(inventory)), acc_(inventory_.size()) {}

void WindowAccumulator::add(const std::vector<collectors::Reading>& readings) {
  ++samples_;
  for (std::size_t i = 0; i < acc_.size() && i < readings.size(); ++i) {
    const auto& r = readings[i];
    Acc& a = acc_[i];
    a.unhealthy = r.unhealthy;
    a.telemetry.update(r);
    if (!r.activity || !is_measured(r.method)) continue;
    double x = std::clamp(*r.activity, 0.0, 1.0);
    ++a.method_samples[static_cast<std::size_t>(r.method)];
    a.activity_sum += x;
    a.activity_max = std::max(a.activity_max, x);
    ++a.activity_count;
  }
}

std::vector<wire::DeviceWindow> WindowAccumulator::device_windows() const {
  std::set<std::string> parents;
  for (const auto& d : inventory_) {
    if (d.parent) parents.insert(*d.parent);
  }
  std::vector<wire::DeviceWindow> out;
  out.reserve(inventory_.size());
  for (std::size_t i = 0; i < inventory_.size(); ++i) {
    const wire::Device& d = inventory_[i];
    const Acc& a = acc_[i];
    wire::DeviceWindow w;
    w.id = d.id;
    w.healthy = !a.unhealthy.has_value();
    w.health_reason = a.unhealthy;
    if (a.activity_count > 0) {
      double mean = a.activity_sum / static_cast<double>(a.activity_count);
      w.method = most_used(a.method_samples);
      MethodShares shares = MethodShares::of_counts(a.method_samples);
      if (shares.methods_used() > 1) w.method_shares = shares;
      w.activity_mean = mean;
      w.activity_max = a.activity_max;
      if (!parents.contains(d.id)) w.achieved_tflops.add(d.peak_tflops, mean);
    }
    static_cast<DeviceTelemetry&>(w) = a.telemetry;
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace suanli::agent
