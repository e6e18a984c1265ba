#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace suanli::collectors::sim {

// The activity of simulated device `device` at sample `k`: a slow wave per device plus noise,
// in [0, 1]; the same seed gives the same pattern on every run and machine.
double activity(std::uint64_t seed, std::uint64_t device, std::uint64_t k);

// The uuid of simulated device `device_id` of node `node` in center `center`:
// "sim:<center>/<node>/<device id>", distinct across a simulated city as vendor ids are across a
// real one, and the same at every start.
std::string device_uuid(std::string_view center, std::string_view node, std::string_view device_id);

}  // namespace suanli::collectors::sim
