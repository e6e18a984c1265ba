#pragma once

// GET /api/v1/history (docs/api.md): the stored minutes of one scope, one point per step, each
// with the figures of the requested class and precision read from that minute's totals.

#include "central/app/api_routes.hpp"

namespace suanli::central {

http::Response history_response(const ApiContext& context, const http::Request& request);

}  // namespace suanli::central
