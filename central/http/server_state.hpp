#pragma once

// What the server and its connections share. Lives as long as the server or any connection.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>
#include <unordered_map>

#include "central/http/connection_gate.hpp"
#include "central/http/limits.hpp"
#include "central/http/rate_limiter.hpp"
#include "central/http/router.hpp"
#include "central/http/server_tls.hpp"

namespace suanli::http::detail {

// A connection as the server sees it: something to close at stop().
class Connection {
 public:
  virtual ~Connection() = default;
  virtual void close() = 0;
};

struct ServerState {
  ServerState(boost::asio::io_context& io_context, Router r, ServerLimits l,
              std::optional<ServerTls> t)
      : io(io_context),
        router(std::move(r)),
        limits(l),
        tls(std::move(t)),
        rate(l.requests_per_second, l.burst, l.max_tracked_clients),
        gate(l.max_connections, l.max_connections_per_client, l.refusal_log_quiet),
        accept_pause(io_context) {}

  boost::asio::io_context& io;
  Router router;
  ServerLimits limits;
  std::optional<ServerTls> tls;  // HTTPS only when set
  RateLimiter rate;
  ConnectionGate gate;
  std::optional<boost::asio::ip::tcp::acceptor> acceptor;
  boost::asio::steady_timer accept_pause;  // between a failed accept() and the next
  std::unordered_map<Connection*, std::weak_ptr<Connection>> sessions;
  bool stopped = false;
};

}  // namespace suanli::http::detail
