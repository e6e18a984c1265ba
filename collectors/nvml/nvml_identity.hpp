#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "collectors/nvml/nvml_abi.hpp"

namespace suanli::collectors::nvml {

// "10de:2330" from nvmlPciInfo_t.pciDeviceId (device id << 16 | vendor id).
std::string pci_id_text(unsigned pci_device_id);

// "0000:3b:00.0", the lower-case sysfs form, from the numeric fields (not from the strings,
// which differ between entry points).
std::string bus_id_text(const PciInfo& pci);

// A string NVML wrote into a fixed buffer, even when the library left it unterminated.
std::string fixed_string(const char* buffer, std::size_t size);

// SMs from the CUDA core count of nvmlDeviceGetNumGpuCores, with the cores per SM of the compute
// capability (NVML has no SM count for a full GPU: docs/vendor-apis.md, "NVML SM count"). Nothing
// for capabilities not listed or a count that does not divide.
std::optional<int> sm_count_from_cores(unsigned cores, int major, int minor);

}  // namespace suanli::collectors::nvml
