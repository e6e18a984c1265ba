#pragma once

// The suanli-agent binary as a service in a test: its config, the process, and what it published
// (seen through a real Mosquitto).

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/support/mosquitto.hpp"
#include "tests/support/process.hpp"

namespace suanli::service_test {

// Topic prefix of the simulated node of base_config().
inline constexpr const char* kTopics = "suanli/v1/sz-aicc/sim-01/";

// A simulated node sim-01 with `devices` H100s, state in dir/state, one window a second
// (the shortest publish interval), replay at 50 windows a second, publishing to `uri`.
nlohmann::json base_config(const test::TempDir& dir, const std::string& uri, int devices = 2);
// Writes `cfg` to dir/agent.json and returns its path.
std::string write_config(const test::TempDir& dir, const nlohmann::json& cfg);
// The agent's spool directory under base_config()'s state_dir.
std::string spool_dir(const test::TempDir& dir);

// suanli-agent --config CONFIG, stdout and stderr to dir/NAME.out and dir/NAME.err.
class Agent {
 public:
  // `env`: NAME=VALUE entries added to the agent's environment.
  Agent(const test::TempDir& dir, const std::string& config, const std::string& name = "agent",
        const std::vector<std::string>& env = {});
  test::BackgroundProcess process;
  std::string err() const;  // stderr so far (the log)
  // Waits (bounded by `limit`) until stderr contains `text`.
  bool logs(const std::string& text, std::chrono::milliseconds limit) const;
  // SIGTERM, then true when it exited with status 0 within 10 s.
  bool terminate();

 private:
  std::string err_file_;
};

std::string read_file(const std::string& path);

// Polls `done` every 50 ms until it holds or `limit` passed; returns its last value.
bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit);

// The last retained message on kTopics + kind, parsed; nullopt when none.
std::optional<nlohmann::json> retained(const test::MosquittoBroker& broker,
                                       const std::string& kind);
// Waits (bounded) for a retained birth and returns its boot; throws when none comes. The agent
// retains its birth after its status, so a test that saw it online must still wait for the birth.
std::uint64_t retained_boot(const test::MosquittoBroker& broker);
// Waits (bounded) until the retained status says `online`.
bool status_becomes(const test::MosquittoBroker& broker, bool online);

// Messages of kTopics + kind (data, hist, ...) parsed, in arrival order.
std::vector<nlohmann::json> messages_of(const std::vector<test::ReceivedMessage>& messages,
                                        const std::string& kind);
// The seqs of boot `boot` among messages_of(messages, kind).
std::set<std::uint64_t> seqs(const std::vector<test::ReceivedMessage>& messages,
                             const std::string& kind, std::uint64_t boot);
// The seqs of `boot` on data and on hist together.
std::set<std::uint64_t> window_seqs(const std::vector<test::ReceivedMessage>& messages,
                                    std::uint64_t boot);
// The seqs that hist brought, in arrival order.
std::vector<std::uint64_t> hist_order(const std::vector<test::ReceivedMessage>& messages);
// The seqs in [first, last] missing from `got`.
std::vector<std::uint64_t> gaps(const std::set<std::uint64_t>& got, std::uint64_t first,
                                std::uint64_t last);

}  // namespace suanli::service_test
