#include "collectors/nvml/nvml_identity.hpp"

#include <cstdio>
#include <cstring>

namespace suanli::collectors::nvml {
namespace {

// FP32 cores per SM: Volta, Turing and GA100 have 64; GA10x, Ada, Hopper, Blackwell 128.
std::optional<unsigned> cores_per_sm(int major, int minor) {
  if (major == 7) return 64;
  if (major == 8) return minor == 0 ? 64 : 128;
  if (major == 9 || major == 10 || major == 12) return 128;
  return std::nullopt;
}

}  // namespace

std::string pci_id_text(unsigned pci_device_id) {
  char text[16];
  std::snprintf(text, sizeof text, "%04x:%04x", pci_device_id & 0xffffu, pci_device_id >> 16);
  return text;
}

std::string bus_id_text(const PciInfo& pci) {
  char text[32];
  std::snprintf(text, sizeof text, "%04x:%02x:%02x.0", pci.domain, pci.bus, pci.device);
  return text;
}

std::string fixed_string(const char* buffer, std::size_t size) {
  return std::string(buffer, strnlen(buffer, size));
}

std::optional<int> sm_count_from_cores(unsigned cores, int major, int minor) {
  auto per_sm = cores_per_sm(major, minor);
  if (!per_sm || cores == 0 || cores % *per_sm != 0) return std::nullopt;
  return static_cast<int>(cores / *per_sm);
}

}  // namespace suanli::collectors::nvml
