#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "config/device_kinds.hpp"

namespace suanli {

// The static facts of one device that a backend discovers and a birth message carries.
struct DeviceDescription {
  // Stable on this node across restarts: the vendor UUID when there is one, else
  // "<backend>-<bus id or index>". Unique within the node.
  std::string id;
  std::string backend;  // the backend that found it: "nvml", "amd", "ascend", "cpu", "sim", ...
  DeviceClass device_class = DeviceClass::accelerator;  // JSON key "class"
  std::string vendor;  // "NVIDIA", "AMD", "Huawei", "Intel", "Arm", "HiSilicon", ...
  std::string model;   // the name the device reports
  std::optional<std::string> uuid;
  std::optional<std::string> bus_id;
  std::optional<std::uint64_t> memory_total_bytes;
  std::optional<std::uint64_t> units;  // SMs, CUs, AI cores or CPU cores
  std::optional<double> max_clock_mhz;
  std::optional<std::string> parent;    // id of the physical device of a MIG/partition slice
  std::optional<double> share;          // (0, 1]: slice units / parent units; set with parent
  std::optional<std::uint64_t> qubits;  // physical qubits of a quantum device, and only of one

  bool operator==(const DeviceDescription&) const = default;
};

}  // namespace suanli
