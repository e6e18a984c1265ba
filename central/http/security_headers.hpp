#pragma once

#include "central/http/message.hpp"

namespace suanli::http {

// Headers every response carries: nosniff, a Content-Security-Policy allowing only this origin,
// no framing, no referrer; Cache-Control no-store unless the handler chose a caching policy.
void add_security_headers(Response& response);

}  // namespace suanli::http
