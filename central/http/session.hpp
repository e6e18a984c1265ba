#pragma once

// One client connection: reads requests one after another (keep-alive), checks them against the
// limits, hands them to the Router, writes the responses. The same code serves plain HTTP and
// HTTPS (after a TLS handshake): Session<PlainStream> and Session<TlsStream>.

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "central/http/message.hpp"
#include "central/http/server_state.hpp"

namespace suanli::http::detail {

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

template <class Stream>
class Session final : public Connection, public std::enable_shared_from_this<Session<Stream>> {
 public:
  // `client`: the key the server's ConnectionGate admitted it under; released when it ends.
  Session(Stream stream, std::string client, std::shared_ptr<ServerState> state);
  ~Session() override;

  // Plain: reads the first request. TLS: the handshake first (a failed one closes).
  void start();
  // Ends the connection now; pending operations complete with operation_aborted.
  void close() override;

 private:
  using error_code = boost::system::error_code;
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  boost::beast::tcp_stream& tcp() { return boost::beast::get_lowest_layer(stream_); }
  void read_header();
  void on_header(error_code ec);
  void read_body();
  void on_body(error_code ec);
  void on_read_error(error_code ec);
  Response handle(Request& request);
  void send(Response response, bool keep_alive, bool head_only);
  void on_sent(error_code ec, bool keep_alive);
  // A response that ends the connection: sent, then the connection ended gracefully.
  void reject(int status, std::string_view message);
  // Plain: unread input drained for a bounded time, so the client sees the response rather than
  // a reset. TLS: close_notify sent and the client's awaited for a bounded time.
  void end_gracefully();
  void drain();

  Stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  boost::beast::http::response<boost::beast::http::empty_body> continue_;
  std::string drain_scratch_;
  std::string peer_address_;
  std::string client_;
  std::shared_ptr<ServerState> state_;
};

extern template class Session<PlainStream>;
extern template class Session<TlsStream>;

}  // namespace suanli::http::detail
