#pragma once

// A real HttpServer (HTTPS with a ServerTls) on 127.0.0.1, port 0, its io_context run by one
// background thread (as in suanli-central).

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "central/http/server.hpp"

namespace suanli::test {

class RunningServer {
 public:
  RunningServer(http::Router router, http::ServerLimits limits = {},
                std::optional<http::ServerTls> tls = std::nullopt)
      : scheme_(tls ? "https" : "http"), server_(io_, std::move(router), limits, std::move(tls)) {
    auto bound = server_.start("127.0.0.1:0");
    if (!bound) throw std::runtime_error(bound.error());
    port_ = bound->port;
    thread_ = std::thread([this] { io_.run(); });
  }
  ~RunningServer() {
    // stop() ends every connection and the acceptor, so run() returns once the work guard goes.
    server_.stop();
    work_.reset();
    thread_.join();
  }

  int port() const { return port_; }
  std::string url(const std::string& path) const {
    return scheme_ + "://127.0.0.1:" + std::to_string(port_) + path;
  }
  void stop() { server_.stop(); }
  // The server's connection counts, read on its thread.
  http::ConnectionCounts connections() {
    std::promise<http::ConnectionCounts> counts;
    boost::asio::post(io_, [&] { counts.set_value(server_.connections()); });
    return counts.get_future().get();
  }

 private:
  std::string scheme_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(io_);
  http::HttpServer server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace suanli::test
