#pragma once

#include <string_view>
#include <vector>

#include "config/binding.hpp"
#include "config/declared_device.hpp"

namespace suanli::config {

// Where a key of a declared device writes: the device that the key's captures name.
template <class Config>
using DeclaredAt = DeclaredDevice& (*)(Config& c, const Captures& k);

// The keys of the declared devices in the array `array` ("declared", "centers[].nodes[].declared"):
// kind, name, vendor, qubits, and with `with_probe` the liveness probe. `at` finds the device the
// captures name (the probe's command index is the last capture of its words).
template <class Config>
std::vector<Key<Config>> declared_keys(std::string_view array, DeclaredAt<Config> at,
                                       bool with_probe);

// Checks across the keys of each declared device of `devices` (at `array`): a probe has either
// http or command.
void check_declared(std::string_view array, const std::vector<DeclaredDevice>& devices,
                    Problems& problems);

}  // namespace suanli::config
