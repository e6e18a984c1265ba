#pragma once

#include <string_view>

#include "collectors/cpu/cpu_model.hpp"

namespace suanli::collectors::cpu {

// An x86 processor from the first block of /proc/cpuinfo (vendor_id, cpu family, model,
// model name, flags).
CpuModel describe_x86(std::string_view cpuinfo);

}  // namespace suanli::collectors::cpu
