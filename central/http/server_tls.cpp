#include "central/http/server_tls.hpp"

#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>

#include "config/config_file.hpp"

namespace suanli::http {
namespace {

namespace ssl = boost::asio::ssl;

constexpr const char* kCertKey = "http.tls.cert_file";
constexpr const char* kKeyKey = "http.tls.key_file";

// The file's text; the private key's copy is wiped when it goes.
class FileText {
 public:
  explicit FileText(std::string text) : text_(std::move(text)) {}
  ~FileText() { OPENSSL_cleanse(text_.data(), text_.size()); }
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;
  boost::asio::const_buffer buffer() const { return boost::asio::buffer(text_); }

 private:
  std::string text_;
};

Expected<std::string> read_file(const char* key, const std::string& path) {
  auto text = config::read_text_file(path);
  if (!text) return Expected<std::string>::failure(std::string(key) + ": " + text.error().front());
  return std::move(*text);
}

}  // namespace

Expected<ServerTls> ServerTls::load(const std::string& cert_file, const std::string& key_file) {
  using Result = Expected<ServerTls>;
  auto cert = read_file(kCertKey, cert_file);
  if (!cert) return Result::failure(cert.error());
  auto key_text = read_file(kKeyKey, key_file);
  if (!key_text) return Result::failure(key_text.error());
  FileText key(std::move(*key_text));

  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = context->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  context->set_options(ssl::context::default_workarounds | ssl::context::single_dh_use);
  // The key first: a certificate set after it that does not match it unsets it (OpenSSL), which
  // the check below reports, rather than "not a key".
  boost::system::error_code ec;
  context->use_private_key(key.buffer(), ssl::context::pem, ec);
  if (ec) {
    return Result::failure(std::string(kKeyKey) + ": " + key_file + ": not a PEM private key (" +
                           ec.message() + ")");
  }
  context->use_certificate_chain(boost::asio::buffer(*cert), ec);
  if (ec) {
    return Result::failure(std::string(kCertKey) + ": " + cert_file +
                           ": not a PEM certificate chain (" + ec.message() + ")");
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    return Result::failure(std::string(kKeyKey) + ": " + key_file +
                           " does not match the certificate of " + kCertKey + " (" + cert_file +
                           ")");
  }
  return ServerTls(std::move(context));
}

}  // namespace suanli::http
