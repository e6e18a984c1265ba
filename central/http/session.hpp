#pragma once

// One client connection: reads requests one after another (keep-alive), checks them against the
// limits, hands them to the Router, writes the responses.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "central/http/message.hpp"
#include "central/http/server_state.hpp"

namespace suanli::http::detail {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerState> state);
  ~Session();

  void start();
  // Ends the connection now; pending operations complete with operation_aborted.
  void close();

 private:
  using error_code = boost::system::error_code;

  void read_header();
  void on_header(error_code ec);
  void read_body();
  void on_body(error_code ec);
  void on_read_error(error_code ec);
  Response handle(Request& request);
  void send(Response response, bool keep_alive, bool head_only);
  void on_sent(error_code ec, bool keep_alive);
  // A response that ends the connection: sent, then unread input drained for a bounded time so
  // the client sees the response rather than a reset.
  void reject(int status, std::string_view message);
  void drain_and_close();
  void drain();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  boost::beast::http::response<boost::beast::http::empty_body> continue_;
  std::string drain_scratch_;
  std::string peer_address_;
  std::shared_ptr<ServerState> state_;
};

}  // namespace suanli::http::detail
