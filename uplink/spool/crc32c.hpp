#pragma once

#include <cstdint>
#include <string_view>

namespace suanli::spool {

// CRC-32C (Castagnoli), as in iSCSI and ext4. Pass a previous result as `crc` to continue it.
std::uint32_t crc32c(std::string_view data, std::uint32_t crc = 0);

}  // namespace suanli::spool
