#pragma once

#include "collectors/ascend/chip_calls.hpp"
#include "collectors/ascend/dcmi_api.hpp"
#include "collectors/device_backend.hpp"

namespace suanli::collectors::ascend {

struct ChipSample {
  Reading reading;
  bool driver_gone = false;  // a driver-wide error: the backend must be re-opened
};

// Health, AI-core utilization (busy_time), HBM, power, temperature and AI-core clock of one chip.
// A reading the library lacks or does not support is absent.
ChipSample sample_chip(const DcmiApi& api, ChipAddress chip);

}  // namespace suanli::collectors::ascend
