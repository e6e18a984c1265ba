#include "agent/http_uplink.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "agent/uplink_support.hpp"
#include "agent/window_spooler.hpp"
#include "uplink/http/batch.hpp"
#include "uplink/http/bearer_token.hpp"
#include "uplink/http/poster.hpp"
#include "uplink/mqtt/backoff.hpp"
#include "uplink/wire/codec.hpp"

namespace suanli::agent {
namespace {

using SteadyClock = std::chrono::steady_clock;
// stop(): how long the last POST (live windows, status offline) may take in all.
constexpr std::chrono::milliseconds kHttpStopWait{3000};
// How often an idle worker looks at the spool again without being woken.
constexpr std::chrono::milliseconds kHttpIdleCheck{1000};

struct BatchItem {
  wire::Kind kind;
  std::string payload;
  std::optional<std::uint64_t> spool_id;  // data and hist; none for a memory-only window
};

struct LiveWindow {
  std::optional<std::uint64_t> spool_id;  // none: memory-only (window_spooler.hpp)
  std::string payload;
};

bool is_window(const BatchItem& item) {
  return item.kind == wire::Kind::data || item.kind == wire::Kind::hist;
}

// What went wrong in the current failure episode; each is logged once per episode.
enum class Trouble { none, transport, refused_token, wrong_url, server };

class HttpUplink final : public Uplink {
 public:
  HttpUplink(const config::AgentConfig& cfg, spool::Spool spool,
             std::unique_ptr<http::HttpPoster> poster)
      : cfg_(cfg),
        spool_(std::move(spool)),
        poster_(std::move(poster)),
        backoff_(std::chrono::milliseconds(cfg.http_retry_min_ms),
                 std::chrono::milliseconds(cfg.http_retry_max_ms)),
        hist_rate_(std::max(1, cfg.replay_per_s)),
        hist_burst_(std::min<double>(hist_rate_, http::kMaxBatchMessages)) {}

  ~HttpUplink() override { stop(); }

  void start(const wire::Birth& birth) override {
    std::lock_guard lock(mutex_);
    birth_ = birth;
    restart_handshake_locked();
    last_refill_ = SteadyClock::now();
    worker_ = std::thread([this] { run(); });
  }

  void update_birth(const wire::Birth& birth) override {
    std::lock_guard lock(mutex_);
    birth_ = birth;
    // A birth already in flight carries the old inventory: queue another one.
    auto waiting = control_.begin() + static_cast<std::ptrdiff_t>(control_in_flight_);
    if (std::find(waiting, control_.end(), wire::Kind::birth) == control_.end()) {
      control_.push_back(wire::Kind::birth);
    }
    wake_.notify_all();
  }

  void publish(const wire::Data& window) override {
    std::string payload = wire::encode(window);
    std::lock_guard lock(mutex_);
    next_seq_ = window.header.seq + 1;
    auto id = spooler_.store(payload);
    // While not delivering, a spooled window waits there and is replayed on hist; a memory-only
    // one is lost.
    if (delivering_) {
      live_.push_back({id, std::move(payload)});
    } else if (!id) {
      spooler_.lost(1);
    }
    wake_.notify_all();
  }

  UplinkStats stats() const override {
    std::lock_guard lock(mutex_);
    return spooler_.stats(last_latency_ms_);
  }

  void stop() override {
    std::unique_lock lock(mutex_);
    if (stop_requested_) return;
    stop_requested_ = true;
    stop_deadline_ = SteadyClock::now() + kHttpStopWait;
    wake_.notify_all();
    if (!worker_.joinable()) return;
    if (!wake_.wait_until(lock, stop_deadline_, [this] { return finished_; })) {
      abort_ = true;  // ends a POST that is still waiting for the server
    }
    lock.unlock();
    worker_.join();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!stop_requested_) {
      auto now = SteadyClock::now();
      if (now < retry_at_) {
        wake_.wait_until(lock, retry_at_, [this] { return stop_requested_; });
        continue;
      }
      auto wait_until = now + kHttpIdleCheck;
      auto batch = next_batch_locked(now, wait_until);
      if (batch.empty()) {
        wake_.wait_until(lock, wait_until);
        continue;
      }
      control_in_flight_ = static_cast<std::size_t>(
          std::count_if(batch.begin(), batch.end(), [](const BatchItem& item) {
            return item.kind == wire::Kind::status || item.kind == wire::Kind::birth;
          }));
      lock.unlock();
      auto sent = SteadyClock::now();
      auto result = poster_->post(body_of(batch), std::nullopt, &abort_);
      lock.lock();
      control_in_flight_ = 0;
      settle_locked(batch, result, sent);
    }
    send_last_locked(lock);
    finished_ = true;
    wake_.notify_all();
  }

  // After start and after every failure: status online and birth go first, alone. The live
  // windows wait in the spool, to be replayed on hist; the memory-only ones among them are lost.
  void restart_handshake_locked() {
    delivering_ = false;
    control_ = {wire::Kind::status, wire::Kind::birth};
    spooler_.lost(static_cast<std::uint64_t>(std::count_if(
        live_.begin(), live_.end(), [](const LiveWindow& live) { return !live.spool_id; })));
    live_.clear();
  }

  BatchItem control_item_locked(wire::Kind kind, bool online = true) const {
    if (kind == wire::Kind::birth) {
      return {kind, encode_birth(birth_, next_seq_, spooler_.faults()), std::nullopt};
    }
    return {kind, encode_status(online, announcement_header(birth_, next_seq_)), std::nullopt};
  }

  // Adds `item` when the batch stays within its bounds (a lone item always fits).
  bool add_if_fits(std::vector<BatchItem>& batch, std::size_t& bytes, BatchItem item) const {
    if (batch.size() >= batch_cap_) return false;
    std::size_t grown = bytes + item.payload.size();
    if (!batch.empty() &&
        grown + http::batch_envelope_bytes(batch.size() + 1) > http::kMaxBatchBytes) {
      return false;
    }
    bytes = grown;
    batch.push_back(std::move(item));
    return true;
  }

  // Control messages, then live data, then backlog as hist within the replay rate. When only the
  // backlog waits and the rate allows too little of it yet, returns nothing and sets `wake_at`.
  std::vector<BatchItem> next_batch_locked(SteadyClock::time_point now,
                                           SteadyClock::time_point& wake_at) {
    std::vector<BatchItem> batch;
    std::size_t bytes = 0;
    for (auto kind : control_) {
      if (!add_if_fits(batch, bytes, control_item_locked(kind))) return batch;
    }
    if (!delivering_) return batch;
    for (const auto& live : live_) {
      if (!add_if_fits(batch, bytes, {wire::Kind::data, live.payload, live.spool_id})) {
        return batch;
      }
    }
    if (backlog_done_) return batch;
    refill_hist_tokens_locked(now);
    std::size_t room = batch_cap_ - batch.size();
    auto want = std::min<std::size_t>(room, static_cast<std::size_t>(hist_burst_));
    if (want == 0) return batch;
    std::vector<spool::Record> backlog;
    for (auto& record : spool_.read_after(replay_cursor_, want)) {
      if (record.id >= backlog_end_) break;
      backlog.push_back(std::move(record));
    }
    if (backlog.empty()) {
      backlog_done_ = true;
      return batch;
    }
    // Alone, hist waits until the rate allows the whole of what is there (up to one burst), so
    // that a slow replay rate means fewer, fuller POSTs rather than one per record.
    auto allowed = static_cast<std::size_t>(hist_tokens_);
    if (batch.empty() && allowed < backlog.size()) {
      auto missing = static_cast<double>(backlog.size()) - hist_tokens_;
      wake_at = std::min(wake_at, now + std::chrono::duration_cast<SteadyClock::duration>(
                                            std::chrono::duration<double>(missing / hist_rate_)));
      return batch;
    }
    for (auto& record : backlog) {
      if (allowed == 0) break;
      auto hist = spooled_data_as_hist(cfg_, record.payload);
      if (!hist) {
        spdlog::warn("spool: record {} is not a data message; dropped", record.id);
        spool_.acknowledge(record.id);
        replay_cursor_ = record.id;
        continue;
      }
      if (!add_if_fits(batch, bytes, {wire::Kind::hist, std::move(*hist), record.id})) break;
      hist_tokens_ -= 1;
      --allowed;
    }
    return batch;
  }

  void refill_hist_tokens_locked(SteadyClock::time_point now) {
    std::chrono::duration<double> elapsed = now - last_refill_;
    last_refill_ = now;
    hist_tokens_ = std::min(hist_burst_, hist_tokens_ + elapsed.count() * hist_rate_);
  }

  static std::string body_of(const std::vector<BatchItem>& batch) {
    std::vector<std::string> messages;
    messages.reserve(batch.size());
    for (const auto& item : batch)
      messages.push_back(item.payload);
    return http::batch_body(messages);
  }

  void settle_locked(const std::vector<BatchItem>& batch,
                     const Expected<http::PostResponse>& result, SteadyClock::time_point sent) {
    if (!result) return fail_locked(Trouble::transport, "POST failed: " + result.error());
    long status = result->status;
    switch (http::classify_status(status)) {
      case http::Verdict::accepted:
        return accept_locked(batch, sent);
      case http::Verdict::unauthorized:
        reload_token_locked();
        return fail_locked(Trouble::refused_token, refusal(status, result->body));
      case http::Verdict::not_found:
        return fail_locked(
            Trouble::wrong_url,
            "HTTP " + std::to_string(status) + ": nothing ingests at this URL (check http.url)");
      case http::Verdict::too_large:
        if (batch.size() > 1) {
          batch_cap_ = std::max<std::size_t>(1, batch.size() / 2);
          spdlog::warn("http: 413 from {}: batches now hold at most {} messages", poster_->url(),
                       batch_cap_);
          return;
        }
        return reject_locked(batch, status);
      case http::Verdict::rejected:
        return reject_locked(batch, status);
      case http::Verdict::retry:
        return fail_locked(Trouble::server,
                           "HTTP " + std::to_string(status) + " " + first_line(result->body));
    }
  }

  // 401: the token is unknown. 403: it is known but may not post this batch; suanli-central
  // answers so when the token is not one of this agent's center, and says why in the body.
  std::string refusal(long status, const std::string& body) const {
    if (status != 403) {
      return "HTTP " + std::to_string(status) +
             ": the server refused the bearer token (check http.token_file)";
    }
    return "HTTP 403: the server refused this batch for the bearer token (check that "
           "http.token_file holds a token for center " +
           cfg_.center.value_or("?") + "): " + first_line(body);
  }

  static std::string first_line(const std::string& text) {
    return text.substr(0, std::min<std::size_t>(text.find('\n'), 200));
  }

  // The batch leaves the spool and the queues, whatever the reason (accepted or refused); the
  // handshake is done when its status and birth are gone.
  void retire_locked(const std::vector<BatchItem>& batch) {
    for (const auto& item : batch) {
      if (item.kind == wire::Kind::status || item.kind == wire::Kind::birth) {
        if (!control_.empty()) control_.pop_front();
        continue;
      }
      if (item.spool_id) spool_.acknowledge(*item.spool_id);
      if (item.kind == wire::Kind::data && !live_.empty()) live_.pop_front();
      if (item.kind == wire::Kind::hist) replay_cursor_ = *item.spool_id;
    }
    if (!delivering_ && control_.empty()) {
      spdlog::info("http: delivering to {}", poster_->url());
      delivering_ = true;
      // Everything in the spool now was not acknowledged: the backlog, replayed on hist.
      backlog_end_ = spool_.next_id();
      replay_cursor_ = 0;
      backlog_done_ = false;
    }
  }

  void accept_locked(const std::vector<BatchItem>& batch, SteadyClock::time_point sent) {
    retire_locked(batch);
    bool carried_windows = std::any_of(batch.begin(), batch.end(), is_window);
    if (carried_windows) {
      last_latency_ms_ =
          std::chrono::duration<double, std::milli>(SteadyClock::now() - sent).count();
    }
    backoff_.reset();
    trouble_ = Trouble::none;
  }

  void reject_locked(const std::vector<BatchItem>& batch, long status) {
    auto windows = static_cast<std::uint64_t>(std::count_if(batch.begin(), batch.end(), is_window));
    spdlog::error(
        "http: HTTP {} from {}: the server can never accept this batch of {} messages; "
        "dropped ({} windows)",
        status, poster_->url(), batch.size(), windows);
    spooler_.lost(windows);
    retire_locked(batch);
  }

  void fail_locked(Trouble trouble, const std::string& why) {
    if (trouble != trouble_) {
      auto level = trouble == Trouble::refused_token || trouble == Trouble::wrong_url
                       ? spdlog::level::err
                       : spdlog::level::warn;
      spdlog::log(level, "http: {}: {}; windows wait in the spool", poster_->url(), why);
      trouble_ = trouble;
    } else {
      spdlog::debug("http: {}: {}", poster_->url(), why);
    }
    restart_handshake_locked();
    retry_at_ = SteadyClock::now() + backoff_.next();
  }

  // An operator may fix the token file while the agent runs.
  void reload_token_locked() {
    if (!cfg_.http_token_file) return;
    auto token = http::read_bearer_token(*cfg_.http_token_file);
    if (token) poster_->set_bearer_token(std::move(*token));
  }

  // Best effort at stop: the live windows not yet sent, then status offline.
  void send_last_locked(std::unique_lock<std::mutex>& lock) {
    BatchItem offline = control_item_locked(wire::Kind::status, false);
    std::vector<BatchItem> batch;
    std::size_t bytes = offline.payload.size() + 1;  // its place is kept in the batch's bounds
    if (delivering_) {
      for (const auto& live : live_) {
        if (batch.size() + 1 >= batch_cap_) break;
        if (!add_if_fits(batch, bytes, {wire::Kind::data, live.payload, live.spool_id})) break;
      }
    }
    batch.push_back(std::move(offline));
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(stop_deadline_ - SteadyClock::now());
    lock.unlock();
    auto result =
        poster_->post(body_of(batch), std::max(left, std::chrono::milliseconds(100)), &abort_);
    lock.lock();
    if (result && http::classify_status(result->status) == http::Verdict::accepted) {
      for (const auto& item : batch) {
        if (item.spool_id) spool_.acknowledge(*item.spool_id);
      }
    } else {
      spdlog::warn("http: status offline not delivered: {}",
                   result ? "HTTP " + std::to_string(result->status) : result.error());
    }
  }

  config::AgentConfig cfg_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  spool::Spool spool_;
  WindowSpooler spooler_{spool_, cfg_.spool_max_bytes};
  std::unique_ptr<http::HttpPoster> poster_;  // used on the worker thread only
  mqtt::Backoff backoff_;
  std::thread worker_;
  std::atomic<bool> abort_{false};
  wire::Birth birth_;
  std::deque<wire::Kind> control_;     // status and birth due, in order
  std::size_t control_in_flight_ = 0;  // the first ones of control_ are being POSTed
  std::deque<LiveWindow> live_;        // windows published while delivering, oldest first
  bool delivering_ = false;            // the handshake after start or after a failure is done
  Trouble trouble_ = Trouble::none;
  SteadyClock::time_point retry_at_{};
  std::size_t batch_cap_ = http::kMaxBatchMessages;
  std::uint64_t backlog_end_ = 0;  // ids below it are replayed on hist
  std::uint64_t replay_cursor_ = 0;
  bool backlog_done_ = false;
  double hist_rate_;
  double hist_burst_;
  double hist_tokens_ = 0;
  SteadyClock::time_point last_refill_{};
  std::uint64_t next_seq_ = 0;
  std::optional<double> last_latency_ms_;
  bool stop_requested_ = false;
  bool finished_ = false;
  SteadyClock::time_point stop_deadline_{};
};

}  // namespace

Expected<std::unique_ptr<Uplink>> make_http_uplink(const config::AgentConfig& cfg) {
  using Result = Expected<std::unique_ptr<Uplink>>;
  std::optional<std::string> token;
  if (cfg.http_token_file) {
    auto read = http::read_bearer_token(*cfg.http_token_file);
    if (!read) return Result::failure(read.error());
    token = std::move(read).value();
  }
  auto poster = http::HttpPoster::create({.url = *cfg.http_url,
                                          .bearer_token = std::move(token),
                                          .timeout = std::chrono::milliseconds(cfg.http_timeout_ms),
                                          .ca_file = cfg.http_ca_file});
  if (!poster) return Result::failure(poster.error());
  auto spool = open_uplink_spool(cfg);
  if (!spool) return Result::failure("spool: " + spool.error());
  return std::unique_ptr<Uplink>(
      std::make_unique<HttpUplink>(cfg, std::move(spool).value(), std::move(poster).value()));
}

}  // namespace suanli::agent
