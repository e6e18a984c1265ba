#pragma once

// The options every request of the agent sets on a libcurl easy handle: http and https only, no
// signals, no redirects, the peer and its host name always verified, a connect time limit, and
// an abort flag checked by the progress callback (at least once a second).

#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "uplink/http/curl_library.hpp"

namespace suanli::http {

void set_request_options(const CurlFunctions& curl, CURL* handle, const std::string& url,
                         std::chrono::milliseconds connect_timeout,
                         const std::optional<std::string>& ca_file);

// Ends the transfer once *abort (an std::atomic<bool>, or nullptr) is true; the progress
// callback that set_request_options installs calls it with CURLOPT_XFERINFODATA.
void set_abort_flag(const CurlFunctions& curl, CURL* handle, const std::atomic<bool>* abort);

}  // namespace suanli::http
