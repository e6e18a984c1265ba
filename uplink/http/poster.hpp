#pragma once

// One HTTP client for the agent's HTTP uplink: POSTs a JSON body to one URL over a reused libcurl
// easy handle (keep-alive), with `Authorization: Bearer <token>`, connect and total time limits,
// and TLS verification of the peer and its host name always on. Redirects are not followed.
//
// Not thread-safe: one thread uses a poster. post() blocks for at most the time limit; the abort
// flag, when given, ends it sooner (checked by libcurl's progress callback, at least once a
// second). No method throws.

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config/expected.hpp"

namespace suanli::http {

struct PosterSettings {
  std::string url;
  std::optional<std::string> bearer_token = {};  // sent, never logged
  std::chrono::milliseconds timeout{10000};      // connect, and the whole request
  std::optional<std::string> ca_file = {};       // PEM CA bundle; the system's when absent
};

struct PostResponse {
  long status = 0;
  std::string body;  // the first 4 KiB, for error messages
};

class HttpPoster {
 public:
  // Fails when libcurl cannot be loaded (curl_library.hpp) or cannot make a handle.
  static Expected<std::unique_ptr<HttpPoster>> create(PosterSettings settings);
  ~HttpPoster();
  HttpPoster(const HttpPoster&) = delete;
  HttpPoster& operator=(const HttpPoster&) = delete;

  // The HTTP status of the response, or the transport error (connect, TLS, timeout) as text.
  // `time_limit` lowers the configured timeout for this request.
  Expected<PostResponse> post(std::string_view json_body,
                              std::optional<std::chrono::milliseconds> time_limit = std::nullopt,
                              const std::atomic<bool>* abort = nullptr);

  void set_bearer_token(std::optional<std::string> token);
  const std::string& url() const;

 private:
  struct Impl;
  explicit HttpPoster(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace suanli::http
