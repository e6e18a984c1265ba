#include "uplink/mqtt/tls_probe.hpp"

#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <memory>
#include <string_view>

namespace suanli::mqtt {
namespace {

struct SslCtxFree {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
struct SslFree {
  void operator()(SSL* s) const { SSL_free(s); }
};

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string openssl_error() {
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "TLS handshake failed";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

// host and port of "scheme://host:port[/...]"; IPv6 literals in brackets are accepted.
bool split_uri(std::string_view uri, std::string& host, std::string& port) {
  auto scheme = uri.find("://");
  if (scheme != std::string_view::npos) uri.remove_prefix(scheme + 3);
  uri = uri.substr(0, uri.find('/'));
  auto colon = uri.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == uri.size()) return false;
  host = std::string(uri.substr(0, colon));
  port = std::string(uri.substr(colon + 1));
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return !host.empty();
}

int connect_tcp(const std::string& host, const std::string& port,
                std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &res) != 0) return -1;
  int fd = -1;
  for (addrinfo* a = res; a && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    // On Linux SO_SNDTIMEO also bounds connect().
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(res);
  return fd;
}

}  // namespace

std::string tls_probe(const config::MqttConfig& cfg, std::chrono::milliseconds timeout) {
  std::string host;
  std::string port;
  if (!split_uri(cfg.uri, host, port)) return "cannot parse host and port of " + cfg.uri;
  ERR_clear_error();
  std::unique_ptr<SSL_CTX, SslCtxFree> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx) return openssl_error();
  if (cfg.ca_file) {
    if (SSL_CTX_load_verify_locations(ctx.get(), cfg.ca_file->c_str(), nullptr) != 1) {
      return "cannot load CA file " + *cfg.ca_file + ": " + openssl_error();
    }
  } else {
    SSL_CTX_set_default_verify_paths(ctx.get());
  }
  if (cfg.cert_file && SSL_CTX_use_certificate_chain_file(ctx.get(), cfg.cert_file->c_str()) != 1) {
    return "cannot load client certificate " + *cfg.cert_file + ": " + openssl_error();
  }
  if (cfg.key_file &&
      SSL_CTX_use_PrivateKey_file(ctx.get(), cfg.key_file->c_str(), SSL_FILETYPE_PEM) != 1) {
    return "cannot load client key " + *cfg.key_file + ": " + openssl_error();
  }
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);

  Fd fd(connect_tcp(host, port, timeout));
  if (fd.get() < 0) return "cannot connect to " + host + ":" + port;
  std::unique_ptr<SSL, SslFree> ssl(SSL_new(ctx.get()));
  if (!ssl) return openssl_error();
  SSL_set_fd(ssl.get(), fd.get());
  SSL_set_tlsext_host_name(ssl.get(), host.c_str());
  // OpenSSL 3 checks an IP address literal against the certificate's IP subjectAltNames.
  if (cfg.verify_hostname) SSL_set1_host(ssl.get(), host.c_str());
  if (SSL_connect(ssl.get()) == 1) {
    SSL_shutdown(ssl.get());
    return "";
  }
  long verify = SSL_get_verify_result(ssl.get());
  if (verify != X509_V_OK) {
    ERR_clear_error();
    return std::string("certificate verify failed: ") + X509_verify_cert_error_string(verify);
  }
  return openssl_error();
}

}  // namespace suanli::mqtt
