#include "central/http/listen_address.hpp"

#include <charconv>

namespace suanli::http {

Expected<ListenAddress> parse_listen_address(std::string_view text) {
  using Result = Expected<ListenAddress>;
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return Result::failure("expected host:port");
  std::string_view host = text.substr(0, colon);
  std::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return Result::failure("an IPv6 host goes in brackets: [::1]:8080");
  }
  if (host.empty()) return Result::failure("expected host:port, the host is empty");
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return Result::failure("the port must be a number from 0 to 65535");
  }
  return ListenAddress{.host = std::string(host), .port = static_cast<std::uint16_t>(port)};
}

}  // namespace suanli::http
