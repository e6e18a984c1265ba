#pragma once

#include <string>

#include "collectors/vendor_status.hpp"

namespace suanli::collectors::ascend {

// What a DCMI return code means for the agent (Scope::device: the chip).
Status classify(int code);

// "-8009 (DCMI_ERROR_IOCTL_FAIL)"; unknown codes print as the number alone.
std::string describe(int code);

}  // namespace suanli::collectors::ascend
