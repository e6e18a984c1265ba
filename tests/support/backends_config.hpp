#pragma once

// Agent configs for tests that must see only the devices they made, whatever backends this
// build has and whatever hardware the test machine has.

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "collectors/registry.hpp"

namespace suanli::test {

// A `collectors` section switching off every backend built into the agent except `kept`, which
// stay at their defaults.
inline nlohmann::json collectors_only(std::initializer_list<std::string_view> kept) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& spec : collectors::backend_specs()) {
    if (std::find(kept.begin(), kept.end(), spec.name) != kept.end()) continue;
    out[std::string(spec.name)] = {{"enabled", false}};
  }
  return out;
}

}  // namespace suanli::test
