#include "central/http/session.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cstdint>

#include "central/http/security_headers.hpp"
#include "central/http/target.hpp"

namespace suanli::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

constexpr std::chrono::seconds kMaxDrain{2};

bool is_quiet_end(const boost::system::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec == asio::error::operation_aborted || ec == beast::error::timeout ||
         ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::bad_descriptor ||
         ec == asio::ssl::error::stream_truncated;  // a TLS client gone without close_notify
}

std::string_view std_view(boost::beast::string_view s) {
  return {s.data(), s.size()};
}

std::map<std::string, std::string> header_map(const bhttp::fields& fields) {
  std::map<std::string, std::string> out;
  for (const auto& field : fields) {
    std::string& value = out[lower_case(std_view(field.name_string()))];
    if (!value.empty()) value += ", ";
    value += std_view(field.value());
  }
  return out;
}

}  // namespace

template <class Stream>
Session<Stream>::Session(Stream stream, std::string client, std::shared_ptr<ServerState> state)
    : stream_(std::move(stream)), client_(std::move(client)), state_(std::move(state)) {
  error_code ec;
  auto remote = tcp().socket().remote_endpoint(ec);
  peer_address_ = ec ? std::string("unknown") : remote.address().to_string();
}

template <class Stream>
Session<Stream>::~Session() {
  state_->sessions.erase(this);
  state_->gate.release(client_);
}

template <class Stream>
void Session<Stream>::close() {
  error_code ec;
  tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  tcp().close();
}

template <class Stream>
void Session<Stream>::start() {
  state_->sessions.emplace(this, this->weak_from_this());
  if constexpr (!kTls) {
    read_header();
  } else {
    tcp().expires_after(state_->limits.read_timeout);
    stream_.async_handshake(
        asio::ssl::stream_base::server, [self = this->shared_from_this()](error_code ec) {
          if (!ec) return self->read_header();
          // A client that speaks plain HTTP, or distrusts the certificate.
          spdlog::debug("http: {}: TLS handshake failed: {}", self->peer_address_, ec.message());
          self->close();
        });
  }
}

template <class Stream>
void Session<Stream>::read_header() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(state_->limits.max_header_bytes, UINT32_MAX)));
  parser_->body_limit(state_->limits.max_body_bytes);
  tcp().expires_after(state_->limits.read_timeout);
  bhttp::async_read_header(
      stream_, buffer_, *parser_,
      [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_header(ec); });
}

template <class Stream>
void Session<Stream>::on_header(error_code ec) {
  if (ec) return on_read_error(ec);
  auto& req = parser_->get();
  if (req.target().size() > state_->limits.max_url_bytes) {
    return reject(414, "request target longer than " +
                           std::to_string(state_->limits.max_url_bytes) + " bytes");
  }
  auto expect = req[bhttp::field::expect];
  if (!beast::iequals(expect, "100-continue")) return read_body();
  continue_ = {bhttp::status::continue_, req.version()};
  tcp().expires_after(state_->limits.write_timeout);
  bhttp::async_write(stream_, continue_,
                     [self = this->shared_from_this()](error_code ec, std::size_t) {
                       if (ec) return self->close();
                       self->tcp().expires_after(self->state_->limits.read_timeout);
                       self->read_body();
                     });
}

template <class Stream>
void Session<Stream>::read_body() {
  bhttp::async_read(
      stream_, buffer_, *parser_,
      [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_body(ec); });
}

template <class Stream>
void Session<Stream>::on_read_error(error_code ec) {
  if (is_quiet_end(ec)) return close();
  if (ec == bhttp::error::header_limit) {
    return reject(431, "request headers longer than " +
                           std::to_string(state_->limits.max_header_bytes) + " bytes");
  }
  if (ec == bhttp::error::body_limit) {
    return reject(413, "request body larger than " + std::to_string(state_->limits.max_body_bytes) +
                           " bytes");
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
    return reject(400, "malformed HTTP request: " + ec.message());
  }
  spdlog::debug("http: {}: read failed: {}", peer_address_, ec.message());
  close();
}

template <class Stream>
void Session<Stream>::on_body(error_code ec) {
  if (ec) return on_read_error(ec);
  auto msg = parser_->release();
  Request request;
  request.method = std_view(msg.method_string());
  request.target = std_view(msg.target());
  request.headers = header_map(msg);
  request.body = std::move(msg.body());
  request.peer_address = peer_address_;
  bool head_only = msg.method() == bhttp::verb::head;
  Response response = handle(request);
  spdlog::debug("http: {} {} {} -> {}", peer_address_, request.method, request.target,
                response.status);
  send(std::move(response), msg.keep_alive(), head_only);
}

template <class Stream>
Response Session<Stream>::handle(Request& request) {
  auto parts = split_target(request.target);
  if (!parts.path.starts_with('/')) return json_error(400, "the request target must be a path");
  request.path = std::string(parts.path);
  auto query = parse_query(parts.query);
  if (!query) return json_error(400, "malformed percent-encoding in the query string");
  request.query = std::move(*query);
  if (auto wait = state_->rate.admit(peer_address_, RateLimiter::Clock::now())) {
    Response r = json_error(429, "too many requests; retry later");
    r.headers.emplace_back("Retry-After", std::to_string(wait->count()));
    return r;
  }
  return state_->router.dispatch(request);
}

template <class Stream>
void Session<Stream>::send(Response response, bool keep_alive, bool head_only) {
  add_security_headers(response);
  response_ = {};
  response_.version(11);
  response_.result(static_cast<unsigned>(response.status));
  response_.set(bhttp::field::server, "suanli-central");
  response_.set(bhttp::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers)
    response_.set(name, value);
  response_.keep_alive(keep_alive);
  std::size_t length = response.body.size();
  if (!head_only) response_.body() = std::move(response.body);
  // 204 and 304 have no body, and a 304's length would be the representation's, not 0.
  if (response.status != 204 && response.status != 304) response_.content_length(length);
  tcp().expires_after(state_->limits.write_timeout);
  bhttp::async_write(stream_, response_,
                     [self = this->shared_from_this(), keep_alive](error_code ec, std::size_t) {
                       self->on_sent(ec, keep_alive);
                     });
}

template <class Stream>
void Session<Stream>::on_sent(error_code ec, bool keep_alive) {
  if (ec) return close();
  if (!keep_alive) return end_gracefully();
  if (state_->stopped) return close();
  read_header();
}

template <class Stream>
void Session<Stream>::reject(int status, std::string_view message) {
  spdlog::debug("http: {}: {} {}", peer_address_, status, message);
  send(json_error(status, message), false, false);
}

template <class Stream>
void Session<Stream>::end_gracefully() {
  tcp().expires_after(std::min<std::chrono::milliseconds>(state_->limits.read_timeout, kMaxDrain));
  if constexpr (kTls) {
    stream_.async_shutdown([self = this->shared_from_this()](error_code) { self->close(); });
  } else {
    error_code ignored;
    tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    drain_scratch_.resize(4096);
    drain();
  }
}

template <class Stream>
void Session<Stream>::drain() {
  stream_.async_read_some(asio::buffer(drain_scratch_),
                          [self = this->shared_from_this()](error_code ec, std::size_t) {
                            if (ec) return self->close();
                            self->drain();
                          });
}

template class Session<PlainStream>;
template class Session<TlsStream>;

}  // namespace suanli::http::detail
