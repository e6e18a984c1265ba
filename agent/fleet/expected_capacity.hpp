#pragma once

#include <string>
#include <vector>

#include "agent/fleet/fleet_plan.hpp"

namespace suanli::fleet {

// JSON: installed peak TFLOPS (int8: TOPS) per precision of the planned fleet, per center and
// for the city, summed from the nodes' birth totals, with the quantum devices counted apart as
// central counts them ("devices" leaves them out):
// {"centers":[{"id","district","nodes","devices","installed_tflops":{...},
//              "quantum":{"devices","installed_qubits"}}],
//  "city":{"centers","nodes","devices","installed_tflops":{...},"quantum":{...}}}
std::string expected_capacity_json(const std::vector<SimNodeSpec>& nodes);

}  // namespace suanli::fleet
