#pragma once

// /etc/mosquitto of a suanli broker as docs/security.md sets it up, in a temp dir: certs/ made by
// the shipped scripts/pki.sh and the shipped packaging/mosquitto/suanli.acl; a test broker runs
// the shipped packaging/mosquitto/suanli.conf on them.

#include <string>
#include <vector>

#include "tests/support/mosquitto.hpp"
#include "tests/support/process.hpp"

namespace suanli::security_test {

// scripts/pki.sh ARGS... (bounded).
test::ProcessResult run_pki(const std::vector<std::string>& args);

class BrokerEtc {
 public:
  // A CA, the broker's certificate (for 127.0.0.1 and localhost) and one client certificate per
  // CN. Throws std::runtime_error when pki.sh fails.
  explicit BrokerEtc(const std::vector<std::string>& client_cns);

  // certs/CN.crt and certs/CN.key.
  test::CertPair client(const std::string& cn) const;
  // A broker whose only listener is packaging/mosquitto/suanli.conf's, with this folder as
  // /etc/mosquitto.
  test::BrokerOptions broker_options() const;

 private:
  std::string certs() const;

  test::TempDir dir_;
};

}  // namespace suanli::security_test
