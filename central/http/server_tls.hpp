#pragma once

// The certificate and key of central's HTTPS server (http.tls.cert_file, http.tls.key_file),
// loaded and checked against each other: a TLS server context that speaks TLS 1.2 and later.

#include <memory>
#include <string>

#include "config/expected.hpp"

namespace boost::asio::ssl {
class context;
}

namespace suanli::http {

class ServerTls {
 public:
  // Errors name the key: "http.tls.cert_file: FILE: cannot read: No such file or directory",
  // "http.tls.key_file: FILE does not match the certificate of http.tls.cert_file".
  static Expected<ServerTls> load(const std::string& cert_file, const std::string& key_file);

  boost::asio::ssl::context& context() const { return *context_; }

 private:
  explicit ServerTls(std::shared_ptr<boost::asio::ssl::context> context)
      : context_(std::move(context)) {}
  std::shared_ptr<boost::asio::ssl::context> context_;  // shared by the server's connections
};

}  // namespace suanli::http
