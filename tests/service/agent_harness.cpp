#include "tests/service/agent_harness.hpp"

#include <csignal>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>

#include "tests/support/backends_config.hpp"

namespace suanli::service_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

const std::string kAgentBinary = std::string(SUANLI_BINARY_DIR) + "/agent/suanli-agent";

}  // namespace

json base_config(const test::TempDir& dir, const std::string& uri, int devices) {
  json collectors = test::collectors_only({"sim"});
  collectors["sim"] = {{"enabled", true},
                       {"devices", {{{"model", "H100 SXM5 80GB"}, {"count", devices}}}}};
  return {{"center", "sz-aicc"},
          {"node", "sim-01"},
          {"state_dir", dir.path() + "/state"},
          {"sample_interval_ms", 200},
          {"publish_interval_ms", 1000},
          {"mqtt", {{"uri", uri}, {"reconnect_min_ms", 200}, {"reconnect_max_ms", 1000}}},
          {"spool", {{"replay_per_s", 50}}},
          {"collectors", collectors}};
}

std::string write_config(const test::TempDir& dir, const json& cfg) {
  return dir.write("agent.json", cfg.dump());
}

std::string spool_dir(const test::TempDir& dir) {
  return dir.path() + "/state/spool";
}

Agent::Agent(const test::TempDir& dir, const std::string& config, const std::string& name,
             const std::vector<std::string>& env)
    : process({kAgentBinary, "--config", config}, env, dir.path() + "/" + name + ".out",
              dir.path() + "/" + name + ".err"),
      err_file_(dir.path() + "/" + name + ".err") {}

std::string Agent::err() const {
  return read_file(err_file_);
}

bool Agent::logs(const std::string& text, std::chrono::milliseconds limit) const {
  return wait_until([&] { return err().find(text) != std::string::npos; }, limit);
}

bool Agent::terminate() {
  process.signal(SIGTERM);
  return process.wait(10s) == std::optional<int>(0);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return done();
    std::this_thread::sleep_for(50ms);
  }
  return true;
}

std::optional<json> retained(const test::MosquittoBroker& broker, const std::string& kind) {
  auto found = test::retained_messages(broker, kTopics + kind, 2s);
  if (found.empty()) return std::nullopt;
  return json::parse(found.back().payload);
}

std::uint64_t retained_boot(const test::MosquittoBroker& broker) {
  std::optional<json> birth;
  wait_until([&] { return (birth = retained(broker, "birth")).has_value(); }, 30s);
  if (!birth || !birth->is_object()) throw std::runtime_error("no retained birth");
  return birth->at("boot").get<std::uint64_t>();
}

bool status_becomes(const test::MosquittoBroker& broker, bool online) {
  return wait_until(
      [&] {
        auto status = retained(broker, "status");
        return status && status->at("online") == online;
      },
      10s);
}

std::vector<json> messages_of(const std::vector<test::ReceivedMessage>& messages,
                              const std::string& kind) {
  std::vector<json> out;
  for (const auto& m : messages) {
    if (m.topic != kTopics + kind) continue;
    json doc = json::parse(m.payload);
    if (!doc.is_object()) {
      throw std::runtime_error("not a JSON object on " + m.topic + ": " + m.payload.substr(0, 200));
    }
    out.push_back(std::move(doc));
  }
  return out;
}

std::set<std::uint64_t> seqs(const std::vector<test::ReceivedMessage>& messages,
                             const std::string& kind, std::uint64_t boot) {
  std::set<std::uint64_t> out;
  for (const auto& doc : messages_of(messages, kind)) {
    if (doc.at("boot") == boot) out.insert(doc.at("seq").get<std::uint64_t>());
  }
  return out;
}

std::set<std::uint64_t> window_seqs(const std::vector<test::ReceivedMessage>& messages,
                                    std::uint64_t boot) {
  auto all = seqs(messages, "data", boot);
  all.merge(seqs(messages, "hist", boot));
  return all;
}

std::vector<std::uint64_t> hist_order(const std::vector<test::ReceivedMessage>& messages) {
  std::vector<std::uint64_t> out;
  for (const auto& doc : messages_of(messages, "hist"))
    out.push_back(doc.at("seq").get<std::uint64_t>());
  return out;
}

std::vector<std::uint64_t> gaps(const std::set<std::uint64_t>& got, std::uint64_t first,
                                std::uint64_t last) {
  std::vector<std::uint64_t> out;
  for (std::uint64_t s = first; s <= last; ++s) {
    if (!got.contains(s)) out.push_back(s);
  }
  return out;
}

}  // namespace suanli::service_test
