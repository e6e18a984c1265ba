#include "agent/runtime.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>

#include "agent/device_set.hpp"
#include "agent/messages.hpp"
#include "config/program.hpp"

namespace suanli::agent {

namespace asio = boost::asio;
using std::chrono::milliseconds;

struct Runtime::Impl {
  Impl(config::AgentConfig c, std::string path, std::shared_ptr<const Catalog> cat, std::uint64_t b,
       Uplink& u)
      : cfg(std::move(c)),
        config_path(std::move(path)),
        catalog(std::move(cat)),
        boot(b),
        uplink(u),
        devices(cfg, catalog) {}

  ~Impl() {
    if (discovery.joinable()) discovery.join();
  }

  config::AgentConfig cfg;
  std::string config_path;
  std::shared_ptr<const Catalog> catalog;
  std::uint64_t boot;
  Uplink& uplink;

  asio::io_context io;
  asio::signal_set signals{io, SIGTERM, SIGINT, SIGHUP};
  asio::steady_timer window_timer{io};
  asio::steady_timer discovery_timer{io};
  // The lane's worker (agent/call_lane.hpp) starts the sample rounds by itself and leaves the
  // finished ones for the window's close, so that the main loop is not woken every sample.
  std::atomic<int> sample_interval_ms{0};  // the lane's copy of cfg.sample_interval_ms
  std::mutex rounds_mutex;
  std::vector<std::vector<collectors::Reading>> finished_rounds;
  // Discovery waits for vendor calls, so it has a thread of its own while it runs.
  std::thread discovery;
  std::atomic<bool> discovering{false};

  std::vector<wire::Device> inventory;  // the loop's copy
  std::optional<WindowAccumulator> window;
  WindowClock window_clock;
  std::uint64_t seq = 0;
  std::atomic<bool> stopping{false};
  DeviceSet devices;  // last: it ends first, and with it the rounds that use the above

  wire::Header header() { return {*cfg.center, cfg.node, boot, seq, now_ms()}; }

  // Windows are contiguous on the steady clock: the next one starts where the last one ended.
  void close_window() {
    take_rounds();
    auto h = header();
    WindowClock::Closed closed = window_clock.close(h.ts_ms, std::chrono::steady_clock::now());
    if (closed.step_ms != 0) {
      spdlog::warn("the wall clock stepped by {} ms during window {}: dated {}..{} by its length",
                   closed.step_ms, seq, closed.span.start_ms, closed.span.end_ms);
    }
    auto data = make_data(h, static_cast<std::uint64_t>(cfg.publish_interval_ms), closed.span,
                          *window, inventory, uplink.stats());
    ++seq;
    uplink.publish(data);
    window.emplace(inventory);
  }

  // Calls `handler` every `period()` (read again each time, so SIGHUP can change it). Ticks
  // missed while a handler ran long (a vendor call's deadline) are skipped, not caught up.
  template <class Period, class Handler>
  void every(asio::steady_timer& timer, Period period, Handler handler) {
    auto next = timer.expiry() + period();
    const auto now = asio::steady_timer::clock_type::now();
    while (next <= now)
      next += period();
    timer.expires_at(next);
    timer.async_wait([this, &timer, period, handler](const boost::system::error_code& ec) {
      if (ec || stopping) return;
      handler();
      every(timer, period, handler);
    });
  }

  // Adds the rounds the worker finished since the last call to the open window.
  void take_rounds() {
    std::vector<std::vector<collectors::Reading>> rounds;
    {
      std::lock_guard lock(rounds_mutex);
      rounds.swap(finished_rounds);
    }
    for (const auto& readings : rounds) {
      if (window && readings.size() == inventory.size()) window->add(readings);
    }
  }

  // On the lane's worker, at the end of each round.
  void on_round(std::vector<collectors::Reading> readings) {
    if (stopping) return;
    {
      std::lock_guard lock(rounds_mutex);
      finished_rounds.push_back(std::move(readings));
    }
    // A driver error re-opens its backend now, not at the next discovery interval.
    if (!discovering && devices.rediscovery_due()) asio::post(io, [this] { on_discovery(); });
  }

  // Enumerates again on the discovery thread, which hands a changed inventory to the loop. One
  // discovery at a time: while one runs (a hung call), the next is skipped.
  void on_discovery() {
    if (discovering.exchange(true)) return;
    if (discovery.joinable()) discovery.join();  // the last one, which has finished
    discovery = std::thread([this] {
      devices.discover();
      auto found = devices.inventory();
      discovering = false;
      asio::post(io, [this, found = std::move(found)] {
        if (found == inventory || stopping) return;
        spdlog::info("inventory changed: {} devices (was {})", found.size(), inventory.size());
        close_window();
        inventory = found;
        window.emplace(inventory);
        uplink.update_birth(make_birth(cfg, header(), inventory));
      });
    });
  }

  void reload() {
    auto next = config::load_agent_config_file(config_path, config::Mode::service,
                                               collectors::backend_specs());
    if (!next) {
      spdlog::error("SIGHUP: {} is invalid; going on with the old config", config_path);
      for (const auto& problem : next.error())
        spdlog::error("  {}", problem);
      return;
    }
    bool restart_needed = next->center != cfg.center || next->node != cfg.node ||
                          next->mqtt.uri != cfg.mqtt.uri || next->http_url != cfg.http_url;
    cfg.sample_interval_ms = next->sample_interval_ms;
    sample_interval_ms = cfg.sample_interval_ms;
    cfg.publish_interval_ms = next->publish_interval_ms;
    cfg.district = next->district;
    cfg.call_timeout_ms = next->call_timeout_ms;
    devices.set_call_timeout(std::chrono::milliseconds(cfg.call_timeout_ms));
    spdlog::info("SIGHUP: {} reloaded (intervals {} / {} ms, vendor call deadline {} ms)",
                 config_path, cfg.sample_interval_ms, cfg.publish_interval_ms, cfg.call_timeout_ms);
    if (restart_needed) {
      spdlog::warn("SIGHUP: changes of center, node or uplink address take effect at restart");
    }
    uplink.update_birth(make_birth(cfg, header(), inventory));
  }

  void wait_signals() {
    signals.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      if (signo == SIGHUP) {
        reload();
        wait_signals();
        return;
      }
      spdlog::info("signal {}: closing the window and stopping", signo);
      stopping = true;
      window_timer.cancel();
      discovery_timer.cancel();
      close_window();
      uplink.stop();
      io.stop();
    });
  }

  int run() {
    devices.discover();
    inventory = devices.inventory();
    spdlog::info("boot {}: {} devices; sampling every {} ms, a window every {} ms", boot,
                 inventory.size(), cfg.sample_interval_ms, cfg.publish_interval_ms);
    uplink.start(make_birth(cfg, header(), inventory));
    auto now = asio::steady_timer::clock_type::now();
    window.emplace(inventory);
    window_clock.open(now_ms(), now);
    window_timer.expires_at(now);
    discovery_timer.expires_at(now);
    sample_interval_ms = cfg.sample_interval_ms;
    devices.start_sampling([this] { return milliseconds(sample_interval_ms.load()); },
                           [this](auto readings) { on_round(std::move(readings)); });
    every(
        window_timer, [this] { return milliseconds(cfg.publish_interval_ms); },
        [this] { close_window(); });
    every(
        discovery_timer, [this] { return milliseconds(cfg.discovery_interval_s * 1000LL); },
        [this] { on_discovery(); });
    wait_signals();
    io.run();
    return kExitOk;
  }
};

Runtime::Runtime(config::AgentConfig cfg, std::string config_path,
                 std::shared_ptr<const Catalog> catalog, std::uint64_t boot, Uplink& uplink)
    : impl_(std::make_unique<Impl>(std::move(cfg), std::move(config_path), std::move(catalog), boot,
                                   uplink)) {}

Runtime::~Runtime() = default;

int Runtime::run() {
  return impl_->run();
}

}  // namespace suanli::agent
