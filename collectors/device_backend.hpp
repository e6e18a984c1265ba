#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "collectors/catalog/catalog.hpp"
#include "config/device_description.hpp"
#include "config/device_kinds.hpp"
#include "config/device_telemetry.hpp"
#include "config/expected.hpp"

namespace suanli::collectors {

// Static facts about one device, from discover().
struct DeviceInfo : DeviceDescription {
  DeviceIdentity identity;  // what the catalog matches (PCI id, name) and derives from
};

// One sample of one device. Every reading is optional: absent is unknown, never zero.
struct Reading : DeviceTelemetry {
  // Set when the device is unhealthy: gpu_lost, reset_required, ecc_uncorrected,
  // row_remap_pending, driver_error, timeout, not_found, ...
  std::optional<std::string> unhealthy;
  Method method = Method::none;
  std::optional<double> activity;  // [0, 1], measured by `method`; absent when method is none
};

// One vendor backend, in the lifecycle open -> discover -> sample ... -> close (nvtop, Fluent
// Bit). The agent calls every method off its event loop, each under a deadline:
// - sample(i) may run concurrently for different i, and a call that passed its deadline may
//   still be running (hung in the driver) when discover() or another sample() starts; guard
//   shared state with a mutex and never dlclose a library while a call can be in flight.
// - discover() and close() are not called concurrently with each other.
class DeviceBackend {
 public:
  virtual ~DeviceBackend() = default;

  // Loads the vendor library (dlopen, symbol resolution, init) or finds its files. Returns
  // nothing when ready, else why the backend is unavailable, in one line
  // (e.g. "libnvidia-ml.so.1: cannot open shared object file").
  virtual std::optional<std::string> open() = 0;

  // Enumerates devices. An error is a backend-wide failure (driver not loaded, version
  // mismatch): the agent closes the backend and opens it again later, with backoff.
  virtual Expected<std::vector<DeviceInfo>> discover() = 0;

  // Reads device `index` of the last discover(). Device-level failures are a Reading with
  // `unhealthy` set; the other devices are not affected.
  virtual Reading sample(std::size_t index) = 0;

  // True after a backend-wide driver error seen by sample(): the agent re-opens the backend.
  virtual bool needs_reopen() const { return false; }

  virtual void close() = 0;
};

}  // namespace suanli::collectors
