#include "collectors/declared/http_probe.hpp"

#include "uplink/http/http_get.hpp"

namespace suanli::collectors::declared {

std::optional<std::string> probe_http(const std::string& url, std::chrono::milliseconds deadline,
                                      const std::atomic<bool>& stop, std::string& detail) {
  const auto start = std::chrono::steady_clock::now();
  auto status = http::get_status(url, deadline, &stop);
  if (!status) {
    detail = url + ": " + status.error();
    // libcurl reports a time-out in words that vary by version; the clock does not.
    return std::chrono::steady_clock::now() - start >= deadline ? "probe_timeout" : "probe_failed";
  }
  if (*status >= 200 && *status < 300) return std::nullopt;
  detail = url + ": HTTP status " + std::to_string(*status);
  return "probe_failed";
}

}  // namespace suanli::collectors::declared
