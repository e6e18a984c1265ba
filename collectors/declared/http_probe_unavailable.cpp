#include "collectors/declared/http_probe.hpp"

namespace suanli::collectors::declared {

// Built without libcurl (neither program is built): an HTTP probe can never pass.
std::optional<std::string> probe_http(const std::string& url, std::chrono::milliseconds,
                                      const std::atomic<bool>&, std::string& detail) {
  detail = url + ": this build has no HTTP client (libcurl)";
  return "probe_failed";
}

}  // namespace suanli::collectors::declared
