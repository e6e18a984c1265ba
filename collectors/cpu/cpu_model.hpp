#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "collectors/catalog/arch.hpp"

namespace suanli::collectors::cpu {

// What /proc/cpuinfo says about the processor: who made it, what it is called, and the
// architecture whose FLOPs per cycle apply (catalog.md §3.4); arch is absent when no rate is
// known for the core, and the peak is then unknown.
struct CpuModel {
  std::string vendor = "unknown";
  std::string model = "unknown";
  std::optional<Arch> arch;
};

// Describes the first processor of /proc/cpuinfo: x86 (vendor_id, model name, flags) or aarch64
// (CPU implementer and part). Servers have one kind of core; hybrid parts report the first.
CpuModel describe_cpu(std::string_view cpuinfo);

}  // namespace suanli::collectors::cpu
