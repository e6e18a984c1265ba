#pragma once

#include <cstdint>

namespace suanli::collectors::sim {

// The activity of simulated device `device` at sample `k`: a slow wave per device plus noise,
// in [0, 1]; the same seed gives the same pattern on every run and machine.
double activity(std::uint64_t seed, std::uint64_t device, std::uint64_t k);

}  // namespace suanli::collectors::sim
