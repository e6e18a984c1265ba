#pragma once

// A private Mosquitto broker for one test, and mosquitto_sub / mosquitto_pub as the other side.
// Each broker has its own free port(s) on 127.0.0.1, its own config and log in a temp dir.

#include <sys/types.h>

#include <chrono>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/test_pki.hpp"

namespace suanli::test {

struct BrokerOptions {
  bool tls = false;                  // a second listener with a test CA and server cert
  bool require_certificate = false;  // mTLS on the TLS listener
  std::string username = {};         // non-empty: anonymous off, a password_file with this user
  std::string password = {};
  // Retained messages and persistent sessions survive stop()/start() (saved at SIGTERM).
  bool persistence = false;
  // Non-empty: the broker as a conf.d file such as packaging/mosquitto/suanli.conf sets it up,
  // in place of the listeners above: that file's listener, moved to tls_port() on 127.0.0.1,
  // is the broker's only one, and its paths under /etc/mosquitto/ are read under `etc_dir`.
  std::string conf_d_file = {};
  std::string etc_dir = {};
};

// Who a test client (mosquitto_sub, mosquitto_pub) is: by default anonymous on the plain
// listener; with `tls`, on the TLS listener (the broker verified with its ca_file()), presenting
// `cert` unless that is empty.
struct ClientIdentity {
  bool tls = false;
  CertPair cert = {};
};

// The holder of `cert` on the TLS listener.
inline ClientIdentity holder_of(const CertPair& cert) {
  return {.tls = true, .cert = cert};
}

class MosquittoBroker {
 public:
  // Starts the broker; throws std::runtime_error (with the log) when it does not come up.
  explicit MosquittoBroker(BrokerOptions options = {});
  ~MosquittoBroker();
  MosquittoBroker(const MosquittoBroker&) = delete;
  MosquittoBroker& operator=(const MosquittoBroker&) = delete;

  // Starts again on the same port(s) after stop(); throws when it does not come up.
  void start();
  // SIGTERM, waits up to 2 s, then SIGKILL. Idempotent.
  void stop();
  bool running() const { return pid_ > 0; }

  int port() const { return port_; }
  int tls_port() const { return tls_port_; }
  std::string uri() const;      // mqtt://127.0.0.1:PORT
  std::string tls_uri() const;  // mqtts://127.0.0.1:TLSPORT
  // The CA that verifies the broker: the test CA, or the conf.d file's cafile.
  const std::string& ca_file() const { return ca_.cert; }
  // A client certificate the test CA signed (with BrokerOptions::tls).
  const CertPair& client_cert() const;
  // A second CA that signed nothing the broker uses; made on first call.
  const std::string& wrong_ca_file();
  const std::string& dir() const { return dir_.path(); }
  std::string log() const;

 private:
  bool spawn_and_wait();
  void write_config() const;
  void write_listeners(std::ostream& config) const;
  void make_pki();
  void read_conf_d();

  BrokerOptions options_;
  TempDir dir_;
  std::string conf_d_;  // options_.conf_d_file with its /etc/mosquitto/ paths moved
  std::optional<TestPki> pki_;
  CertPair ca_;  // the CA that verifies the broker
  int port_ = 0;
  int tls_port_ = 0;
  pid_t pid_ = -1;
};

// clean: a new session per connection. persistent: a fixed client id without clean session, so
// that the subscription (and QoS 1 messages queued for it) outlive a reconnect, and with
// BrokerOptions::persistence a broker restart; mosquitto_sub reconnects by itself.
enum class Session { clean, persistent };

struct ReceivedMessage {
  std::string topic;
  std::string payload;
  bool retained = false;
};

// mosquitto_sub as a child process: subscribed when the constructor returns (an anonymous one
// sees a probe message come back, one on the TLS listener logs the SUBACK); collects
// "topic payload retained" lines until wait() or destruction.
class MqttSubscriber {
 public:
  // `version`: 311 or 5. Throws std::runtime_error when the subscription is not up in 5 s.
  MqttSubscriber(const MosquittoBroker& broker, const std::string& topic, int version = 311,
                 Session session = Session::clean, const ClientIdentity& as = {});
  ~MqttSubscriber();
  MqttSubscriber(const MqttSubscriber&) = delete;
  MqttSubscriber& operator=(const MqttSubscriber&) = delete;

  // Waits until at least `count` messages (probes excluded) arrived or `limit` passed.
  std::vector<ReceivedMessage> wait(std::size_t count, std::chrono::milliseconds limit);
  std::vector<ReceivedMessage> messages() const;

 private:
  bool probe_comes_back();
  bool suback_logged();

  const MosquittoBroker& broker_;
  TempDir dir_;
  std::string out_;
  std::string probe_topic_;
  pid_t pid_ = -1;
};

// One-shot mosquitto_sub: the retained messages on `topic` (waits at most `limit`).
std::vector<ReceivedMessage> retained_messages(const MosquittoBroker& broker,
                                               const std::string& topic,
                                               std::chrono::milliseconds limit);

// mosquitto_pub -q 1 [-r]; true on exit code 0. An empty `payload` with `retain` clears the
// topic's retained message. With MQTT 3.1.1 a publish the broker's ACL
// denies is acknowledged all the same: exit code 0, delivered to no one.
bool publish(const MosquittoBroker& broker, const std::string& topic, const std::string& payload,
             bool retain = false, const ClientIdentity& as = {});

// Picks a free TCP port on 127.0.0.1 (bind :0, getsockname, close).
int free_port();

}  // namespace suanli::test
