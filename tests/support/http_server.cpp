#include "tests/support/http_server.hpp"

#include <fcntl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <stdexcept>

#include "tests/support/mosquitto.hpp"

namespace suanli::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

struct HttpTestServer::Loop {
  asio::io_context io;
  tcp::acceptor acceptor{io};
};

// One accepted connection: reads requests one after the other (keep-alive) and answers each.
struct HttpTestSession : std::enable_shared_from_this<HttpTestSession> {
  HttpTestSession(HttpTestServer& server, tcp::socket socket, std::uint64_t connection)
      : server(server), socket(std::move(socket)), connection(connection) {}

  void read_next() {
    request = {};
    bhttp::async_read(socket, buffer, request,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (!ec) self->answer();
                      });
  }

  void answer() {
    HttpRequestRecord record{.method = std::string(request.method_string()),
                             .target = std::string(request.target()),
                             .body = request.body(),
                             .connection = connection};
    for (const auto& field : request) {
      std::string name(field.name_string());
      for (auto& c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      record.headers[name] = std::string(field.value());
    }
    int status = server.answer_for(record);
    if (status == 0) {
      read_next();  // silent: keeps the connection open and answers nothing
      return;
    }
    response = {static_cast<bhttp::status>(status), request.version()};
    response.set(bhttp::field::content_type, "text/plain");
    response.body() = "status " + std::to_string(status) + "\n";
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    bhttp::async_write(socket, response,
                       [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         if (ec || !self->response.keep_alive()) return;
                         self->read_next();
                       });
  }

  HttpTestServer& server;
  tcp::socket socket;
  std::uint64_t connection;
  beast::flat_buffer buffer;
  bhttp::request<bhttp::string_body> request;
  bhttp::response<bhttp::string_body> response;
};

namespace {

void close_on_exec(int fd) {
  ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
}

void accept_next(HttpTestServer& server, tcp::acceptor& acceptor,
                 const std::function<std::uint64_t()>& next_connection) {
  acceptor.async_accept([&server, &acceptor, next_connection](beast::error_code ec,
                                                              tcp::socket socket) {
    if (ec) return;
    close_on_exec(socket.native_handle());
    std::make_shared<HttpTestSession>(server, std::move(socket), next_connection())->read_next();
    accept_next(server, acceptor, next_connection);
  });
}

}  // namespace

HttpTestServer::HttpTestServer() : port_(free_port()) {
  start();
}

HttpTestServer::~HttpTestServer() {
  stop();
}

void HttpTestServer::start() {
  if (loop_) return;
  auto loop = std::make_unique<Loop>();
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_));
  beast::error_code ec;
  loop->acceptor.open(endpoint.protocol(), ec);
  // Child processes (the agent under test) must not inherit the listener and keep the port.
  if (!ec) close_on_exec(loop->acceptor.native_handle());
  if (!ec) loop->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) loop->acceptor.bind(endpoint, ec);
  if (!ec) loop->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("http test server: cannot listen on 127.0.0.1:" +
                             std::to_string(port_) + ": " + ec.message());
  }
  accept_next(*this, loop->acceptor, [this] {
    std::lock_guard lock(mutex_);
    return ++connections_;
  });
  loop_ = std::move(loop);
  thread_ = std::thread([io = &loop_->io] { io->run(); });
}

void HttpTestServer::stop() {
  if (!loop_) return;
  loop_->io.stop();
  thread_.join();
  // Destroying the loop destroys the pending handlers, and with them every session's socket.
  loop_.reset();
}

std::string HttpTestServer::url(const std::string& target) const {
  return "http://127.0.0.1:" + std::to_string(port_) + target;
}

void HttpTestServer::set_default_status(int status) {
  std::lock_guard lock(mutex_);
  default_status_ = status;
}

void HttpTestServer::queue_statuses(const std::vector<int>& statuses) {
  std::lock_guard lock(mutex_);
  queued_.insert(queued_.end(), statuses.begin(), statuses.end());
}

void HttpTestServer::set_silent(bool silent) {
  std::lock_guard lock(mutex_);
  silent_ = silent;
}

int HttpTestServer::answer_for(HttpRequestRecord& record) {
  std::lock_guard lock(mutex_);
  if (!silent_) {
    if (queued_.empty()) {
      record.answered = default_status_;
    } else {
      record.answered = queued_.front();
      queued_.pop_front();
    }
  }
  requests_.push_back(record);
  return record.answered;
}

std::vector<HttpRequestRecord> HttpTestServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

bool HttpTestServer::wait_for(
    const std::function<bool(const std::vector<HttpRequestRecord>&)>& done,
    std::chrono::milliseconds limit) const {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    if (done(requests())) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace suanli::test
