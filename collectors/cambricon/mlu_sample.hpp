#pragma once

#include "collectors/cambricon/cndev_api.hpp"
#include "collectors/device_backend.hpp"

namespace suanli::collectors::cambricon {

struct MluSample {
  Reading reading;
  bool driver_gone = false;  // a driver-wide error: the backend must be re-opened
};

// Health, average MLU-core utilization (busy_time), memory, power, temperature and clock of one
// MLU. A reading the library lacks or does not support is absent.
MluSample sample_mlu(const CndevApi& api, cndev::Device handle);

}  // namespace suanli::collectors::cambricon
