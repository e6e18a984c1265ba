#pragma once

// A throwaway PKI for TLS tests, made with the openssl command in a directory: a CA, a server
// certificate for 127.0.0.1 and localhost and a client certificate, both signed by that CA, and on
// request a second CA that signed nothing. EC P-256 keys, valid two days, world-readable (Mosquitto
// run as root reads them after dropping to its own user).

#include <optional>
#include <string>
#include <vector>

namespace suanli::test {

// A certificate and its key (for a CA too), as file paths.
struct CertPair {
  std::string cert;
  std::string key;
};

// Runs `argv`; throws std::runtime_error with the command and its stderr when it fails.
void run_checked(const std::vector<std::string>& argv);

// dir/NAME.crt and dir/NAME.key for common name `cn`: self-signed when `ca` is null, else signed
// by *ca, with subjectAltName `san` when not empty ("IP:127.0.0.1,DNS:localhost").
CertPair make_cert(const std::string& dir, const std::string& name, const std::string& cn,
                   const CertPair* ca, const std::string& san);

class TestPki {
 public:
  // Makes `dir` (mode 0755) and the CA, server and client certificates in it.
  explicit TestPki(std::string dir);

  const CertPair& ca() const { return ca_; }
  const CertPair& server() const { return server_; }
  const CertPair& client() const { return client_; }
  const std::string& dir() const { return dir_; }
  // The certificate of a CA that signed nothing here; made on first call.
  const std::string& wrong_ca_file();

 private:
  std::string dir_;
  CertPair ca_;
  CertPair server_;
  CertPair client_;
  std::optional<CertPair> wrong_ca_;
};

}  // namespace suanli::test
