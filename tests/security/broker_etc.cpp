#include "tests/security/broker_etc.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>

namespace suanli::security_test {
namespace {

const std::string kSource = SUANLI_SOURCE_DIR;

void run_pki_checked(const std::vector<std::string>& args) {
  test::ProcessResult r = run_pki(args);
  if (r.exit_code != 0) throw std::runtime_error("pki.sh failed: " + r.err);
}

// The broker drops to user mosquitto when started as root, as docs/security.md has the key
// owned by that user; started as anyone else it runs as that user, who owns the key already.
void let_the_broker_read(const std::string& key) {
  if (geteuid() != 0) return;
  const passwd* mosquitto = getpwnam("mosquitto");
  if (!mosquitto || chown(key.c_str(), mosquitto->pw_uid, mosquitto->pw_gid) != 0)
    throw std::runtime_error("cannot give " + key + " to user mosquitto");
}

}  // namespace

test::ProcessResult run_pki(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kSource + "/scripts/pki.sh"};
  argv.insert(argv.end(), args.begin(), args.end());
  return test::run_process(argv, {}, std::chrono::seconds(30));
}

BrokerEtc::BrokerEtc(const std::vector<std::string>& client_cns) {
  // Read by the broker after it dropped privileges.
  chmod(dir_.path().c_str(), 0755);
  run_pki_checked({certs(), "ca"});
  run_pki_checked({certs(), "server", "broker", "IP:127.0.0.1", "localhost"});
  let_the_broker_read(certs() + "/broker.key");
  for (const std::string& cn : client_cns)
    run_pki_checked({certs(), "client", cn});
  std::filesystem::copy_file(kSource + "/packaging/mosquitto/suanli.acl",
                             dir_.path() + "/suanli.acl");
}

test::CertPair BrokerEtc::client(const std::string& cn) const {
  return {certs() + "/" + cn + ".crt", certs() + "/" + cn + ".key"};
}

test::BrokerOptions BrokerEtc::broker_options() const {
  return {.conf_d_file = kSource + "/packaging/mosquitto/suanli.conf", .etc_dir = dir_.path()};
}

std::string BrokerEtc::certs() const {
  return dir_.path() + "/certs";
}

}  // namespace suanli::security_test
