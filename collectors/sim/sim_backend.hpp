#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace suanli::collectors::sim {

// The activity of simulated device `device` at sample `k`: a slow wave per device plus noise,
// in [0, 1]; the same seed gives the same pattern on every run and machine.
double activity(std::uint64_t seed, std::uint64_t device, std::uint64_t k);

// The board power limit of a simulated device, in W: 150 W plus 0.55 W per dense FP16 TFLOPS of
// its catalog row (an H100 SXM comes out near its 700 W), 150 to 1000 W; 300 W without a figure.
// Illustrative only: the demo's devices draw simulated power, which the dashboard labels as such.
double power_limit_w(const std::optional<double>& fp16_tflops);

// A simulated device's draw at `activity`: a fifth of its limit idle, rising linearly to the limit.
double power_draw_w(double limit_w, double activity);

// The uuid of simulated device `device_id` of node `node` in center `center`:
// "sim:<center>/<node>/<device id>", distinct across a simulated city as vendor ids are across a
// real one, and the same at every start.
std::string device_uuid(std::string_view center, std::string_view node, std::string_view device_id);

}  // namespace suanli::collectors::sim
