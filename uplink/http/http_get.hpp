#pragma once

// One HTTP GET whose body is discarded, for liveness probes: the response's status, or the
// transport error (connect, TLS, time-out, abort) as text. Blocks for at most `timeout`; the
// abort flag, when given, ends it sooner (at least once a second). Thread-safe: each call has
// its own handle. Never throws.

#include <atomic>
#include <chrono>
#include <string>

#include "config/expected.hpp"

namespace suanli::http {

Expected<long> get_status(const std::string& url, std::chrono::milliseconds timeout,
                          const std::atomic<bool>* abort = nullptr);

}  // namespace suanli::http
