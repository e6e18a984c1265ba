#pragma once

#include <cstdint>
#include <optional>

#include "uplink/wire/messages.hpp"

namespace suanli::agent {

// What the data message reports about delivery.
struct UplinkStats {
  std::uint64_t dropped_total = 0;  // windows lost (window_spooler.hpp)
  std::uint64_t spool_depth = 0;    // windows not yet acknowledged
  std::uint64_t spool_bytes = 0;
  std::optional<double> last_publish_latency_ms{};
  std::optional<wire::SpoolFaults> spool_faults{};
};

// Where the runtime sends its messages: MQTT with a spool, or HTTP. Called on the runtime's
// event loop only; an implementation does its waiting elsewhere.
class Uplink {
 public:
  virtual ~Uplink() = default;
  // Connects (asynchronously); `birth` is published on every connect and on rebirth.
  virtual void start(const wire::Birth& birth) = 0;
  virtual void update_birth(const wire::Birth& birth) = 0;
  // Stores the window, then sends it; it leaves the store when the far end acknowledges it.
  virtual void publish(const wire::Data& window) = 0;
  virtual UplinkStats stats() const = 0;
  // Sends status offline and disconnects cleanly, waiting at most a few seconds.
  virtual void stop() = 0;
};

}  // namespace suanli::agent
