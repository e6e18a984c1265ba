#pragma once

#include <cmath>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "tests/fakes/nvml/fake_state.hpp"

// Small pieces every exported entry point is built from.
namespace suanli::fake_nvml {

namespace abi = collectors::nvml;

inline FakeNvml& fake() {
  return FakeNvml::instance();
}

// Runs `body` on the GPU or MIG device behind `handle`.
inline Return on_device(std::string_view call, DeviceHandle handle, const Body& body) {
  if (auto target = decode(handle)) return fake().run(call, target, body);
  return fake().run(call, std::nullopt, [](Context&) { return Return::invalid_argument; });
}

// Runs `body` on a physical GPU; a MIG device answers NOT_SUPPORTED.
inline Return on_gpu(std::string_view call, DeviceHandle handle,
                     const std::function<Return(const DeviceSpec&, Context&)>& body) {
  return on_device(call, handle,
                   [&](Context& c) { return c.slice ? Return::not_supported : body(*c.gpu, c); });
}

// Writes `value` to `out`: NOT_SUPPORTED when the scenario leaves it out.
template <class T, class U>
Return put(const std::optional<T>& value, U* out) {
  if (!out) return Return::invalid_argument;
  if (!value) return Return::not_supported;
  *out = static_cast<U>(*value);
  return Return::success;
}

inline Return put_string(const std::string& text, char* out, unsigned length) {
  if (!out) return Return::invalid_argument;
  if (text.size() + 1 > length) return Return::insufficient_size;
  std::memcpy(out, text.c_str(), text.size() + 1);
  return Return::success;
}

// Watts to the milliwatts NVML reports.
inline std::optional<unsigned> milliwatts(const std::optional<double>& watts) {
  if (!watts || *watts < 0) return std::nullopt;
  return static_cast<unsigned>(std::lround(*watts * 1000));
}

// A fraction to the whole percent NVML reports.
inline unsigned percent(double fraction) {
  return static_cast<unsigned>(std::lround(fraction * 100));
}

}  // namespace suanli::fake_nvml
