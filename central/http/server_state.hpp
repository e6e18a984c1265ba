#pragma once

// What the server and its connections share. Lives as long as the server or any connection.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <optional>
#include <unordered_map>

#include "central/http/limits.hpp"
#include "central/http/rate_limiter.hpp"
#include "central/http/router.hpp"

namespace suanli::http::detail {

class Session;

struct ServerState {
  ServerState(boost::asio::io_context& io_context, Router r, ServerLimits l)
      : io(io_context),
        router(std::move(r)),
        limits(l),
        rate(l.requests_per_second, l.burst, l.max_tracked_clients) {}

  boost::asio::io_context& io;
  Router router;
  ServerLimits limits;
  RateLimiter rate;
  std::optional<boost::asio::ip::tcp::acceptor> acceptor;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  bool stopped = false;
};

}  // namespace suanli::http::detail
