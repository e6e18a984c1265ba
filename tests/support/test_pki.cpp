#include "tests/support/test_pki.hpp"

#include <sys/stat.h>

#include <fstream>
#include <stdexcept>

#include "tests/support/process.hpp"

namespace suanli::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kOpenssl = "/usr/bin/openssl";

void make_dir(const std::string& dir) {
  mkdir(dir.c_str(), 0755);
  chmod(dir.c_str(), 0755);
}

}  // namespace

void run_checked(const std::vector<std::string>& argv) {
  auto r = run_process(argv, {}, 20s);
  if (r.exit_code != 0) {
    std::string cmd;
    for (const auto& a : argv)
      cmd += a + " ";
    throw std::runtime_error("command failed: " + cmd + "\n" + r.err);
  }
}

CertPair make_cert(const std::string& dir, const std::string& name, const std::string& cn,
                   const CertPair* ca, const std::string& san) {
  CertPair out{dir + "/" + name + ".crt", dir + "/" + name + ".key"};
  if (!ca) {
    run_checked({kOpenssl, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                 "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=" + cn,
                 "-keyout", out.key, "-out", out.cert});
  } else {
    std::string csr = dir + "/" + name + ".csr";
    run_checked({kOpenssl, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                 "-nodes", "-subj", "/CN=" + cn, "-keyout", out.key, "-out", csr});
    std::vector<std::string> sign = {kOpenssl, "x509",   "-req",   "-in",   csr,
                                     "-CA",    ca->cert, "-CAkey", ca->key, "-CAcreateserial",
                                     "-days",  "2",      "-out",   out.cert};
    if (!san.empty()) {
      std::string ext = dir + "/" + name + ".ext";
      std::ofstream(ext) << "subjectAltName=" << san << "\n";
      sign.push_back("-extfile");
      sign.push_back(ext);
    }
    run_checked(sign);
  }
  chmod(out.cert.c_str(), 0644);
  chmod(out.key.c_str(), 0644);
  return out;
}

TestPki::TestPki(std::string dir) : dir_(std::move(dir)) {
  make_dir(dir_);
  ca_ = make_cert(dir_, "ca", "suanli-test-ca", nullptr, "");
  server_ = make_cert(dir_, "server", "localhost", &ca_, "IP:127.0.0.1,DNS:localhost");
  client_ = make_cert(dir_, "client", "suanli-test-client", &ca_, "");
}

const std::string& TestPki::wrong_ca_file() {
  if (!wrong_ca_) {
    std::string dir = dir_ + "/wrong-ca";
    make_dir(dir);
    wrong_ca_ = make_cert(dir, "ca", "suanli-wrong-ca", nullptr, "");
  }
  return wrong_ca_->cert;
}

}  // namespace suanli::test
