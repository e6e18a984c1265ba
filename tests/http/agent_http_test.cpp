// suanli-agent with http.url pointing at an HTTP server inside the test (127.0.0.1, a free port).

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "tests/support/backends_config.hpp"
#include "tests/support/http_server.hpp"
#include "tests/support/mosquitto.hpp"
#include "tests/support/process.hpp"
#include "tests/support/small_tmpfs.hpp"
#include "uplink/spool/spool.hpp"

namespace suanli {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using Requests = std::vector<test::HttpRequestRecord>;

const std::string kAgent = std::string(SUANLI_BINARY_DIR) + "/agent/suanli-agent";
const std::string kToken = "tok-3f9a1c77e2";

// A simulated node with two H100s, one window a second, POSTing to `server`.
std::string write_config(const test::TempDir& dir, const test::HttpTestServer& server) {
  json cfg = {{"center", "sz-aicc"},
              {"node", "sim-01"},
              {"state_dir", dir.path() + "/state"},
              {"sample_interval_ms", 200},
              {"publish_interval_ms", 1000},
              {"http",
               {{"url", server.url()},
                {"token_file", dir.write("token", kToken + "\n")},
                {"timeout_ms", 2000},
                {"retry_min_ms", 200},
                {"retry_max_ms", 1000}}},
              {"spool", {{"replay_per_s", 50}}},
              {"collectors", test::collectors_only({"sim"})}};
  cfg["collectors"]["sim"] = {{"enabled", true},
                              {"devices", {{{"model", "H100 SXM5 80GB"}, {"count", 2}}}}};
  return dir.write("agent.json", cfg.dump());
}

struct Agent {
  Agent(const test::TempDir& dir, const std::string& config)
      : err_file(dir.path() + "/agent.err"),
        process({kAgent, "--config", config}, {}, dir.path() + "/agent.out", err_file) {}
  std::string log() const {
    std::ifstream in(err_file);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  std::string err_file;
  test::BackgroundProcess process;
};

// For failure messages: each request's status and kinds.
std::string describe(const Requests& requests) {
  std::string out = std::to_string(requests.size()) + " requests:";
  for (const auto& r : requests) {
    out +=
        "\n  " + std::to_string(r.answered) + " (connection " + std::to_string(r.connection) + ")";
    auto batch = json::parse(r.body);
    for (const auto& m : batch.at("messages"))
      out += " " + m.at("kind").get<std::string>() + "/" + std::to_string(m.value("seq", 0));
  }
  return out;
}

bool accepted(const test::HttpRequestRecord& r) {
  return r.answered >= 200 && r.answered < 300;
}

// The messages of the batches the server accepted (2xx), in the order they came.
std::vector<json> accepted_messages(const Requests& requests) {
  std::vector<json> out;
  for (const auto& r : requests) {
    if (!accepted(r)) continue;
    auto batch = json::parse(r.body);
    for (auto& m : batch.at("messages"))
      out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::uint64_t> seqs_of(const std::vector<json>& messages, const std::string& kind) {
  std::vector<std::uint64_t> out;
  for (const auto& m : messages) {
    if (m.at("kind") == kind) out.push_back(m.at("seq").get<std::uint64_t>());
  }
  return out;
}

// Every window of the boot, delivered as data or hist, numbered 0..n-1 without a gap.
std::set<std::uint64_t> windows_delivered(const Requests& requests) {
  auto messages = accepted_messages(requests);
  std::set<std::uint64_t> out;
  for (const char* kind : {"data", "hist"}) {
    for (auto seq : seqs_of(messages, kind))
      out.insert(seq);
  }
  return out;
}

bool without_gap(const std::set<std::uint64_t>& seqs) {
  return !seqs.empty() && *seqs.begin() == 0 && *seqs.rbegin() + 1 == seqs.size();
}

// Waits (bounded) until the server accepted three windows or more, none missing in between.
bool delivers_three_windows_without_gap(const test::HttpTestServer& server) {
  return server.wait_for(
      [](const Requests& r) {
        auto delivered = windows_delivered(r);
        return delivered.size() >= 3 && without_gap(delivered);
      },
      20s);
}

std::size_t count_data(const Requests& requests) {
  return seqs_of(accepted_messages(requests), "data").size();
}

std::size_t answered_with(const Requests& requests, int status) {
  return static_cast<std::size_t>(std::count_if(
      requests.begin(), requests.end(), [status](const auto& r) { return r.answered == status; }));
}

std::size_t count_lines_with(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++count;
  return count;
}

// libcurl is opened with dlopen by the HTTP uplink only (uplink/http/curl_library.hpp).
bool maps_libcurl(pid_t pid) {
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (line.find("libcurl") != std::string::npos) return true;
  }
  return false;
}

TEST(HttpAgent, DeliversNumberedWindowsWithTheTokenThenOfflineAtSigterm) {
  test::HttpTestServer server;
  test::TempDir dir;
  Agent agent(dir, write_config(dir, server));
  ASSERT_TRUE(server.wait_for([](const Requests& r) { return count_data(r) >= 3; }, 20s))
      << agent.log() << describe(server.requests());
  EXPECT_TRUE(maps_libcurl(agent.process.pid()));
  agent.process.signal(SIGTERM);
  ASSERT_EQ(agent.process.wait(10s), std::optional<int>(0)) << agent.log();

  auto requests = server.requests();
  for (const auto& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/ingest");
    EXPECT_EQ(r.headers.at("authorization"), "Bearer " + kToken);
    EXPECT_EQ(r.headers.at("content-type"), "application/json");
  }
  auto first = json::parse(requests.front().body).at("messages");
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].at("kind"), "status");
  EXPECT_EQ(first[0].at("online"), true);
  EXPECT_EQ(first[1].at("kind"), "birth");
  EXPECT_EQ(first[1].at("devices").size(), 2u);
  auto last = json::parse(requests.back().body).at("messages").back();
  EXPECT_EQ(last.at("kind"), "status");
  EXPECT_EQ(last.at("online"), false);

  auto messages = accepted_messages(requests);
  EXPECT_TRUE(seqs_of(messages, "hist").empty());
  auto data = seqs_of(messages, "data");
  EXPECT_TRUE(std::is_sorted(data.begin(), data.end()));
  EXPECT_TRUE(without_gap(windows_delivered(requests)));
  EXPECT_EQ(agent.log().find(kToken), std::string::npos) << "the token is never logged";

  auto spool = spool::Spool::open(dir.path() + "/state/spool");
  ASSERT_TRUE(spool) << spool.error();
  EXPECT_EQ(spool->depth(), 0u) << "every window answered 2xx left the spool";
}

TEST(HttpAgent, ServerErrorsAndAnOutageLoseNothingAndTheBacklogArrivesAsHistInOrder) {
  test::HttpTestServer server;
  test::TempDir dir;
  Agent agent(dir, write_config(dir, server));
  ASSERT_TRUE(server.wait_for([](const Requests& r) { return count_data(r) >= 2; }, 20s))
      << agent.log() << describe(server.requests());

  server.set_default_status(500);
  ASSERT_TRUE(server.wait_for([](const Requests& r) { return answered_with(r, 500) >= 3; }, 20s));
  server.set_default_status(200);
  auto before_outage = count_data(server.requests());
  ASSERT_TRUE(
      server.wait_for([&](const Requests& r) { return count_data(r) >= before_outage + 1; }, 20s))
      << agent.log() << describe(server.requests());

  server.stop();
  std::this_thread::sleep_for(3s);  // windows close while nothing listens
  server.start();
  auto after_outage = count_data(server.requests());
  ASSERT_TRUE(server.wait_for(
      [&](const Requests& r) {
        return count_data(r) >= after_outage + 2 && without_gap(windows_delivered(r));
      },
      30s))
      << agent.log() << describe(server.requests());
  agent.process.signal(SIGTERM);
  agent.process.wait(10s);

  auto messages = accepted_messages(server.requests());
  auto hist = seqs_of(messages, "hist");
  ASSERT_FALSE(hist.empty()) << "the windows of both failures are replayed";
  std::vector<std::uint64_t> first_seen;
  for (auto seq : hist) {
    if (std::find(first_seen.begin(), first_seen.end(), seq) == first_seen.end()) {
      first_seen.push_back(seq);
    }
  }
  EXPECT_TRUE(std::is_sorted(first_seen.begin(), first_seen.end())) << "oldest first";
  auto log = agent.log();
  EXPECT_EQ(count_lines_with(log, "HTTP 500"), 1u) << log;
  EXPECT_NE(log.find("windows wait in the spool"), std::string::npos) << log;
}

// The spool on a full tmpfs: windows still go out from memory; those a failing server makes
// the agent lose are counted exactly.
TEST(HttpAgent, ASpoolThatCannotStoreStillSendsAndCountsWhatIsLost) {
  test::HttpTestServer server;
  test::TempDir dir;
  test::SmallTmpfs spool_fs(dir.path() + "/state/spool", 128 * 1024);
  if (!spool_fs.mounted()) GTEST_SKIP() << spool_fs.why();
  spool_fs.fill(dir.path() + "/state/spool/filler");
  Agent agent(dir, write_config(dir, server));
  ASSERT_TRUE(delivers_three_windows_without_gap(server))
      << agent.log() << describe(server.requests());
  server.set_default_status(500);
  ASSERT_TRUE(server.wait_for([](const Requests& r) { return answered_with(r, 500) >= 2; }, 20s));
  server.set_default_status(200);

  // The newest data accepted, and the seqs missing before it.
  auto latest = [&] {
    auto data = accepted_messages(server.requests());
    std::erase_if(data, [](const json& m) { return m.at("kind") != "data"; });
    return data.empty() ? json() : data.back();
  };
  auto missing = [&](const json& newest) {
    auto delivered = windows_delivered(server.requests());
    return newest.at("seq").get<std::uint64_t>() + 1 - delivered.size();
  };
  auto settled = [&](const Requests&) {
    auto newest = latest();
    return !newest.is_null() && newest.at("dropped_total").get<std::uint64_t>() >= 1 &&
           missing(newest) == newest.at("dropped_total").get<std::uint64_t>();
  };
  EXPECT_TRUE(server.wait_for(settled, 20s)) << agent.log() << describe(server.requests());
  agent.process.signal(SIGTERM);
  agent.process.wait(10s);

  auto newest = latest();
  ASSERT_FALSE(newest.is_null());
  EXPECT_EQ(missing(newest), newest.at("dropped_total").get<std::uint64_t>())
      << "dropped_total counts exactly the windows that never arrived";
  EXPECT_TRUE(seqs_of(accepted_messages(server.requests()), "hist").empty())
      << "nothing was stored to replay";
  auto log = agent.log();
  EXPECT_EQ(count_lines_with(log, "spool: cannot store a window"), 1u) << log;
}

TEST(HttpAgent, UnauthorizedKeepsTheWindowsAndSaysSoOnce) {
  test::HttpTestServer server;
  server.set_default_status(401);
  test::TempDir dir;
  Agent agent(dir, write_config(dir, server));
  ASSERT_TRUE(server.wait_for([](const Requests& r) { return answered_with(r, 401) >= 4; }, 20s))
      << agent.log() << describe(server.requests());
  std::this_thread::sleep_for(1500ms);  // more windows close while the token is refused
  auto log = agent.log();
  EXPECT_EQ(count_lines_with(log, "refused the bearer token (check http.token_file)"), 1u) << log;

  server.set_default_status(200);
  ASSERT_TRUE(delivers_three_windows_without_gap(server))
      << agent.log() << describe(server.requests());
  auto hist = seqs_of(accepted_messages(server.requests()), "hist");
  ASSERT_FALSE(hist.empty());
  EXPECT_EQ(hist.front(), 0u) << "the first window, kept through the 401s, is replayed";
  agent.process.signal(SIGTERM);
  EXPECT_EQ(agent.process.wait(10s), std::optional<int>(0));
}

// suanli-central answers 403 to a token that may not post for the agent's center: the agent keeps
// its windows, backs off, says so once (naming its center and the server's reason), reads the
// token file again, and delivers everything once the server accepts.
TEST(HttpAgent, A403KeepsTheWindowsBacksOffAndNamesTheCenter) {
  test::HttpTestServer server;
  server.set_default_status(403);
  test::TempDir dir;
  const auto started = std::chrono::steady_clock::now();
  Agent agent(dir, write_config(dir, server));
  // Five delays of at least 100, 200, 400, 500 and 500 ms (retry 200 to 1000 ms): no hot loop,
  // and more than one window (1 s) closes meanwhile.
  ASSERT_TRUE(server.wait_for([](const Requests& r) { return answered_with(r, 403) >= 6; }, 30s))
      << agent.log() << describe(server.requests());
  EXPECT_GE(std::chrono::steady_clock::now() - started, 1700ms);
  for (const auto& r : server.requests()) {
    auto kinds = json::parse(r.body).at("messages");
    ASSERT_EQ(kinds.size(), 2u) << "only the handshake is tried while refused";
    EXPECT_EQ(kinds[0].at("kind"), "status");
    EXPECT_EQ(kinds[1].at("kind"), "birth");
  }
  auto log = agent.log();
  EXPECT_EQ(count_lines_with(log,
                             "HTTP 403: the server refused this batch for the bearer token "
                             "(check that http.token_file holds a token for center "
                             "sz-aicc): status 403"),
            1u)
      << log;

  server.set_default_status(200);
  ASSERT_TRUE(delivers_three_windows_without_gap(server))
      << agent.log() << describe(server.requests());
  agent.process.signal(SIGTERM);
  EXPECT_EQ(agent.process.wait(10s), std::optional<int>(0));
}

TEST(HttpAgent, A413HalvesTheBatchesAndLosesNothing) {
  test::HttpTestServer server;
  server.queue_statuses({413});  // the first batch: status and birth
  test::TempDir dir;
  Agent agent(dir, write_config(dir, server));
  ASSERT_TRUE(delivers_three_windows_without_gap(server))
      << agent.log() << describe(server.requests());
  agent.process.signal(SIGTERM);
  agent.process.wait(10s);
  auto requests = server.requests();
  ASSERT_GE(requests.size(), 3u);
  EXPECT_EQ(requests[0].answered, 413);
  EXPECT_EQ(json::parse(requests[0].body).at("messages").size(), 2u);
  for (std::size_t i = 1; i < requests.size(); ++i) {
    EXPECT_EQ(json::parse(requests[i].body).at("messages").size(), 1u) << describe(requests);
  }
  EXPECT_EQ(json::parse(requests[1].body).at("messages")[0].at("kind"), "status");
  EXPECT_EQ(json::parse(requests[2].body).at("messages")[0].at("kind"), "birth");
}

TEST(HttpAgent, A400DropsTheBatchAndCountsItsWindows) {
  test::HttpTestServer server;
  server.queue_statuses({200, 400});  // status and birth accepted; the first window refused
  test::TempDir dir;
  Agent agent(dir, write_config(dir, server));
  ASSERT_TRUE(server.wait_for([](const Requests& r) { return count_data(r) >= 2; }, 20s))
      << agent.log() << describe(server.requests());
  agent.process.signal(SIGTERM);
  agent.process.wait(10s);
  auto requests = server.requests();
  ASSERT_GE(requests.size(), 2u);
  ASSERT_EQ(requests[1].answered, 400);
  auto refused = json::parse(requests[1].body).at("messages");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].at("seq"), 0);
  auto messages = accepted_messages(requests);
  auto delivered = windows_delivered(requests);
  EXPECT_FALSE(delivered.contains(0)) << "a refused window is not sent again";
  auto later = std::find_if(messages.begin(), messages.end(), [](const json& m) {
    return m.at("kind") == "data" && m.at("seq") == 2;
  });
  ASSERT_NE(later, messages.end()) << describe(requests);
  EXPECT_EQ(later->at("dropped_total"), 1) << "the window built after the refusal counts it";
  EXPECT_NE(agent.log().find("can never accept"), std::string::npos) << agent.log();
}

// Without http.url the agent publishes over MQTT and never maps libcurl and the libraries it
// brings (docs/benchmarks.md, "Agent footprint"). No broker listens: the agent runs all the same.
TEST(HttpAgent, AnMqttAgentDoesNotLoadLibcurl) {
  test::HttpTestServer server;
  test::TempDir dir;
  json cfg = json::parse(std::ifstream(write_config(dir, server)));
  cfg.erase("http");
  cfg["mqtt"] = {{"uri", "mqtt://127.0.0.1:" + std::to_string(test::free_port())}};
  Agent agent(dir, dir.write("agent.json", cfg.dump()));
  // "boot N: ... devices; sampling every ..." is logged once the uplink is made and the signal
  // handlers are in place, before the first sample.
  const std::string started = " devices; sampling every ";
  auto deadline = std::chrono::steady_clock::now() + 20s;
  while (agent.log().find(started) == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_NE(agent.log().find(started), std::string::npos) << agent.log();
  EXPECT_FALSE(maps_libcurl(agent.process.pid()));
  agent.process.signal(SIGTERM);
  EXPECT_EQ(agent.process.wait(10s), std::optional<int>(0)) << agent.log();
}

TEST(HttpAgent, AnUnreadableTokenFileStopsTheStart) {
  test::HttpTestServer server;
  test::TempDir dir;
  json cfg = json::parse(std::ifstream(write_config(dir, server)));
  cfg["http"]["token_file"] = dir.path() + "/no-such-token";
  auto result =
      test::run_process({kAgent, "--config", dir.write("agent.json", cfg.dump())}, {}, 20s);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("http.token_file"), std::string::npos) << result.err;
  EXPECT_TRUE(server.requests().empty());
}

}  // namespace
}  // namespace suanli
