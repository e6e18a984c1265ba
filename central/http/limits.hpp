#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace suanli::http {

// What one HttpServer accepts. Beyond a limit a client gets a 4xx (or is disconnected), never
// more of the server's memory or time.
struct ServerLimits {
  std::size_t max_header_bytes = 16 * 1024;    // request line and headers; 431 beyond
  std::size_t max_url_bytes = 8 * 1024;        // request target; 414 beyond
  std::uint64_t max_body_bytes = 1024 * 1024;  // 413 beyond (ingest batches are up to 256 KiB)
  std::size_t max_connections = 256;           // further connections are closed at once
  // Of those, at most this many from one client (an IPv4 address or an IPv6 /64).
  std::size_t max_connections_per_client = 32;
  // Refused connections are logged once per episode: the first, then a summary at the first
  // connection after this long without a refusal.
  std::chrono::milliseconds refusal_log_quiet{10000};
  // After a failed accept() (out of descriptors or memory) the server waits this long before the
  // next: the connection that could not be taken stays in the listen backlog, so accepting again
  // at once would fail at once, in a loop that takes a whole core.
  std::chrono::milliseconds accept_retry_pause{100};
  // A whole request (headers and body) must arrive within this, counted from its first byte or
  // from the previous response; an idle keep-alive connection is closed after it too.
  std::chrono::milliseconds read_timeout{15000};
  std::chrono::milliseconds write_timeout{15000};
  // Token bucket per client address: `requests_per_second` sustained, `burst` at once; 429 with
  // Retry-After beyond.
  double requests_per_second = 20;
  double burst = 100;
  std::size_t max_tracked_clients = 10000;
};

}  // namespace suanli::http
