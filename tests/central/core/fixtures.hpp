#pragma once

// Builders of wire messages and settings for the central core tests.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "central/core/history_fold.hpp"
#include "central/core/settings.hpp"
#include "uplink/wire/messages.hpp"

namespace suanli::central::test {

// A point in time (UTC ms) the tests start from.
inline constexpr std::uint64_t kT0 = 1'767'229'190'000;
// The first two whole history minutes after kT0.
inline constexpr std::uint64_t kM0 = (kT0 / kHistoryMinuteMs + 1) * kHistoryMinuteMs;
inline constexpr std::uint64_t kM1 = kM0 + kHistoryMinuteMs;

// Peaks with a distinct figure per precision: base x (index + 1).
PrecisionMap peaks(double base);
PrecisionMap scaled(const PrecisionMap& m, double factor);

wire::Device accelerator(const std::string& id, double base,
                         PeakSource source = PeakSource::catalog);
wire::Device cpu(const std::string& id, double base, PeakSource source = PeakSource::derived);
// A quantum computer as the agent's declared backend reports it: qubits, no FLOPS.
wire::Device quantum(const std::string& id, std::uint64_t qubits);
wire::Device slice(const wire::Device& parent, const std::string& id, double share);
// The catalog's H100 SXM5 80GB (10de:2330, 989.4 TFLOPS fp16, confidence high) with the catalog's
// figures, claiming `fp16` at fp16.
wire::Device h100(const std::string& id, double fp16 = 989.4);

wire::Header header(const std::string& center, const std::string& node, std::uint64_t boot,
                    std::uint64_t seq);
wire::Birth birth(const wire::Header& h, std::vector<wire::Device> devices,
                  std::optional<std::string> district = std::nullopt,
                  std::uint64_t interval_ms = 10000);
// A window with one entry per device: healthy ones report activity x peak as achieved, except a
// physical device with slices, which leaves achieved to its slices.
wire::Data data(const wire::Header& h, const std::vector<wire::Device>& devices,
                double activity = 0.5, const std::vector<std::string>& unhealthy = {});
// A window entry as the agent sends it for a device nothing measured (an A100 under MIG without
// GPM): method none, no activity, achieved {}.
void unmeasured(wire::DeviceWindow& w);
// A window entry whose samples were measured by GPM for `gpm_share` of them, by busy time for the
// rest.
void mixed(wire::DeviceWindow& w, double gpm_share);
wire::Status status(const wire::Header& h, bool online);

// Three configured centers: "sz-aicc" (intelligent, district "gyq"), "sz-scc"
// (supercomputing, district "wz") and "ks-ai" (general, no district).
CoreSettings settings();

}  // namespace suanli::central::test
