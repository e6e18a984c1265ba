#pragma once

// One CPU package as a device: what the CPU backend discovers, and what suanli-sim simulates.
// Header-only, so a build without the CPU backend (SUANLI_WITH_CPU off) can still use it.

#include <cstdint>
#include <string>

#include "collectors/cpu/cpu_model.hpp"
#include "collectors/cpu/topology.hpp"
#include "collectors/device_backend.hpp"

namespace suanli::collectors::cpu {

inline DeviceInfo package_device(const CpuPackage& package, const CpuModel& model) {
  DeviceInfo info;
  info.id = "cpu-" + std::to_string(package.id);
  info.device_class = DeviceClass::cpu;
  info.vendor = model.vendor;
  info.model = model.model;
  info.units = static_cast<std::uint64_t>(package.cores);
  info.max_clock_mhz = package.max_clock_mhz;
  info.identity.name = model.model;  // lets an operator override a CPU's peak by its name
  info.identity.units = package.cores;
  info.identity.arch = model.arch;
  // The peak is derived at the base clock (TOP500 Rpeak), never at max_clock_mhz (turbo).
  if (package.base_clock) {
    info.identity.clock_mhz = package.base_clock->mhz;
    info.identity.clock_basis = "base, " + package.base_clock->source;
  }
  return info;
}

}  // namespace suanli::collectors::cpu
