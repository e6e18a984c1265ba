#pragma once

#include <optional>
#include <string_view>

namespace suanli::collectors::amd {

// pp_dpm_sclk: one DPM level a line, "1: 1700Mhz *", the current level starred.
struct DpmClocks {
  std::optional<double> current_mhz;
  std::optional<double> max_mhz;  // the highest level listed
};

DpmClocks parse_dpm_clocks(std::string_view text);

}  // namespace suanli::collectors::amd
