#include "tests/support/mosquitto.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace suanli::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kMosquitto = "/usr/sbin/mosquitto";
constexpr const char* kMosquittoSub = "/usr/bin/mosquitto_sub";
constexpr const char* kMosquittoPub = "/usr/bin/mosquitto_pub";
constexpr const char* kMosquittoPasswd = "/usr/bin/mosquitto_passwd";
constexpr const char* kStdbuf = "/usr/bin/stdbuf";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts argv with stdout and stderr appended to `log`, stdin from /dev/null. Returns the pid or
// -1.
pid_t spawn(std::vector<std::string> argv, const std::string& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<char*> args;
  for (auto& a : argv)
    args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

// SIGTERM, wait up to `grace`, then SIGKILL and reap.
void terminate(pid_t pid, std::chrono::milliseconds grace) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return;
    std::this_thread::sleep_for(10ms);
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
}

bool port_accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

std::vector<ReceivedMessage> parse_lines(const std::string& text, const std::string& skip_topic) {
  std::vector<ReceivedMessage> out;
  // Only whole lines: mosquitto_sub may be writing the last one as it is read (a large payload
  // takes several writes).
  std::istringstream in(text.substr(0, text.rfind('\n') + 1));
  std::string line;
  while (std::getline(in, line)) {
    // "-F '%r %t %p'": retain flag, topic, payload.
    if (line.size() < 3 || (line[0] != '0' && line[0] != '1') || line[1] != ' ') continue;
    auto space = line.find(' ', 2);
    ReceivedMessage m;
    m.retained = line[0] == '1';
    m.topic = line.substr(2, space == std::string::npos ? std::string::npos : space - 2);
    if (space != std::string::npos) m.payload = line.substr(space + 1);
    if (m.topic == skip_topic) continue;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    throw std::runtime_error("bind 127.0.0.1:0 failed");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

MosquittoBroker::MosquittoBroker(BrokerOptions options) : options_(std::move(options)) {
  // The broker drops privileges (when run as root) before it reads TLS and password files.
  chmod(dir_.path().c_str(), 0755);
  if (!options_.conf_d_file.empty()) {
    read_conf_d();
  } else if (options_.tls) {
    make_pki();
  }
  if (options_.persistence) {
    // Written by the broker after it dropped to user mosquitto.
    std::string persist = dir_.path() + "/persist";
    mkdir(persist.c_str(), 0777);
    chmod(persist.c_str(), 0777);
  }
  if (!options_.username.empty()) {
    std::string file = dir_.path() + "/passwd";
    run_checked({kMosquittoPasswd, "-b", "-c", file, options_.username, options_.password});
    chmod(file.c_str(), 0644);
  }
  // A free port can be taken by someone else between the pick and the bind: retry with new ones.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = conf_d_.empty() ? free_port() : 0;
    if (options_.tls || !conf_d_.empty()) tls_port_ = free_port();
    write_config();
    if (spawn_and_wait()) return;
    if (log().find("Address already in use") == std::string::npos) break;
  }
  throw std::runtime_error("mosquitto did not start:\n" + log());
}

MosquittoBroker::~MosquittoBroker() {
  stop();
}

void MosquittoBroker::make_pki() {
  pki_.emplace(dir_.path() + "/pki");
  ca_ = pki_->ca();
}

const CertPair& MosquittoBroker::client_cert() const {
  return pki_->client();
}

void MosquittoBroker::read_conf_d() {
  std::istringstream in(read_file(options_.conf_d_file));
  std::string line;
  while (std::getline(in, line)) {
    for (auto at = line.find("/etc/mosquitto/"); at != std::string::npos;
         at = line.find("/etc/mosquitto/", at))
      line.replace(at, std::string("/etc/mosquitto").size(), options_.etc_dir);
    if (line.starts_with("cafile ")) ca_.cert = line.substr(line.find(' ') + 1);
    conf_d_ += line + "\n";
  }
  if (ca_.cert.empty()) throw std::runtime_error("no cafile in " + options_.conf_d_file);
}

const std::string& MosquittoBroker::wrong_ca_file() {
  if (!pki_) make_pki();
  return pki_->wrong_ca_file();
}

void MosquittoBroker::write_config() const {
  std::ostringstream c;
  c << "per_listener_settings false\n"
    << "persistence " << (options_.persistence ? "true" : "false") << "\n"
    << "log_dest stderr\n"
    << "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n"
    // Mosquitto's default (1000) silently drops QoS 1 messages queued for a slow subscriber;
    // sized deliberately (docs/design.md, "Scale"), so a test never loses a message to it.
    << "max_queued_messages 100000\n";
  if (options_.persistence) c << "persistence_location " << dir_.path() << "/persist/\n";
  if (conf_d_.empty()) {
    write_listeners(c);
  } else {
    std::istringstream in(conf_d_);
    std::string line;
    while (std::getline(in, line)) {
      if (line.starts_with("listener "))
        line = "listener " + std::to_string(tls_port_) + " 127.0.0.1";
      c << line << "\n";
    }
  }
  std::ofstream(dir_.path() + "/mosquitto.conf") << c.str();
}

void MosquittoBroker::write_listeners(std::ostream& c) const {
  if (options_.username.empty()) {
    c << "allow_anonymous true\n";
  } else {
    c << "allow_anonymous false\npassword_file " << dir_.path() << "/passwd\n";
  }
  c << "listener " << port_ << " 127.0.0.1\n";
  if (options_.tls) {
    c << "listener " << tls_port_ << " 127.0.0.1\n"
      << "cafile " << pki_->ca().cert << "\n"
      << "certfile " << pki_->server().cert << "\n"
      << "keyfile " << pki_->server().key << "\n";
    if (options_.require_certificate) c << "require_certificate true\n";
  }
}

bool MosquittoBroker::spawn_and_wait() {
  pid_ = spawn({kMosquitto, "-c", dir_.path() + "/mosquitto.conf"}, dir_.path() + "/broker.log");
  if (pid_ <= 0) return false;
  for (int i = 0; i < 150; ++i) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    if ((port_ == 0 || port_accepts(port_)) && (tls_port_ == 0 || port_accepts(tls_port_)))
      return true;
    std::this_thread::sleep_for(20ms);
  }
  stop();
  return false;
}

void MosquittoBroker::start() {
  if (running()) return;
  // Same port; right after a stop the old socket may linger briefly: retry a few times.
  for (int attempt = 0; attempt < 10; ++attempt) {
    if (spawn_and_wait()) return;
    std::this_thread::sleep_for(100ms);
  }
  throw std::runtime_error("mosquitto did not restart:\n" + log());
}

void MosquittoBroker::stop() {
  terminate(pid_, 2s);
  pid_ = -1;
}

std::string MosquittoBroker::uri() const {
  return "mqtt://127.0.0.1:" + std::to_string(port_);
}

std::string MosquittoBroker::tls_uri() const {
  return "mqtts://127.0.0.1:" + std::to_string(tls_port_);
}

std::string MosquittoBroker::log() const {
  return read_file(dir_.path() + "/broker.log");
}

namespace {

// Anonymous on the plain listener (brokers with a password file are for the publisher's tests
// only), or `as` on the TLS listener.
std::vector<std::string> client_args(const char* program, const MosquittoBroker& broker,
                                     const ClientIdentity& as = {}) {
  if (!as.tls) return {program, "-h", "127.0.0.1", "-p", std::to_string(broker.port())};
  std::vector<std::string> args = {
      program,         "-h", "127.0.0.1", "-p", std::to_string(broker.tls_port()), "--cafile",
      broker.ca_file()};
  if (!as.cert.cert.empty())
    args.insert(args.end(), {"--cert", as.cert.cert, "--key", as.cert.key});
  return args;
}

}  // namespace

MqttSubscriber::MqttSubscriber(const MosquittoBroker& broker, const std::string& topic, int version,
                               Session session, const ClientIdentity& as)
    : broker_(broker),
      out_(dir_.path() + "/sub.out"),
      probe_topic_("suanli-test/probe/" + std::to_string(getpid()) + "-" +
                   std::to_string(free_port())) {
  auto args = client_args(kMosquittoSub, broker, as);
  args.insert(args.end(), {"-q", "1", "-V", version == 5 ? "mqttv5" : "mqttv311", "-F", "%r %t %p",
                           "-t", topic});
  // On the TLS listener the broker's ACL may let no one write a topic this client reads, so no
  // probe: mosquitto_sub -d logs the SUBACK, line by line through stdbuf.
  if (as.tls) {
    args.insert(args.begin(), {kStdbuf, "-oL"});
    args.push_back("-d");
  } else {
    args.insert(args.end(), {"-t", probe_topic_});
  }
  if (session == Session::persistent) {
    args.insert(
        args.end(),
        {"-c", "-i", "suanli-test-sub-" + probe_topic_.substr(probe_topic_.rfind('/') + 1)});
  }
  pid_ = spawn(args, out_);
  if (pid_ <= 0) throw std::runtime_error("cannot start mosquitto_sub");
  if (as.tls ? suback_logged() : probe_comes_back()) return;
  terminate(pid_, 1s);
  pid_ = -1;
  throw std::runtime_error("mosquitto_sub did not subscribe: " + read_file(out_));
}

// The subscription is up once a probe published after it comes back (bounded: 50 x 100 ms).
bool MqttSubscriber::probe_comes_back() {
  for (int i = 0; i < 50; ++i) {
    publish(broker_, probe_topic_, "probe");
    std::this_thread::sleep_for(100ms);
    if (read_file(out_).find(probe_topic_) != std::string::npos) return true;
  }
  return false;
}

// Bounded: 250 x 20 ms.
bool MqttSubscriber::suback_logged() {
  for (int i = 0; i < 250; ++i) {
    if (read_file(out_).find(" received SUBACK") != std::string::npos) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

MqttSubscriber::~MqttSubscriber() {
  terminate(pid_, 1s);
}

std::vector<ReceivedMessage> MqttSubscriber::messages() const {
  return parse_lines(read_file(out_), probe_topic_);
}

std::vector<ReceivedMessage> MqttSubscriber::wait(std::size_t count,
                                                  std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  auto got = messages();
  while (got.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
    got = messages();
  }
  return got;
}

std::vector<ReceivedMessage> retained_messages(const MosquittoBroker& broker,
                                               const std::string& topic,
                                               std::chrono::milliseconds limit) {
  auto args = client_args(kMosquittoSub, broker);
  auto seconds = std::max<long>(1, static_cast<long>((limit.count() + 999) / 1000));
  args.insert(args.end(), {"-q", "1", "--retained-only", "-W", std::to_string(seconds), "-F",
                           "%r %t %p", "-t", topic});
  auto r = run_process(args, {}, limit + 2s);
  return parse_lines(r.out, "");
}

bool publish(const MosquittoBroker& broker, const std::string& topic, const std::string& payload,
             bool retain, const ClientIdentity& as) {
  auto args = client_args(kMosquittoPub, broker, as);
  args.insert(args.end(), {"-q", "1", "-t", topic});
  if (payload.empty()) {
    args.push_back("-n");  // a zero-length message: with -r, it clears the topic's retained one
  } else {
    args.insert(args.end(), {"-m", payload});
  }
  if (retain) args.push_back("-r");
  return run_process(args, {}, 10s).exit_code == 0;
}

}  // namespace suanli::test
