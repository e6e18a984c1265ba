#include "central/http/security_headers.hpp"

namespace suanli::http {

void add_security_headers(Response& response) {
  response.set_default_header("X-Content-Type-Options", "nosniff");
  response.set_default_header("Content-Security-Policy",
                              "default-src 'self'; base-uri 'none'; form-action 'self'; "
                              "frame-ancestors 'none'; object-src 'none'");
  response.set_default_header("X-Frame-Options", "DENY");
  response.set_default_header("Referrer-Policy", "no-referrer");
  response.set_default_header("Cache-Control", "no-store");
}

}  // namespace suanli::http
