#pragma once

// HTTP/1.1 server (Boost.Beast) on the caller's io_context: handlers run on the thread(s) running
// that io_context, so with one such thread they may touch the caller's state directly. The server
// starts no threads. Keep-alive; limits from ServerLimits; malformed HTTP gets a 400 JSON error and
// the connection is closed. With a ServerTls it speaks HTTPS only (a connection that fails the TLS
// handshake is closed). The io_context must outlive the server.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "central/http/connection_gate.hpp"
#include "central/http/limits.hpp"
#include "central/http/router.hpp"
#include "central/http/server_tls.hpp"
#include "config/expected.hpp"

namespace boost::asio {
class io_context;
}

namespace suanli::http {

struct ConnectionCounts {
  std::size_t open = 0;
  std::size_t clients = 0;  // distinct clients (connection_gate.hpp) among them
  std::array<std::uint64_t, kRefusalKinds> refused{};
};

struct BoundEndpoint {
  std::string address;
  std::uint16_t port = 0;
};

namespace detail {
struct ServerState;
}

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, Router router, ServerLimits limits = {},
             std::optional<ServerTls> tls = std::nullopt);
  ~HttpServer();  // stop()
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens on `listen` ("host:port"; port 0 picks a free one) and starts accepting
  // on the io_context. Errors name the address: "http.listen 127.0.0.1:8080: address in use".
  // Call once, before the io_context runs or on its thread.
  Expected<BoundEndpoint> start(const std::string& listen);

  // Closes the listening socket and every connection. Safe from any thread (runs on the
  // io_context); idempotent.
  void stop();

  // Connections open and refused, by why. Call on the io_context's thread (a handler's).
  ConnectionCounts connections() const;

 private:
  std::shared_ptr<detail::ServerState> state_;
};

}  // namespace suanli::http
