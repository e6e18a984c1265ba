#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

namespace suanli::collectors::declared {

// GETs `url`: nothing when it answers 2xx within `deadline`; else "probe_failed" (another status,
// a refused connection, no libcurl) or "probe_timeout" (no answer by the deadline). `stop` cuts
// the request short. `detail` receives the cause in words.
std::optional<std::string> probe_http(const std::string& url, std::chrono::milliseconds deadline,
                                      const std::atomic<bool>& stop, std::string& detail);

}  // namespace suanli::collectors::declared
