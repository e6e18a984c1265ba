// The server over HTTPS (a ServerTls from a test PKI): requests with the right CA, a plain-HTTP
// client and a client with the wrong CA refused while the server goes on, and the load errors.

#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "central/http/server_tls.hpp"
#include "tests/central/http/http_client.hpp"
#include "tests/central/http/server_fixture.hpp"
#include "tests/support/process.hpp"
#include "tests/support/test_pki.hpp"

namespace suanli::http {
namespace {

using test::CurlClient;
using test::RunningServer;

Router small_router() {
  Router router;
  router.get("/healthz", [](const Request&) { return Response::json(200, R"({"ok":true})"); });
  router.post("/echo", [](const Request& r) { return Response::text(200, r.body); });
  return router;
}

class TlsServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    pki_ = new test::TestPki(dir_->path() + "/pki");
  }
  static void TearDownTestSuite() {
    delete pki_;
    delete dir_;
  }

  static ServerTls server_tls() {
    auto tls = ServerTls::load(pki_->server().cert, pki_->server().key);
    if (!tls) throw std::runtime_error(tls.error());
    return *tls;
  }

  static test::TempDir* dir_;
  static test::TestPki* pki_;
};

test::TempDir* TlsServer::dir_ = nullptr;
test::TestPki* TlsServer::pki_ = nullptr;

TEST_F(TlsServer, HttpsWithTheRightCaOnOneKeptAliveConnection) {
  RunningServer server(small_router(), {}, server_tls());
  ASSERT_EQ(server.url("/healthz").rfind("https://127.0.0.1:", 0), 0u);
  CurlClient client(pki_->ca().cert);
  auto first = client.get(server.url("/healthz"));
  ASSERT_EQ(first.status, 200) << first.error;
  EXPECT_EQ(first.body, R"({"ok":true})");
  EXPECT_EQ(first.headers["x-content-type-options"], "nosniff");
  auto second = client.request("POST", server.url("/echo"), {}, "over tls");
  ASSERT_EQ(second.status, 200) << second.error;
  EXPECT_EQ(second.body, "over tls");
  EXPECT_EQ(client.new_connections(), 0) << "the TLS connection was kept alive";
}

TEST_F(TlsServer, PlainHttpToTheTlsPortFailsCleanlyAndTheServerGoesOn) {
  RunningServer server(small_router(), {}, server_tls());
  auto raw = test::raw_exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_TRUE(raw.closed) << "the server ends a connection that fails the handshake";
  EXPECT_EQ(raw.data.find("HTTP/1.1 200"), std::string::npos) << raw.data;
  auto plain = CurlClient().get("http://127.0.0.1:" + std::to_string(server.port()) + "/healthz");
  EXPECT_EQ(plain.status, 0) << plain.body;
  CurlClient client(pki_->ca().cert);
  auto after = client.get(server.url("/healthz"));
  EXPECT_EQ(after.status, 200) << after.error;
}

TEST_F(TlsServer, AClientWithTheWrongCaFailsVerification) {
  RunningServer server(small_router(), {}, server_tls());
  auto refused = CurlClient(pki_->wrong_ca_file()).get(server.url("/healthz"));
  EXPECT_EQ(refused.status, 0);
  EXPECT_NE(refused.error.find("certificate"), std::string::npos) << refused.error;
  auto after = CurlClient(pki_->ca().cert).get(server.url("/healthz"));
  EXPECT_EQ(after.status, 200) << after.error;
}

// A response that ends the connection (413) reaches the client over TLS too.
TEST_F(TlsServer, ABodyOverTheLimitIsAnswered413) {
  ServerLimits limits;
  limits.max_body_bytes = 1024;
  RunningServer server(small_router(), limits, server_tls());
  CurlClient client(pki_->ca().cert);
  auto big = client.request("POST", server.url("/echo"), {}, std::string(4096, 'y'));
  EXPECT_EQ(big.status, 413) << big.error;
  auto after = client.get(server.url("/healthz"));
  EXPECT_EQ(after.status, 200) << after.error;
}

TEST_F(TlsServer, SpeaksTls12AndLaterOnly) {
  ServerTls tls = server_tls();
  EXPECT_EQ(SSL_CTX_get_min_proto_version(tls.context().native_handle()), TLS1_2_VERSION);
}

TEST_F(TlsServer, LoadErrorsNameTheKeyAndTheFile) {
  const std::string missing = dir_->path() + "/absent.pem";
  auto no_cert = ServerTls::load(missing, pki_->server().key);
  ASSERT_FALSE(no_cert);
  EXPECT_EQ(no_cert.error(),
            "http.tls.cert_file: " + missing + ": cannot read: No such file or directory");

  auto no_key = ServerTls::load(pki_->server().cert, missing);
  ASSERT_FALSE(no_key);
  EXPECT_EQ(no_key.error(),
            "http.tls.key_file: " + missing + ": cannot read: No such file or directory");

  auto other_key = ServerTls::load(pki_->server().cert, pki_->client().key);
  ASSERT_FALSE(other_key);
  EXPECT_EQ(other_key.error(), "http.tls.key_file: " + pki_->client().key +
                                   " does not match the certificate of http.tls.cert_file (" +
                                   pki_->server().cert + ")");

  auto not_pem =
      ServerTls::load(dir_->write("junk.crt", "not a certificate\n"), pki_->server().key);
  ASSERT_FALSE(not_pem);
  EXPECT_EQ(not_pem.error().rfind("http.tls.cert_file: " + dir_->path() +
                                      "/junk.crt: not a PEM "
                                      "certificate chain",
                                  0),
            0u)
      << not_pem.error();

  auto key_not_pem = ServerTls::load(pki_->server().cert, pki_->server().cert);
  ASSERT_FALSE(key_not_pem);
  EXPECT_EQ(key_not_pem.error().rfind(
                "http.tls.key_file: " + pki_->server().cert + ": not a PEM private key", 0),
            0u)
      << key_not_pem.error();
}

}  // namespace
}  // namespace suanli::http
