// scripts/pki.sh: what it writes (key modes, the client certificate's subject, the chain) and
// what it refuses (bad CNs and usage with exit 2, an existing CA).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/security/broker_etc.hpp"

namespace suanli::security_test {
namespace {

using namespace std::chrono_literals;

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

// openssl ARGS... on a file; its standard output.
std::string openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  test::ProcessResult r = test::run_process(argv, {}, 20s);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

class PkiScript : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(run_pki({pki_, "ca"}).exit_code, 0); }

  std::string file(const std::string& name) const { return pki_ + "/" + name; }

  test::TempDir dir_;
  std::string pki_ = dir_.path() + "/pki";
};

TEST_F(PkiScript, KeysAreOwnerOnlyAndAClientCertificateNamesItsCenter) {
  ASSERT_EQ(run_pki({pki_, "server", "broker", "IP:127.0.0.1", "localhost"}).exit_code, 0);
  ASSERT_EQ(run_pki({pki_, "client", "sz-aicc"}).exit_code, 0);
  ASSERT_EQ(run_pki({pki_, "client", "_central"}).exit_code, 0);
  for (const char* key : {"ca.key", "broker.key", "sz-aicc.key", "_central.key"})
    EXPECT_EQ(mode_of(file(key)), 0600u) << key;

  EXPECT_EQ(
      openssl({"x509", "-in", file("sz-aicc.crt"), "-noout", "-subject", "-nameopt", "RFC2253"}),
      "subject=CN=sz-aicc\n");
  EXPECT_EQ(
      openssl({"x509", "-in", file("_central.crt"), "-noout", "-subject", "-nameopt", "RFC2253"}),
      "subject=CN=_central\n");
  EXPECT_NE(openssl({"x509", "-in", file("sz-aicc.crt"), "-noout", "-ext", "extendedKeyUsage"})
                .find("Client Authentication"),
            std::string::npos);
  std::string server_names =
      openssl({"x509", "-in", file("broker.crt"), "-noout", "-ext", "subjectAltName"});
  EXPECT_NE(server_names.find("IP Address:127.0.0.1"), std::string::npos) << server_names;
  EXPECT_NE(server_names.find("DNS:localhost"), std::string::npos) << server_names;
  EXPECT_EQ(openssl({"verify", "-CAfile", file("ca.crt"), file("sz-aicc.crt"), file("broker.crt")}),
            file("sz-aicc.crt") + ": OK\n" + file("broker.crt") + ": OK\n");
}

TEST_F(PkiScript, ACnThatIsNeitherACenterIdNorCentralIsRefusedWithExit2) {
  for (const std::string& cn : std::vector<std::string>{"SZ-AICC", "_x", "_central2", "-sz", "a/b",
                                                        "a b", "", std::string(64, 'a')}) {
    test::ProcessResult r = run_pki({pki_, "client", cn});
    EXPECT_EQ(r.exit_code, 2) << "CN '" << cn << "': " << r.err;
    EXPECT_NE(r.err.find("CN"), std::string::npos) << r.err;
  }
  EXPECT_EQ(run_pki({pki_, "client", std::string(63, 'a')}).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(file("SZ-AICC.crt")));
  EXPECT_FALSE(std::filesystem::exists(file("_x.key")));
}

TEST_F(PkiScript, BadUsageExits2WithTheUsage) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{},
                                             {pki_},
                                             {pki_, "sign"},
                                             {pki_, "ca", "extra"},
                                             {pki_, "server", "broker"},
                                             {pki_, "server", "broker", "not a name"},
                                             {pki_, "client"},
                                             {pki_, "client", "c1", "c2"}}) {
    test::ProcessResult r = run_pki(args);
    EXPECT_EQ(r.exit_code, 2) << args.size() << " arguments: " << r.err;
    EXPECT_NE(r.err.find("pki.sh DIR client CN"), std::string::npos) << r.err;
  }
}

TEST_F(PkiScript, AnExistingCaOrCertificateIsNeverOverwritten) {
  const std::string ca = read_text(file("ca.crt"));
  const std::string ca_key = read_text(file("ca.key"));
  test::ProcessResult again = run_pki({pki_, "ca"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("exists"), std::string::npos) << again.err;
  EXPECT_EQ(read_text(file("ca.crt")), ca);
  EXPECT_EQ(read_text(file("ca.key")), ca_key);

  ASSERT_EQ(run_pki({pki_, "client", "c1"}).exit_code, 0);
  const std::string c1 = read_text(file("c1.crt"));
  EXPECT_EQ(run_pki({pki_, "client", "c1"}).exit_code, 1);
  EXPECT_EQ(read_text(file("c1.crt")), c1);
  // A center named like the CA's files is no way around it.
  EXPECT_EQ(run_pki({pki_, "client", "ca"}).exit_code, 1);
  EXPECT_EQ(read_text(file("ca.key")), ca_key);
}

TEST(PkiScriptWithoutCa, SigningWithoutACaFails) {
  test::TempDir dir;
  test::ProcessResult r = run_pki({dir.path(), "client", "c1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no CA"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/c1.key"));
}

}  // namespace
}  // namespace suanli::security_test
