#pragma once

#include <optional>
#include <string_view>

#include "collectors/nvml/nvml_abi.hpp"

namespace suanli::fake_nvml {

using collectors::nvml::Return;

// "NOT_SUPPORTED" or "NVML_ERROR_NOT_SUPPORTED" (and "SUCCESS") -> the code.
std::optional<Return> parse_return(std::string_view name);

// nvmlErrorString's text; never null.
const char* error_text(Return code);

}  // namespace suanli::fake_nvml
