#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collectors/cambricon/cndev_api.hpp"
#include "collectors/device_backend.hpp"
#include "config/expected.hpp"

namespace suanli::collectors::cambricon {

struct Mlu {
  DeviceInfo info;
  cndev::Device handle = 0;
  // Set for an MLU known from an earlier discovery that CNDev no longer gives a handle for
  // (NOT_FOUND, IN_PROBLEM, ...): its earlier description stands, and sample() reports this
  // reason without a call.
  std::optional<std::string> unreachable;
};

// The MLUs described so far, by CNDev index.
using KnownMlus = std::map<std::uint32_t, DeviceInfo>;

// Every MLU, indices 0..cndevGetDeviceCount()-1. A driver-wide failure fails the whole
// inventory. An MLU that fails while it is described keeps its description from `known`, so
// that installed capacity does not vanish with a failing MLU; one that has no handle any more is
// kept so, marked unreachable, and left out when it was not known before. `known` becomes what
// this listing described.
Expected<std::vector<Mlu>> list_mlus(const CndevApi& api, KnownMlus& known);

}  // namespace suanli::collectors::cambricon
