#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/expected.hpp"

namespace suanli::http {

// `http.listen`: "host:port", the host an IPv4 address, a name, or an IPv6 address in brackets
// ("[::1]:8080"); port 0 asks for any free port.
struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};

Expected<ListenAddress> parse_listen_address(std::string_view text);

}  // namespace suanli::http
