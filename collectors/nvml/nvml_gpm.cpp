#include "collectors/nvml/nvml_gpm.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace suanli::collectors::nvml {
namespace {

bool has_gpm(const Api& api) {
  return api.gpm_query_device_support && api.gpm_sample_alloc && api.gpm_sample_free &&
         api.gpm_sample_get && api.gpm_metrics_get;
}

std::optional<double> fraction(const GpmMetric& metric) {
  if (metric.nvml_return != Return::success || !std::isfinite(metric.value)) return std::nullopt;
  return std::clamp(metric.value / 100.0, 0.0, 1.0);
}

}  // namespace

std::unique_ptr<GpmSampler> GpmSampler::create(std::shared_ptr<const Api> api,
                                               DeviceHandle device) {
  if (!has_gpm(*api)) return nullptr;
  GpmSupport support{kGpmSupportVersion, 0};
  if (api->gpm_query_device_support(device, &support) != Return::success ||
      !support.is_supported_device) {
    return nullptr;
  }
  GpmSampleHandle a = nullptr;
  GpmSampleHandle b = nullptr;
  if (api->gpm_sample_alloc(&a) != Return::success) return nullptr;
  if (api->gpm_sample_alloc(&b) != Return::success) {
    api->gpm_sample_free(a);
    return nullptr;
  }
  std::unique_ptr<GpmSampler> sampler(new GpmSampler(std::move(api), device, a, b));
  sampler->have_previous_ = sampler->api_->gpm_sample_get(device, a) == Return::success;
  return sampler;
}

GpmSampler::GpmSampler(std::shared_ptr<const Api> api, DeviceHandle device, GpmSampleHandle a,
                       GpmSampleHandle b)
    : api_(std::move(api)),
      device_(device),
      previous_(a),
      current_(b),
      request_(std::make_unique<GpmMetricsGet>()) {}

GpmSampler::~GpmSampler() {
  api_->gpm_sample_free(previous_);
  api_->gpm_sample_free(current_);
}

std::optional<Activity> GpmSampler::activity(Probe& probe) {
  std::lock_guard lock(mutex_);
  if (!probe.call(api_->gpm_sample_get, device_, current_)) return std::nullopt;
  bool had_previous = std::exchange(have_previous_, true);
  std::swap(previous_, current_);  // the sample just taken starts the next interval
  if (!had_previous) return std::nullopt;

  *request_ = GpmMetricsGet{};
  request_->version = kGpmMetricsGetVersion;
  request_->num_metrics = 2;
  request_->sample1 = current_;
  request_->sample2 = previous_;
  request_->metrics[0].metric_id = kGpmAnyTensorUtil;
  request_->metrics[1].metric_id = kGpmSmUtil;
  if (!probe.call(api_->gpm_metrics_get, request_.get())) return std::nullopt;
  if (auto tensor = fraction(request_->metrics[0])) return Activity{Method::gpm_tensor, *tensor};
  if (auto sm = fraction(request_->metrics[1])) return Activity{Method::sm_active, *sm};
  return std::nullopt;
}

}  // namespace suanli::collectors::nvml
