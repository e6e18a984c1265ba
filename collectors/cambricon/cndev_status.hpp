#pragma once

#include <string_view>

#include "collectors/vendor_status.hpp"

namespace suanli::collectors::cambricon {

// What a CNDev return code means for the agent (Scope::device: the MLU).
Status classify(int code);

// "CNDEV_ERROR_IN_PROBLEM"; empty for a code the header does not list.
std::string_view code_name(int code);

}  // namespace suanli::collectors::cambricon
