#pragma once

// GET /api/v1/report?month=YYYY-MM[&format=csv|html]: the monthly report (central/report), read
// from the store file over a read-only connection of its own.

#include <cstdint>
#include <string>

#include "central/http/message.hpp"

namespace suanli::central {

http::Response report_response(const std::string& store_path, const http::Request& request,
                               std::uint64_t now_ms);

}  // namespace suanli::central
