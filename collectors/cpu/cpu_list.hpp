#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace suanli::collectors::cpu {

// A kernel CPU list ("0-3,8,10-11", as in /sys/devices/system/cpu/online), ascending and
// without duplicates; nullopt when malformed.
std::optional<std::vector<int>> parse_cpu_list(std::string_view text);

}  // namespace suanli::collectors::cpu
