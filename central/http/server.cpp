#include "central/http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "central/http/listen_address.hpp"
#include "central/http/server_state.hpp"
#include "central/http/session.hpp"

namespace suanli::http {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

template <class Stream>
void start_session(Stream stream, std::string client,
                   const std::shared_ptr<detail::ServerState>& state) {
  std::make_shared<detail::Session<Stream>>(std::move(stream), std::move(client), state)->start();
}

// The connection's client key when the gate admits it; nothing when it was refused (closed).
std::optional<std::string> admit(detail::ServerState& state, tcp::socket& socket) {
  boost::system::error_code ec;
  auto remote = socket.remote_endpoint(ec);
  if (ec) return std::nullopt;  // gone before it was seen
  std::string client = client_key(remote.address());
  if (!state.gate.admit(client, ConnectionGate::Clock::now())) return client;
  socket.close(ec);
  return std::nullopt;
}

// Whether the server still takes connections (not stopped, its acceptor open).
bool accepting(const detail::ServerState& state) {
  return !state.stopped && state.acceptor && state.acceptor->is_open();
}

void accept_next(const std::shared_ptr<detail::ServerState>& state);

void accept_after_pause(const std::shared_ptr<detail::ServerState>& state) {
  state->accept_pause.expires_after(state->limits.accept_retry_pause);
  state->accept_pause.async_wait([state](boost::system::error_code ec) {
    if (!ec && accepting(*state)) accept_next(state);
  });
}

void accept_next(const std::shared_ptr<detail::ServerState>& state) {
  state->acceptor->async_accept([state](boost::system::error_code ec, tcp::socket socket) {
    if (!accepting(*state)) return;
    if (ec) {
      state->gate.note_accept_failure(ec.message(), ConnectionGate::Clock::now());
      accept_after_pause(state);
      return;
    }
    if (auto client = admit(*state, socket)) {
      if (state->tls) {
        start_session(detail::TlsStream(std::move(socket), state->tls->context()),
                      std::move(*client), state);
      } else {
        start_session(detail::PlainStream(std::move(socket)), std::move(*client), state);
      }
    }
    accept_next(state);
  });
}

Expected<tcp::endpoint> resolve_endpoint(asio::io_context& io, const ListenAddress& address) {
  boost::system::error_code ec;
  auto ip = asio::ip::make_address(address.host, ec);
  if (!ec) return tcp::endpoint(ip, address.port);
  tcp::resolver resolver(io);
  auto results = resolver.resolve(address.host, std::to_string(address.port),
                                  tcp::resolver::passive | tcp::resolver::address_configured, ec);
  if (ec || results.empty()) {
    return Expected<tcp::endpoint>::failure("cannot resolve " + address.host + ": " +
                                            (ec ? ec.message() : "no address"));
  }
  return results.begin()->endpoint();
}

Expected<bool> open_acceptor(tcp::acceptor& acceptor, const tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) return true;
  std::string reason = ec == asio::error::address_in_use                  ? "address in use"
                       : ec == boost::system::errc::address_not_available ? "address not available"
                       : ec == asio::error::access_denied                 ? "permission denied"
                                                                          : ec.message();
  return Expected<bool>::failure(reason);
}

}  // namespace

HttpServer::HttpServer(asio::io_context& io, Router router, ServerLimits limits,
                       std::optional<ServerTls> tls)
    : state_(std::make_shared<detail::ServerState>(io, std::move(router), limits, std::move(tls))) {
}

HttpServer::~HttpServer() {
  stop();
}

Expected<BoundEndpoint> HttpServer::start(const std::string& listen) {
  auto fail = [&](const std::string& why) {
    return Expected<BoundEndpoint>::failure("http.listen " + listen + ": " + why);
  };
  if (state_->acceptor) return fail("server already started");
  auto address = parse_listen_address(listen);
  if (!address) return fail(address.error());
  auto endpoint = resolve_endpoint(state_->io, *address);
  if (!endpoint) return fail(endpoint.error());
  tcp::acceptor acceptor(state_->io);
  auto opened = open_acceptor(acceptor, *endpoint);
  if (!opened) return fail(opened.error());
  auto bound = acceptor.local_endpoint();
  state_->acceptor.emplace(std::move(acceptor));
  accept_next(state_);
  spdlog::info("http: listening on {}://{}:{}", state_->tls ? "https" : "http",
               bound.address().to_string(), bound.port());
  return BoundEndpoint{.address = bound.address().to_string(), .port = bound.port()};
}

ConnectionCounts HttpServer::connections() const {
  const ConnectionGate& gate = state_->gate;
  return {.open = gate.open(), .clients = gate.clients(), .refused = gate.refused()};
}

void HttpServer::stop() {
  asio::dispatch(state_->io, [state = state_] {
    if (state->stopped) return;
    state->stopped = true;
    if (state->acceptor) {
      boost::system::error_code ignored;
      state->acceptor->close(ignored);
    }
    state->accept_pause.cancel();
    // close() may end a session and so erase it from the map: walk a copy.
    auto sessions = state->sessions;
    for (auto& [raw, weak] : sessions) {
      if (auto session = weak.lock()) session->close();
    }
    state->gate.end_episode();
  });
}

}  // namespace suanli::http
